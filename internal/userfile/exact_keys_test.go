package userfile

import (
	"errors"
	"testing"

	"github.com/personaportal/portal/internal/apierr"
)

// An NDJSON line is read as strictly as a request body: exact keys, no key
// twice, bounded nesting, clean UTF-8.
func TestNDJSONLinesMatchKeysExactly(t *testing.T) {
	for _, c := range []struct {
		name, line, field string
	}{
		{"a user field in capitals is an unknown field", `{"EMAIL":"a@x.test"}`, "EMAIL"},
		{"a persona field in another case is an unknown field", `{"email":"a@x.test","personas":[{"type":"t","Preferred":true}]}`, "personas[0].Preferred"},
		{"a status field in another case is an unknown field", `{"email":"a@x.test","personas":[{"type":"t","status":{"Value":"revoked"}}]}`, "personas[0].status.Value"},
		{"a key given twice is refused", `{"email":"a@x.test","email":"b@x.test"}`, "email"},
		{"a key given twice in a persona's attributes is refused", `{"email":"a@x.test","personas":[{"type":"t","attributes":{"a":1,"a":2}}]}`, "personas[0].attributes.a"},
		{"a lone surrogate escape is refused", `{"email":"a@x.test","given_name":"\udc00"}`, "given_name"},
		{"invalid UTF-8 is refused", "{\"email\":\"a@x.test\",\"given_name\":\"\xff\"}", ""},
		{"a line nested too deep is refused", `{"email":"a@x.test","attributes":{"a":` + nestedArrays(100) + `}}`, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			lines, err := Read([]byte(c.line), NDJSON)
			if err != nil || len(lines) != 1 {
				t.Fatal(err, lines)
			}
			var e *apierr.Error
			if !errors.As(lines[0].Err, &e) || e.Code != "invalid_request" {
				t.Fatalf("line read as %+v (err %v)", lines[0].User, lines[0].Err)
			}
			if fields, _ := e.Details["fields"].(map[string]string); c.field != "" && fields[c.field] == "" {
				t.Fatalf("the error does not name %s: %v", c.field, e.Details)
			}
		})
	}
}

func nestedArrays(n int) string {
	b := make([]byte, 0, 2*n+1)
	for range n {
		b = append(b, '[')
	}
	b = append(b, '1')
	for range n {
		b = append(b, ']')
	}
	return string(b)
}
