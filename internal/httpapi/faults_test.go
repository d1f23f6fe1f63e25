package httpapi_test

import (
	"testing"

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
