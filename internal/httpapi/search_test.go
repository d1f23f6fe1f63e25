package httpapi_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/personaportal/portal/internal/apitest"
)

// Every documented filter of GET /admin/personas works on every value the
// API accepts: a persona with an empty scope, or with attributes, never
// turns a search into a 5xx, and the filters find what they name.
func TestPersonaSearchWorksOnEveryAcceptedValue(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	d := h.DemoIDs()
	h.Must(201, d.Admin, "POST", "/admin/persona-definitions", map[string]any{"type": "visitor", "display_name": "Visitor",
		"scope_values": []string{}})
	h.Must(201, d.Admin, "POST", "/admin/users/"+d.CarolID+"/personas", map[string]any{"type": "visitor", "scope": []string{}})
	h.Must(201, d.Admin, "POST", "/admin/users/"+d.CarolID+"/personas", map[string]any{"type": "customer", "scope": []string{"company:globex"}})
	count := func(query string) int {
		t.Helper()
		r := h.Do(d.Admin, "GET", "/admin/personas?"+query, nil)
		if r.Status != 200 {
			t.Fatalf("GET /admin/personas?%s: %d %s", query, r.Status, r.Raw)
		}
		return len(r.Items())
	}
	for _, c := range []struct {
		query string
		want  int
	}{
		{"scope=company:globex", 2}, // Carol's customer persona, Bob's admin persona
		{"scope=company:acme", 3},   // Alice's customer and signatory personas, Bob's admin persona
		{"scope=" + url.QueryEscape("company:nowhere"), 0},
		{"type=visitor", 1},
		{"type=visitor&scope=company:acme", 0},
		{"type=customer&scope=company:globex&status=accepted", 1},
		{"email=carol@globex.test", 2},
		{"email=CAROL@globex.test", 2},
		{"preferred=true", 1},
		{"preferred=false&type=visitor", 1},
		{"status=revoked", 0},
	} {
		if got := count(c.query); got != c.want {
			t.Errorf("%s: %d personas, want %d", c.query, got, c.want)
		}
	}
	for _, bad := range []string{"preferred=maybe", "status=sleeping", "type=Not_A_Slug", "limit=0", "limit=101", "cursor=xyz",
		"scope=" + url.QueryEscape("ünïcode ☃"), "email=not-an-email", "type=" + strings.Repeat("a", 3000)} {
		if r := h.Do(d.Admin, "GET", "/admin/personas?"+bad, nil); r.Status != 400 || r.Code() != "invalid_request" {
			t.Errorf("%s: %d %s, want 400 invalid_request", bad, r.Status, r.Raw)
		}
	}
}
