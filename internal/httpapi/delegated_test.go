package httpapi_test

import (
	"testing"
	"time"

	"github.com/personaportal/portal/internal/apitest"
)

// In the demo tenant Bob holds customer-admin over company:acme and
// company:globex (it manages the customer type); Alice is a customer of
// acme (and staff); Carol holds nothing.

func scopedUserIDs(h *apitest.Harness, tok, query string) map[string]bool {
	h.T.Helper()
	ids := map[string]bool{}
	path := "/users?limit=1" + query
	for range 20 {
		r := h.Must(200, tok, "GET", path, nil)
		for _, u := range r.Items() {
			ids[u["id"].(string)] = true
		}
		next, _ := r.JSON()["next_cursor"].(string)
		if next == "" {
			return ids
		}
		path = "/users?limit=1" + query + "&cursor=" + next
	}
	h.T.Fatal("paging did not end")
	return nil
}

func TestOnlyDelegatedAdminsReachDelegatedAdministration(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	d := h.DemoIDs()
	for _, tok := range []string{d.Alice, d.Carol, d.Admin} {
		for _, c := range []struct{ method, path string }{
			{"GET", "/persona-definitions"}, {"GET", "/users"}, {"GET", "/users/" + d.AliceID},
			{"GET", "/users/" + d.AliceID + "/personas"}, {"POST", "/users/" + d.AliceID + "/personas"},
			{"PATCH", "/users/" + d.AliceID + "/personas/" + d.AliceCustomer},
			{"DELETE", "/users/" + d.AliceID + "/personas/" + d.AliceCustomer},
		} {
			body := map[string]any{"type": "customer", "scope": []string{"company:acme"}}
			if c.method == "PATCH" {
				body = map[string]any{"email": "x@acme.test"}
			}
			r := h.Do(tok, c.method, c.path, body)
			if r.Status != 403 || r.Code() != "forbidden" {
				t.Errorf("%s %s by a non-delegated admin: %d %s", c.method, c.path, r.Status, r.Raw)
			}
		}
	}
}

func TestAssignableDefinitionsAreCutToTheAdminsScope(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	d := h.DemoIDs()
	items := h.Must(200, d.Bob, "GET", "/persona-definitions", nil).Items()
	if len(items) != 1 || items[0]["type"] != "customer" {
		t.Fatalf("%v", items)
	}
	if got := toStrings(items[0]["scope_values"]); len(got) != 2 || got[0] != "company:acme" || got[1] != "company:globex" {
		t.Fatalf("scope values not cut to the admin's scope: %v", got)
	}
}

func TestTheUsersInScopeAreThoseWithAManagedPersonaWithinScope(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	d := h.DemoIDs()
	if ids := scopedUserIDs(h, d.Bob, ""); len(ids) != 1 || !ids[d.AliceID] {
		t.Fatalf("users in scope: %v", ids)
	}
	h.Must(404, d.Bob, "GET", "/users/"+d.CarolID, nil)
	// A customer persona outside Bob's scope does not bring Carol in ...
	h.Must(201, d.Admin, "POST", "/admin/users/"+d.CarolID+"/personas", map[string]any{"type": "customer", "scope": []string{"company:initech"}})
	if ids := scopedUserIDs(h, d.Bob, ""); ids[d.CarolID] {
		t.Fatal("a user outside the scope is listed")
	}
	h.Must(404, d.Bob, "GET", "/users/"+d.CarolID, nil)
	h.Must(404, d.Bob, "GET", "/users/"+d.CarolID+"/personas", nil)
	// ... one within it (two values, both in scope) does.
	h.Must(201, d.Admin, "POST", "/admin/users/"+d.CarolID+"/personas", map[string]any{"type": "customer", "scope": []string{"company:globex", "company:acme"}})
	if ids := scopedUserIDs(h, d.Bob, ""); len(ids) != 2 || !ids[d.CarolID] {
		t.Fatalf("users in scope: %v", ids)
	}
	if ids := scopedUserIDs(h, d.Bob, "&q=CAROL"); len(ids) != 1 || !ids[d.CarolID] {
		t.Fatalf("q: %v", ids)
	}
	h.Must(200, d.Bob, "GET", "/users/"+d.CarolID, nil)
	// Only the personas the admin manages within scope are shown.
	ps := h.Must(200, d.Bob, "GET", "/users/"+d.AliceID+"/personas", nil).Items()
	if len(ps) != 1 || ps[0]["id"] != d.AliceCustomer {
		t.Fatalf("personas shown to the delegated admin: %v", ps)
	}
	// A tenant-admin-only user of another tenant with the same e-mail is invisible.
	h.Must(404, d.Bob, "GET", "/users/not-a-uuid", nil)
}

