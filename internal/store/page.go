package store

import (
	"encoding/json"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/personaportal/portal/internal/apierr"
)

// Page asks for one page of a list.
type Page struct {
	Limit int32
	// Start is the opaque position a previous page returned (nil: first page).
	Start []byte
}

// errBadCursor is returned when a start position does not belong to the
// query it is used with.
var errBadCursor = apierr.InvalidField("cursor", "is not a cursor of this list")

// encodeKey turns a LastEvaluatedKey into opaque bytes (nil when the list
// is done). All key attributes of the table are strings.
func encodeKey(k map[string]types.AttributeValue) []byte {
	if len(k) == 0 {
		return nil
	}
	m := make(map[string]string, len(k))
	for name, v := range k {
		if s, ok := v.(*types.AttributeValueMemberS); ok {
			m[name] = s.Value
		}
	}
	b, _ := json.Marshal(m)
	return b
}

// maxKeyBytes bounds every key value of a start position: DynamoDB refuses
// sort keys over 1024 bytes and empty key values (the portal's own keys are
// far shorter), and would answer a forged one with a ValidationException.
const maxKeyBytes = 1024

// decodeKey checks a start position against the query it is used with: it
// must name exactly the expected key attributes, each a value DynamoDB
// accepts as a key, and sit in the queried partition, so a forged cursor
// can never read another partition nor make DynamoDB refuse the query.
func decodeKey(b []byte, partAttr, partValue string, attrs ...string) (map[string]types.AttributeValue, error) {
	if len(b) == 0 {
		return nil, nil
	}
	var m map[string]string
	if err := json.Unmarshal(b, &m); err != nil || len(m) != len(attrs) || m[partAttr] != partValue {
		return nil, errBadCursor
	}
	out := make(map[string]types.AttributeValue, len(m))
	for _, a := range attrs {
		v, ok := m[a]
		if !ok || v == "" || len(v) > maxKeyBytes {
			return nil, errBadCursor
		}
		out[a] = &types.AttributeValueMemberS{Value: v}
	}
	return out, nil
}
