package httpapi_test

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/personaportal/portal/internal/apitest"
)

// GET /me/rights tells the portal which admin screens to offer: it follows
// the caller's own token and personas, read fresh, in their own tenant.
func TestMyRightsFollowTheCallersTokenAndPersonas(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	d := h.DemoIDs()
	rights := func(tok string) string {
		t.Helper()
		// The whole body, compacted: no field more, none less.
		var b bytes.Buffer
		if err := json.Compact(&b, h.Must(200, tok, "GET", "/me/rights", nil).Raw); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	cases := []struct{ name, token, want string }{
		{"an end user", d.Alice,
			`{"tenant_admin":false,"delegated_admin":false,"manages":[],"step_up_required":false}`},
		{"a delegated admin, freshly signed in", h.TokenAged("bob@acme.test", "demo", false, 10),
			`{"tenant_admin":false,"delegated_admin":true,"manages":["customer"],"step_up_required":false}`},
		// Bob's admin persona demands step-up: its rights wait, and say so.
		{"a delegated admin with a stale session", h.TokenAged("bob@acme.test", "demo", false, 301),
			`{"tenant_admin":false,"delegated_admin":true,"manages":[],"step_up_required":true}`},
		{"a tenant admin", h.Token("admin@demo.test", "demo", true),
			`{"tenant_admin":true,"delegated_admin":false,"manages":[],"step_up_required":false}`},
		// The same person in another tenant holds nothing there.
		{"Bob in another tenant", h.Token("bob@acme.test", "other", false),
			`{"tenant_admin":false,"delegated_admin":false,"manages":[],"step_up_required":false}`},
	}
	for _, c := range cases {
		if got := rights(c.token); got != c.want {
			t.Errorf("%s: got %s, want %s", c.name, got, c.want)
		}
	}

	// Revoking Bob's admin persona takes his rights away at once.
	admin := h.Token("admin@demo.test", "demo", true)
	h.Must(200, admin, "DELETE", "/admin/users/"+d.BobID+"/personas/"+d.BobAdmin, nil)
	if got := rights(d.Bob); got != `{"tenant_admin":false,"delegated_admin":false,"manages":[],"step_up_required":false}` {
		t.Errorf("after the revocation: %s", got)
	}
}

// Without a valid token there is nothing to tell.
func TestMyRightsNeedsAToken(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	if r := h.Do("", "GET", "/me/rights", nil); r.Status != 401 {
		t.Fatalf("no token: %d %s", r.Status, r.Raw)
	}
	if r := h.Do("not-a-token", "GET", "/me/rights", nil); r.Status != 401 {
		t.Fatalf("bad token: %d %s", r.Status, r.Raw)
	}
}
