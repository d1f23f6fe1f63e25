package httpapi_test

import (
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/personaportal/portal/internal/apitest"
)

// openedApps names the applications a token opens, sorted and joined.
func openedApps(h *apitest.Harness, tok string) string {
	names := slices.Sorted(maps.Keys(appNames(h, tok)))
	return strings.Join(names, ",")
}

// A persona whose definition demands step-up grants nothing to a session
// whose authentication is too old, however it would become active: not
// by selection, not as the preferred fallback, not through applications or
// delegated-admin rights. Stepping up (a fresh authentication) restores all.
func TestAStaleSessionGetsNothingThroughAStepUpPersona(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	d := h.DemoIDs()
	h.Must(200, d.Bob, "PUT", "/me/preferred-persona", map[string]any{"persona_id": d.BobAdmin})
	fresh := h.TokenAged("bob@acme.test", "demo", false, 10)
	stale := h.TokenAged("bob@acme.test", "demo", false, 301)

	if r := h.Must(200, fresh, "GET", "/me/active-persona", nil); r.Str("source") != "preferred" {
		t.Fatalf("fresh session: %s", r.Raw)
	}
	if r := h.Must(200, stale, "GET", "/me/active-persona", nil); r.Str("source") != "none" || r.JSON()["persona"] != nil {
		t.Fatalf("a stale session has the step-up persona as its active one: %s", r.Raw)
	}
	if got := openedApps(h, fresh); got != "Partner Console" {
		t.Fatalf("fresh session opens %q", got)
	}
	if got := openedApps(h, stale); got != "" {
		t.Fatalf("a stale session opens %q through the step-up persona", got)
	}
	// The persona is still listed (it is Bob's, and active): only its rights wait.
	if ps := h.Must(200, stale, "GET", "/me/personas", nil).Items(); len(ps) != 1 || ps[0]["active"] != true {
		t.Fatalf("%v", ps)
	}
	for _, c := range []struct{ method, path string }{
		{"GET", "/users"}, {"GET", "/persona-definitions"}, {"GET", "/users/" + d.AliceID},
		{"GET", "/users/" + d.AliceID + "/personas"},
	} {
		r := h.Do(stale, c.method, c.path, nil)
		if r.Status != 401 || r.Code() != "step_up_required" ||
			!strings.Contains(r.Header.Get("WWW-Authenticate"), `error="insufficient_user_authentication"`) {
			t.Errorf("stale %s %s: %d %s", c.method, c.path, r.Status, r.Raw)
		}
		h.Must(200, fresh, c.method, c.path, nil)
	}
	r := h.Do(stale, "POST", "/persona-invitations", map[string]any{"type": "customer", "scope": []string{"company:globex"},
		"user_email": "carol@globex.test", "send_email": false})
	if r.Status != 401 || r.Code() != "step_up_required" {
		t.Fatalf("a stale session prepares a persona: %d %s", r.Status, r.Raw)
	}
	if n := len(h.Must(200, fresh, "GET", "/me/requests/follow-up", nil).Items()); n != 0 {
		t.Fatalf("the refused invitation left %d requests", n)
	}
}

// Approving an activation with a stale session asks for a step-up and
// leaves the request pending: it must not end "failed" for want of rights
// the step-up would restore.
func TestApprovingAnActivationWithAStaleSessionAsksForAStepUp(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	d := h.DemoIDs()
	_, token := prepare(t, h, d.Bob, "carol@globex.test", "company:globex")
	act := h.Must(200, d.Carol, "POST", "/magic-links/"+token+"/accept", nil).Str("related_request_id")
	h.Advance(10 * time.Minute) // Bob's session is now older than step_up_max_age_seconds
	r := h.Do(d.Bob, "POST", "/me/requests/"+act+"/accept", nil)
	if r.Status != 401 || r.Code() != "step_up_required" {
		t.Fatalf("stale approval: %d %s", r.Status, r.Raw)
	}
	if got := h.Must(200, d.Bob, "GET", "/me/requests/"+act, nil).Str("status"); got != "pending" {
		t.Fatalf("after the refused approval the request is %q", got)
	}
	if got := h.Must(200, h.Token("bob@acme.test", "demo", false), "POST", "/me/requests/"+act+"/accept", nil).Str("status"); got != "accepted" {
		t.Fatalf("after stepping up: %q", got)
	}
}

// A lent step-up persona follows the same rule for its recipient, and the
// owner must step up to lend it (lending hands its rights on).
func TestALentStepUpPersonaWaitsForTheRecipientsStepUp(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	d := h.DemoIDs()
	makeAdminPersonaDelegable(h, d.Admin)
	loan := map[string]any{"to_email": "carol@globex.test", "valid_until": h.Now().Add(24 * time.Hour).Format(time.RFC3339)}
	r := h.Do(h.TokenAged("bob@acme.test", "demo", false, 3600), "POST", "/me/personas/"+d.BobAdmin+"/delegations", loan)
	if r.Status != 401 || r.Code() != "step_up_required" {
		t.Fatalf("a stale session lends a step-up persona: %d %s", r.Status, r.Raw)
	}
	lend(h, d.Bob, d.BobAdmin, loan)
	if r := h.Do(h.TokenAged("carol@globex.test", "demo", false, 3600), "GET", "/users", nil); r.Code() != "step_up_required" {
		t.Fatalf("stale recipient: %d %s", r.Status, r.Raw)
	}
	if got := openedApps(h, h.TokenAged("carol@globex.test", "demo", false, 3600)); got != "" {
		t.Fatalf("stale recipient opens %q", got)
	}
	h.Must(200, h.Token("carol@globex.test", "demo", false), "GET", "/users", nil)
}
