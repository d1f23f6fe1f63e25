package store

import (
	"errors"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/smithy-go"
	"github.com/personaportal/portal/internal/apierr"
)

// dbErr turns a DynamoDB failure into the API's terms: a failed condition is
// a conflict, anything else a dependency failure (503, nothing written: the
// portal only writes through single calls or transactions).
func dbErr(err error) error {
	if err == nil {
		return nil
	}
	var ae *apierr.Error
	if errors.As(err, &ae) {
		return err
	}
	var ccf *types.ConditionalCheckFailedException
	if errors.As(err, &ccf) {
		return apierr.Conflict("the object changed meanwhile; read it again and retry")
	}
	var tce *types.TransactionConflictException
	if errors.As(err, &tce) {
		return apierr.Conflict("a concurrent change won; read again and retry")
	}
	var api smithy.APIError
	if errors.As(err, &api) {
		switch api.ErrorCode() {
		case "ValidationException", "SerializationException", "ResourceNotFoundException", "AccessDeniedException":
			// The request itself is wrong, or the deployment is: a bug, not an outage.
			return apierr.Internal(err)
		}
	}
	return apierr.Unavailable(err)
}
