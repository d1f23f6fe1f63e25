package mail

import (
	"errors"

	"github.com/aws/aws-sdk-go-v2/service/sesv2/types"
)

// PermanentError marks a failure that retrying cannot fix (a rejected
// address, an unverified sender): the message is not sent again.
type PermanentError struct{ Err error }

func (e *PermanentError) Error() string { return "permanent: " + e.Err.Error() }
func (e *PermanentError) Unwrap() error { return e.Err }

// Permanent reports whether err means the message will never be accepted.
// Throttling, server errors and network failures are transient.
func Permanent(err error) bool {
	var pe *PermanentError
	var rejected *types.MessageRejected
	var unverified *types.MailFromDomainNotVerifiedException
	var bad *types.BadRequestException
	var notFound *types.NotFoundException
	var suspended *types.AccountSuspendedException
	return errors.As(err, &pe) || errors.As(err, &rejected) || errors.As(err, &unverified) ||
		errors.As(err, &bad) || errors.As(err, &notFound) || errors.As(err, &suspended)
}
