package httpapi

import (
	"errors"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/personaportal/portal/internal/apierr"
	"github.com/personaportal/portal/internal/auth"
	"github.com/personaportal/portal/internal/portal"
)

// FuzzDecodeJSON: whatever the body, decoding either succeeds or fails
// with a 4xx API error; it never panics or returns an unknown error.
func FuzzDecodeJSON(f *testing.F) {
	for _, s := range []string{`{"given_name":"A"}`, `{"email":"x"}`, `{"attributes":{"a":null}}`, `[]`, `{"x":1}`,
		`{"given_name":1}`, `{} {}`, `nul`, `{"phone":"\u0000"}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		req := httptest.NewRequest("PATCH", "/me", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		var dst profileFields
		err := decodeJSON(httptest.NewRecorder(), req, &dst, profileReadOnly...)
		if err == nil {
			return
		}
		var e *apierr.Error
		if !errors.As(err, &e) || e.Status < 400 || e.Status >= 500 {
			t.Fatalf("body %q: %v", body, err)
		}
	})
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
