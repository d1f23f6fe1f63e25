package httpapi_test

import (
	"testing"
	"time"

	"github.com/personaportal/portal/internal/apitest"
)

func TestAFailedWriteAnswers503AndChangesNothing(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	d := h.DemoIDs()
	auditBefore := len(h.Must(200, d.Admin, "GET", "/admin/audit?limit=100", nil).Items())
	h.FailWrites(true)
	writes := []struct {
		tok, method, path string
		body              any
	}{
		{d.Alice, "PATCH", "/me", map[string]any{"given_name": "Changed"}},
		{d.Alice, "PUT", "/me/preferred-persona", map[string]any{"persona_id": d.AliceStaff}},
		{d.Admin, "POST", "/admin/users/" + d.CarolID + "/personas", map[string]any{"type": "customer", "scope": []string{"company:acme"}}},
		{d.Admin, "DELETE", "/admin/users/" + d.AliceID + "/personas/" + d.AliceStaff, nil},
		{d.Admin, "DELETE", "/admin/users/" + d.BobID, nil},
		{d.Admin, "POST", "/admin/persona-definitions", map[string]any{"type": "x", "display_name": "X"}},
	}
	for _, w := range writes {
		r := h.Do(w.tok, w.method, w.path, w.body)
		if r.Status != 503 || r.Code() != "unavailable" || r.Header.Get("Retry-After") == "" {
			t.Errorf("%s %s: %d %s", w.method, w.path, r.Status, r.Raw)
		}
	}
	h.FailWrites(false)
	if h.Must(200, d.Alice, "GET", "/me", nil).Str("given_name") != "Alice" {
		t.Error("profile changed by a failed write")
	}
	for _, p := range h.Must(200, d.Alice, "GET", "/me/personas", nil).Items() {
		if p["active"] != true || (p["id"] == d.AliceStaff && p["preferred"] == true) {
			t.Errorf("persona changed by a failed write: %v", p)
		}
	}
	h.Must(200, d.Bob, "GET", "/me", nil)
	h.Must(404, d.Admin, "GET", "/admin/persona-definitions/x", nil)
	if n := len(h.Must(200, d.Admin, "GET", "/admin/audit?limit=100", nil).Items()); n != auditBefore {
		t.Errorf("failed writes left %d audit records", n-auditBefore)
	}
	// Nothing half-written: no uniqueness guard or counter stayed behind,
	// so the same writes now succeed.
	h.Must(201, d.Admin, "POST", "/admin/users/"+d.CarolID+"/personas", map[string]any{"type": "customer", "scope": []string{"company:acme"}})
	h.Must(200, d.Admin, "DELETE", "/admin/users/"+d.AliceID+"/personas/"+d.AliceStaff, nil)
	h.Must(204, d.Admin, "DELETE", "/admin/persona-definitions/staff", nil)
}

func TestADynamoDBOutageAnswers503ButHealthStaysUp(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	d := h.DemoIDs()
	h.FailAll(true)
	for _, path := range []string{"/me", "/me/personas", "/admin/users"} {
		tok := d.Alice
		if path == "/admin/users" {
			tok = d.Admin
		}
		r := h.Do(tok, "GET", path, nil)
		if r.Status != 503 || r.Code() != "unavailable" {
			t.Errorf("%s: %d %s", path, r.Status, r.Raw)
		}
		if len(r.Raw) > 200 {
			t.Errorf("%s: error body says too much: %s", path, r.Raw)
		}
	}
	h.Must(200, "", "GET", "/healthz", nil)
	h.FailAll(false)
	h.Must(200, d.Alice, "GET", "/me", nil)
}

func TestAFailedWorkflowWriteLeavesNoTrace(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	d := h.DemoIDs()
	_, token := prepare(t, h, d.Bob, "carol@globex.test", "company:globex")
	h.FailWrites(true)
	for _, c := range []struct {
		tok, method, path string
		body              any
	}{
		{d.Bob, "POST", "/persona-invitations", map[string]any{"type": "customer", "scope": []string{"company:acme"}, "user_email": "carol@globex.test"}},
		{d.Carol, "POST", "/magic-links/" + token + "/accept", nil},
		{d.Alice, "POST", "/me/personas/" + d.AliceStaff + "/delegations", map[string]any{"to_email": "carol@globex.test",
			"valid_until": h.Now().Add(48 * time.Hour).Format(time.RFC3339)}},
	} {
		if r := h.Do(c.tok, c.method, c.path, c.body); r.Status != 503 {
			t.Errorf("%s %s: %d %s", c.method, c.path, r.Status, r.Raw)
		}
	}
	h.FailWrites(false)
	// Nothing of the failed writes exists: one pending request, the link still works, no loan.
	if n := len(h.Must(200, d.Bob, "GET", "/me/requests/follow-up", nil).Items()); n != 1 {
		t.Fatalf("%d pending requests", n)
	}
	if n := len(h.Must(200, d.Bob, "GET", "/me/requests/approvals", nil).Items()); n != 0 {
		t.Fatalf("a failed accept created %d activation requests", n)
	}
	h.Must(200, d.Carol, "GET", "/magic-links/"+token, nil)
	if n := len(h.Must(200, d.Alice, "GET", "/me/delegations", nil).Items()); n != 0 {
		t.Fatalf("%d delegations after a failed loan", n)
	}
	if len(h.Must(200, "", "GET", "/dev/outbox?to=carol@globex.test", nil).Items()) != 1 {
		t.Fatal("a failed write sent an e-mail")
	}
	h.Must(200, d.Carol, "POST", "/magic-links/"+token+"/accept", nil)
}