func TestADelegatedAdminManagesOnlyWithinTypesAndScope(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	d := h.DemoIDs()
	base := "/users/" + d.AliceID + "/personas"
	for _, body := range []map[string]any{
		{"type": "staff", "scope": []string{"dept:sales"}},
		{"type": "customer", "scope": []string{"company:initech"}},
		{"type": "customer", "scope": []string{"company:acme", "company:initech"}},
		{"type": "customer-admin", "scope": []string{"company:acme"}},
	} {
		if r := h.Do(d.Bob, "POST", base, body); r.Status != 403 || r.Code() != "forbidden" {
			t.Errorf("assign %v: %d %s", body, r.Status, r.Raw)
		}
	}
	if r := h.Must(400, d.Bob, "POST", base, map[string]any{"type": "customer", "scope": []string{"company:globex"}, "preferred": true}); r.Code() != "field_not_editable" {
		t.Fatalf("%s", r.Raw)
	}
	p := h.Must(201, d.Bob, "POST", base, map[string]any{"type": "customer", "scope": []string{"company:globex"},
		"valid_until": "2027-06-30T00:00:00Z"}).JSON()
	if p["status"].(map[string]any)["changed_by"] != d.BobID || p["preferred"] != false {
		t.Fatalf("%v", p)
	}
	h.Must(409, d.Bob, "POST", base, map[string]any{"type": "customer", "scope": []string{"company:globex"}})

	pid := p["id"].(string)
	if r := h.Do(d.Bob, "PATCH", base+"/"+pid, map[string]any{"scope": []string{"company:initech"}}); r.Status != 403 {
		t.Fatalf("moving a persona out of scope: %d %s", r.Status, r.Raw)
	}
	h.Must(200, d.Bob, "PATCH", base+"/"+pid, map[string]any{"valid_until": nil, "attributes": map[string]any{"account": "G-7"}})
	// The staff persona is not a type Bob manages: it does not exist for him.
	h.Must(404, d.Bob, "PATCH", base+"/"+d.AliceStaff, map[string]any{"email": "x@acme.test"})
	h.Must(404, d.Bob, "DELETE", base+"/"+d.AliceStaff, nil)
	// Guessing: Bob's own admin persona under Alice's ID, Alice's persona under Carol's.
	h.Must(404, d.Bob, "DELETE", base+"/"+d.BobAdmin, nil)
	h.Must(404, d.Bob, "DELETE", "/users/"+d.CarolID+"/personas/"+d.AliceCustomer, nil)
	h.Must(404, d.Bob, "POST", "/users/"+d.CarolID+"/personas", map[string]any{"type": "customer", "scope": []string{"company:acme"}})

	if r := h.Must(200, d.Bob, "DELETE", base+"/"+pid, nil).JSON(); r["status"].(map[string]any)["value"] != "revoked" {
		t.Fatalf("%v", r)
	}
	if h.Must(200, d.Alice, "GET", "/me/personas/"+d.AliceStaff, nil).JSON()["active"] != true {
		t.Fatal("the staff persona was touched")
	}
}

func TestRightsEndWithTheAdminPersona(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	d := h.DemoIDs()
	h.Must(200, d.Bob, "GET", "/users/"+d.AliceID, nil)
	// Validity over: no rights, at once.
	h.Must(200, d.Admin, "PATCH", "/admin/users/"+d.BobID+"/personas/"+d.BobAdmin,
		map[string]any{"valid_until": h.Now().Add(time.Hour).Format(time.RFC3339)})
	h.Must(200, d.Bob, "GET", "/users/"+d.AliceID, nil)
	h.Advance(2 * time.Hour)
	bob, admin := h.Token("bob@acme.test", "demo", false), h.Token("admin@demo.test", "demo", true)
	h.Must(403, bob, "GET", "/users/"+d.AliceID, nil)
	h.Must(200, admin, "PATCH", "/admin/users/"+d.BobID+"/personas/"+d.BobAdmin, map[string]any{"valid_until": nil})
	h.Must(200, bob, "GET", "/users", nil)
	// Revoked: no rights, at once.
	h.Must(200, admin, "DELETE", "/admin/users/"+d.BobID+"/personas/"+d.BobAdmin, nil)
	h.Must(403, bob, "GET", "/users", nil)
	h.Must(403, bob, "DELETE", "/users/"+d.AliceID+"/personas/"+d.AliceCustomer, nil)
}

func TestADelegatedAdminOfAnotherTenantSeesNothing(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	d := h.DemoIDs()
	// The same people and definitions in another tenant.
	oa := h.Token("admin@other.test", "other", true)
	h.Must(201, oa, "POST", "/admin/persona-definitions", map[string]any{"type": "customer", "display_name": "C", "scope_values": []string{"company:acme"}})
	h.Must(201, oa, "POST", "/admin/persona-definitions", map[string]any{"type": "customer-admin", "display_name": "CA", "scope_values": []string{"company:acme"}, "manages": []string{"customer"}})
	ob := h.Token("bob@acme.test", "other", false)
	obID := h.Must(200, ob, "GET", "/me", nil).Str("id")
	h.Must(201, oa, "POST", "/admin/users/"+obID+"/personas", map[string]any{"type": "customer-admin", "scope": []string{"company:acme"}})
	if ids := scopedUserIDs(h, ob, ""); len(ids) != 0 {
		t.Fatalf("another tenant's admin sees %v", ids)
	}
	h.Must(404, ob, "GET", "/users/"+d.AliceID, nil)
	h.Must(404, ob, "POST", "/users/"+d.AliceID+"/personas", map[string]any{"type": "customer", "scope": []string{"company:acme"}})
	h.Must(404, ob, "DELETE", "/users/"+d.AliceID+"/personas/"+d.AliceCustomer, nil)
}
