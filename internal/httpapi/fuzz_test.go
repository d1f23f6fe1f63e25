package httpapi

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/personaportal/portal/internal/apierr"
	"github.com/personaportal/portal/internal/auth"
	"github.com/personaportal/portal/internal/portal"
	"github.com/personaportal/portal/internal/strictjson"
)

// FuzzDecodeJSON: whatever the body, decoding either succeeds or fails
// with a 4xx API error; it never panics or returns an unknown error. A body
// it accepts is valid UTF-8, escapes no lone surrogate, holds no key twice
// in any object, nests at most strictjson.MaxDepth levels and spells every
// field of the destination exactly.
func FuzzDecodeJSON(f *testing.F) {
	for _, s := range []string{`{"given_name":"A"}`, `{"email":"x"}`, `{"attributes":{"a":null}}`, `[]`, `{"x":1}`,
		`{"given_name":1}`, `{} {}`, `nul`, `{"phone":"\u0000"}`, `{"GIVEN_NAME":"A"}`, `{"given_name":"A","given_name":"B"}`,
		`{"attributes":{"a":{"b":1,"b":2}}}`, `{"given_name":"\ud800"}`, `{"given_name":"\ud83d\ude00"}`, "{\"given_name\":\"\xff\"}",
		`{"attributes":{"a":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}}`,
		`{"attributes":{"Team":1,"team":2}}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		req := httptest.NewRequest("PATCH", "/me", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		var dst profileFields
		err := decodeJSON(httptest.NewRecorder(), req, &dst, profileReadOnly...)
		if err != nil {
			var e *apierr.Error
			if !errors.As(err, &e) || e.Status < 400 || e.Status >= 500 {
				t.Fatalf("body %q: %v", body, err)
			}
			return
		}
		if !utf8.ValidString(body) {
			t.Fatalf("accepted a body that is not UTF-8: %q", body)
		}
		var doc any
		if err := json.Unmarshal([]byte(body), &doc); err != nil {
			t.Fatalf("accepted a body encoding/json cannot read: %q", body)
		}
		if keys, depth := scanKeys(t, body); keys != countKeys(doc) {
			t.Fatalf("accepted a body with a key twice: %q", body)
		} else if depth > strictjson.MaxDepth {
			t.Fatalf("accepted a body nested %d levels: %q", depth, body)
		}
		if strings.ContainsRune(fmt.Sprint(doc), utf8.RuneError) && !strings.ContainsRune(body, utf8.RuneError) &&
			!strings.Contains(strings.ToLower(body), `\ufffd`) {
			t.Fatalf("accepted a lone surrogate (read as U+FFFD): %q", body)
		}
		if m, ok := doc.(map[string]any); ok {
			for k := range m {
				if !slices.Contains(profileKeys, k) {
					t.Fatalf("accepted the key %q: %q", k, body)
				}
			}
		}
	})
}

var profileKeys = []string{"given_name", "family_name", "display_name", "phone", "locale", "timezone", "attributes"}

// scanKeys counts the keys of every object in a document as written, and
// how deeply it nests.
func scanKeys(t *testing.T, body string) (keys, depth int) {
	dec := json.NewDecoder(strings.NewReader(body))
	type level struct{ object, wantKey bool }
	var stack []level
	for {
		tok, err := dec.Token()
		if err != nil {
			return keys, depth
		}
		if d, ok := tok.(json.Delim); ok && (d == '{' || d == '[') {
			if n := len(stack); n > 0 && stack[n-1].object {
				stack[n-1].wantKey = true
			}
			stack = append(stack, level{object: d == '{', wantKey: d == '{'})
			depth = max(depth, len(stack))
			continue
		}
		if d, ok := tok.(json.Delim); ok && (d == '}' || d == ']') {
			stack = stack[:len(stack)-1]
			continue
		}
		if n := len(stack); n > 0 && stack[n-1].object {
			if stack[n-1].wantKey {
				keys++
			}
			stack[n-1].wantKey = !stack[n-1].wantKey
		}
	}
}

// countKeys counts the keys of every object in a decoded document (a key
// given twice counts once).
func countKeys(v any) int {
	n := 0
	switch x := v.(type) {
	case map[string]any:
		for _, e := range x {
			n += 1 + countKeys(e)
		}
	case []any:
		for _, e := range x {
			n += countKeys(e)
		}
	}
	return n
}

// FuzzOpenCursor: a cursor opens only for the caller, list and filters it
// was sealed for; anything else is a 400, never a panic.
func FuzzOpenCursor(f *testing.F) {
	c := portal.Caller{Identity: auth.Identity{Tenant: "demo", Sub: "s"}}
	req := httptest.NewRequest("GET", "/admin/users?q=a", nil)
	req.Pattern = "GET /admin/users"
	good := *sealCursor(c, req, []byte(`{"pk":"x"}`))
	f.Add(good)
	f.Add("")
	f.Add("AAAA")
	f.Fuzz(func(t *testing.T, s string) {
		pos, err := openCursor(c, req, s)
		if err == nil && s != good {
			// Another encoding of the same bytes is fine; other bytes are not.
			if again := *sealCursor(c, req, pos); again != strings.TrimRight(s, "=") && again != s {
				t.Fatalf("cursor %q opened as %q", s, pos)
			}
		}
		if err != nil && apierr.From(err).Status != 400 {
			t.Fatalf("cursor %q: %v", s, err)
		}
	})
}
