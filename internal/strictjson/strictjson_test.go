package strictjson

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/personaportal/portal/internal/apierr"
	"github.com/personaportal/portal/internal/domain"
)

type inner struct {
	Name string `json:"name"`
}

type embedded struct {
	Promoted string `json:"promoted"`
}

type selfDecoding struct{ raw json.RawMessage }

func (s *selfDecoding) UnmarshalJSON(b []byte) error { s.raw = b; return nil }

type shaped struct{}

type shapedObject struct {
	Value string `json:"value"`
}

func (*shaped) StrictJSONObject() any          { return (*shapedObject)(nil) }
func (s *shaped) UnmarshalJSON(b []byte) error { return nil }

type dest struct {
	embedded
	*inner
	Plain    string `json:"plain"`
	Hidden   string `json:"-"`
	Untagged string
	Ptr      *inner              `json:"ptr"`
	List     []inner             `json:"list"`
	Attrs    map[string]any      `json:"attrs"`
	Until    domain.NullableTime `json:"until"`
	Self     selfDecoding        `json:"self"`
	Shaped   *shaped             `json:"shaped"`
	Nested   map[string][]*inner `json:"nested"`
	Raw      json.RawMessage     `json:"raw"`
	Any      any                 `json:"any"`
}

func TestCheck(t *testing.T) {
	for _, c := range []struct {
		name, doc string
		field     string // "" when accepted
	}{
		{"every field spelled exactly is accepted", `{"promoted":"a","name":"b","plain":"c","Untagged":"d","ptr":{"name":"e"},` +
			`"list":[{"name":"f"}],"attrs":{"A":1,"a":{"B":[1]}},"until":null,"self":{"ANY":1},"shaped":{"value":"x"},` +
			`"nested":{"k":[{"name":"g"},null]},"raw":{"X":1},"any":{"Y":[{"Z":1}]}}`, ""},
		{"a surrogate pair and escapes are accepted", `{"plain":"\ud83d\ude00 \\ud800 \" \u00e9 é"}`, ""},
		{"a shaped value may also be a string", `{"shaped":"x"}`, ""},
		{"syntax errors are left to encoding/json", `{"plain":`, ""},
		{"a promoted field in another case is unknown", `{"Promoted":"a"}`, "Promoted"},
		{"a field of an embedded pointer in another case is unknown", `{"NAME":"a"}`, "NAME"},
		{"a hidden field is unknown", `{"Hidden":"a"}`, "Hidden"},
		{"an untagged field spelled otherwise is unknown", `{"untagged":"a"}`, "untagged"},
		{"a field behind a pointer is matched exactly", `{"ptr":{"Name":"a"}}`, "ptr.Name"},
		{"a field in a list is matched exactly", `{"list":[{"name":"a"},{"nAme":"b"}]}`, "list[1].nAme"},
		{"a field in a map of lists is matched exactly", `{"nested":{"k":[{"NAME":"a"}]}}`, "nested.k[0].NAME"},
		{"a shaped object is matched exactly", `{"shaped":{"Value":"x"}}`, "shaped.Value"},
		{"a key twice is refused", `{"plain":"a","plain":"a"}`, "plain"},
		{"a key twice in a map is refused", `{"attrs":{"a":1,"a":1}}`, "attrs.a"},
		{"a key twice in a raw message is refused", `{"raw":{"a":1,"a":1}}`, "raw.a"},
		{"a key twice in a self-decoding value is refused", `{"self":{"a":{"b":1,"b":2}}}`, "self.a.b"},
		{"a lone high surrogate is refused", `{"plain":"a\ud800b"}`, "plain"},
		{"a lone low surrogate is refused", `{"attrs":{"k":["\udfff"]}}`, "attrs.k[0]"},
		{"a high surrogate followed by another high one is refused", `{"plain":"\ud800\ud800"}`, "plain"},
		{"a lone surrogate in a key is refused", `{"attrs":{"\ud800":1}}`, "attrs.(key)"},
		{"invalid UTF-8 is refused", "{\"plain\":\"\xc3\"}", "plain"},
		{"nesting beyond the bound is refused", `{"any":` + nest(MaxDepth) + `}`, "any" + brackets(MaxDepth-1)},
		{"nesting up to the bound is accepted", `{"any":` + nest(MaxDepth-1) + `}`, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := Check([]byte(c.doc), &dest{})
			if c.field == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			var e *apierr.Error
			if !errors.As(err, &e) || e.Status != 400 || e.Code != "invalid_request" {
				t.Fatalf("%v", err)
			}
			if fields, _ := e.Details["fields"].(map[string]string); fields[c.field] == "" {
				t.Fatalf("%v does not name %s", e.Details, c.field)
			}
		})
	}
}

func TestExtraTopLevelKeysAreLetThroughForTheCallerToRefuse(t *testing.T) {
	if err := Check([]byte(`{"id":"x"}`), &dest{}, "id"); err != nil {
		t.Fatal(err)
	}
	if err := Check([]byte(`{"ptr":{"id":"x"}}`), &dest{}, "id"); err == nil {
		t.Fatal("an extra key was let through below the top level")
	}
}

func nest(n int) string {
	s := "1"
	for range n {
		s = "[" + s + "]"
	}
	return s
}

func brackets(n int) string {
	s := ""
	for range n {
		s += "[0]"
	}
	return s
}
