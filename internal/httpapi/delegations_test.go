package httpapi_test

import (
	"context"
	"testing"
	"time"

	"github.com/personaportal/portal/internal/apitest"
	"github.com/personaportal/portal/internal/seed"
)

// In the demo tenant delegation is enabled and the staff type is delegable.

func lend(h *apitest.Harness, tok, pid string, body map[string]any) apitest.Response {
	return h.Do(tok, "POST", "/me/personas/"+pid+"/delegations", body)
}

func heldBy(h *apitest.Harness, tok, pid string) map[string]any {
	for _, p := range h.Must(200, tok, "GET", "/me/personas", nil).Items() {
		if p["id"] == pid {
			return p
		}
	}
	return nil
}

func appNames(h *apitest.Harness, tok string) map[string]bool {
	out := map[string]bool{}
	for _, a := range h.Must(200, tok, "GET", "/me/applications", nil).Items() {
		out[a["name"].(string)] = true
	}
	return out
}

func TestALentPersonaGrantsItsRightsDuringItsPeriodOnly(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	d := h.DemoIDs()
	from, until := h.Now().Add(24*time.Hour), h.Now().Add(72*time.Hour)
	r := lend(h, d.Alice, d.AliceStaff, map[string]any{"to_email": "Carol@Globex.test",
		"valid_from": from.Format(time.RFC3339), "valid_until": until.Format(time.RFC3339)})
	if r.Status != 201 || r.Str("status") != "scheduled" || r.JSON()["to_user"].(map[string]any)["id"] != d.CarolID {
		t.Fatalf("%d %s", r.Status, r.Raw)
	}
	// The recipient sees it, with its delegation, but it grants nothing yet.
	p := heldBy(h, d.Carol, d.AliceStaff)
	if p == nil || p["delegation"].(map[string]any)["from_user"].(map[string]any)["id"] != d.AliceID || p["active"] != false {
		t.Fatalf("lent persona before its period: %v", p)
	}
	if appNames(h, d.Carol)["Intranet"] {
		t.Fatal("rights before the period")
	}
	// Within the period: applications and selection.
	h.Advance(25 * time.Hour)
	carol := h.Token("carol@globex.test", "demo", false)
	if !appNames(h, carol)["Intranet"] || heldBy(h, carol, d.AliceStaff)["active"] != true {
		t.Fatal("no rights within the period")
	}
	if r := h.Must(200, carol, "PUT", "/me/active-persona", map[string]any{"persona_id": d.AliceStaff}); r.Str("source") != "selected" {
		t.Fatalf("%s", r.Raw)
	}
	// Never the recipient's preferred persona, never lent again.
	if r := h.Must(400, carol, "PUT", "/me/preferred-persona", map[string]any{"persona_id": d.AliceStaff}); r.Fields()["persona_id"] == nil {
		t.Fatalf("%s", r.Raw)
	}
	if r := lend(h, carol, d.AliceStaff, map[string]any{"to_email": "bob@acme.test", "valid_until": until.Format(time.RFC3339)}); r.Status != 403 {
		t.Fatalf("re-lending: %d %s", r.Status, r.Raw)
	}
	// After the period: nothing, at once, with no job having run.
	h.Advance(48 * time.Hour)
	carol = h.Token("carol@globex.test", "demo", false)
	if appNames(h, carol)["Intranet"] || heldBy(h, carol, d.AliceStaff) != nil {
		t.Fatal("rights after the period")
	}
	if r := h.Must(200, carol, "GET", "/me/active-persona", nil); r.Str("source") != "none" {
		t.Fatalf("an expired lent persona is still active: %s", r.Raw)
	}
	ds := h.Must(200, carol, "GET", "/me/delegations?direction=received", nil).Items()
	if len(ds) != 1 || ds[0]["status"] != "expired" {
		t.Fatalf("%v", ds)
	}
}

func TestLendingRules(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	d := h.DemoIDs()
	week := h.Now().Add(7 * 24 * time.Hour).Format(time.RFC3339)
	ok := map[string]any{"to_email": "carol@globex.test", "valid_until": week}
	if r := lend(h, d.Alice, d.AliceCustomer, ok); r.Status != 403 || r.Code() != "forbidden" {
		t.Fatalf("a non-delegable persona: %d %s", r.Status, r.Raw)
	}
	h.Must(404, d.Alice, "POST", "/me/personas/"+d.BobAdmin+"/delegations", ok)
	h.Must(200, h.Token("admin@other.test", "other", true), "PUT", "/admin/settings", map[string]any{"persona_delegation_enabled": true})
	h.Must(404, h.Token("alice@acme.test", "other", false), "POST", "/me/personas/"+d.AliceStaff+"/delegations", ok)
	for field, body := range map[string]map[string]any{
		"to_email":    {"to_email": "nobody@acme.test", "valid_until": week},
		"valid_until": {"to_email": "carol@globex.test"},
		"valid_from":  {"to_email": "carol@globex.test", "valid_from": "2020-01-01T00:00:00Z", "valid_until": week},
	} {
		if r := lend(h, d.Alice, d.AliceStaff, body); r.Status != 400 || r.Fields()[field] == nil {
			t.Errorf("%s: %d %s", field, r.Status, r.Raw)
		}
	}
	if r := lend(h, d.Alice, d.AliceStaff, map[string]any{"to_email": "alice@acme.test", "valid_until": week}); r.Status != 400 {
		t.Fatalf("lending to oneself: %d", r.Status)
	}
	long := h.Now().Add(91 * 24 * time.Hour).Format(time.RFC3339)
	if r := lend(h, d.Alice, d.AliceStaff, map[string]any{"to_email": "carol@globex.test", "valid_until": long}); r.Fields()["valid_until"] == nil {
		t.Fatalf("over max_delegation_days: %s", r.Raw)
	}
	// Beyond the persona's own validity.
	h.Must(200, d.Admin, "PATCH", "/admin/users/"+d.AliceID+"/personas/"+d.AliceStaff,
		map[string]any{"valid_until": h.Now().Add(48 * time.Hour).Format(time.RFC3339)})
	if r := lend(h, d.Alice, d.AliceStaff, ok); r.Fields()["valid_until"] == nil {
		t.Fatalf("beyond the persona's validity: %s", r.Raw)
	}
	// The tenant switch.
	h.Must(200, d.Admin, "PUT", "/admin/settings", map[string]any{"persona_delegation_enabled": false})
	if r := lend(h, d.Alice, d.AliceStaff, ok); r.Status != 403 || r.Code() != "feature_disabled" {
		t.Fatalf("%d %s", r.Status, r.Raw)
	}
	h.Must(400, d.Alice, "GET", "/me/delegations?direction=sideways", nil)
}

func TestRevocationTakesEffectAtOnce(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	d := h.DemoIDs()
	week := h.Now().Add(7 * 24 * time.Hour).Format(time.RFC3339)
	id := lend(h, d.Alice, d.AliceStaff, map[string]any{"to_email": "carol@globex.test", "valid_until": week}).Str("id")
	if !appNames(h, d.Carol)["Intranet"] {
		t.Fatal("no rights")
	}
	mails := h.Must(200, "", "GET", "/dev/outbox?to=carol@globex.test", nil).Items()
	if len(mails) != 1 || len(h.Must(200, "", "GET", "/dev/outbox?to=alice@acme.test", nil).Items()) != 1 {
		t.Fatalf("confirmation e-mails: %v", mails)
	}
	h.Must(403, d.Carol, "DELETE", "/me/delegations/"+id, nil) // the recipient may not revoke
	h.Must(404, d.Bob, "DELETE", "/me/delegations/"+id, nil)   // a stranger sees nothing
	if r := h.Must(200, d.Alice, "DELETE", "/me/delegations/"+id, nil); r.Str("status") != "revoked" {
		t.Fatalf("%s", r.Raw)
	}
	if appNames(h, d.Carol)["Intranet"] || heldBy(h, d.Carol, d.AliceStaff) != nil {
		t.Fatal("rights after revocation")
	}
	h.Must(409, d.Alice, "DELETE", "/me/delegations/"+id, nil)
	// Ending the owner's persona ends its delegations in the same write.
	id2 := lend(h, d.Alice, d.AliceStaff, map[string]any{"to_email": "carol@globex.test", "valid_until": week}).Str("id")
	h.Must(200, d.Admin, "DELETE", "/admin/users/"+d.AliceID+"/personas/"+d.AliceStaff, nil)
	if appNames(h, d.Carol)["Intranet"] {
		t.Fatal("a revoked persona still grants through its delegation")
	}
	ds := h.Must(200, d.Alice, "GET", "/me/delegations", nil).Items()
	for _, x := range ds {
		if x["id"] == id2 && x["status"] != "revoked" {
			t.Fatalf("%v", x)
		}
	}
	audit := h.Must(200, d.Admin, "GET", "/admin/audit?user_id="+d.CarolID, nil).Items()
	actions := map[string]bool{}
	for _, a := range audit {
		actions[a["action"].(string)] = true
	}
	if !actions["delegation.created"] || !actions["delegation.revoked"] {
		t.Fatalf("%v", actions)
	}
}

// makeAdminPersonaDelegable lets Bob's customer-admin persona (step-up
// required) be lent.
func makeAdminPersonaDelegable(h *apitest.Harness, admin string) {
	h.T.Helper()
	h.Must(200, admin, "PUT", "/admin/persona-definitions/customer-admin", map[string]any{"display_name": "Customer administrator",
		"scope_values": []string{"company:acme", "company:globex", "company:initech"}, "entitlements": []string{"customers:manage"},
		"manages": []string{"customer"}, "step_up_required": true, "delegable": true})
}

func TestALentAdminPersonaGrantsAdminRightsForItsPeriod(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	d := h.DemoIDs()
	makeAdminPersonaDelegable(h, d.Admin)
	h.Must(403, d.Carol, "GET", "/users", nil)
	lend(h, d.Bob, d.BobAdmin, map[string]any{"to_email": "carol@globex.test",
		"valid_until": h.Now().Add(24 * time.Hour).Format(time.RFC3339)})
	if ids := scopedUserIDs(h, d.Carol, ""); !ids[d.AliceID] {
		t.Fatalf("the lent admin persona grants no admin rights: %v", ids)
	}
	h.Advance(25 * time.Hour)
	h.Must(403, h.Token("carol@globex.test", "demo", false), "GET", "/users", nil)
}

// A persona remembers its loans only while their periods run: a write after
// a loan's end drops it, so lending the same persona over years never makes
// its later changes (which reach every open loan in one transaction) bigger.
func TestAPersonaForgetsLoansPastTheirEnd(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	d := h.DemoIDs()
	lent := func() map[string]string {
		p, err := h.Portal.Store.GetPersona(context.Background(), "demo", d.AliceID, d.AliceStaff)
		if err != nil {
			t.Fatal(err)
		}
		return p.Lent
	}
	day := func(n int) string { return h.Now().Add(time.Duration(n) * 24 * time.Hour).Format(time.RFC3339) }
	h.Must(201, d.Alice, "POST", "/me/personas/"+d.AliceStaff+"/delegations", map[string]any{"to_email": "carol@globex.test", "valid_until": day(1)})
	bob := h.Must(201, d.Alice, "POST", "/me/personas/"+d.AliceStaff+"/delegations", map[string]any{"to_email": "bob@acme.test", "valid_until": day(5)}).Str("id")
	if n := len(lent()); n != 2 {
		t.Fatalf("%d loans recorded", n)
	}
	h.Advance(2 * 24 * time.Hour)
	admin := h.Token("admin@demo.test", "demo", true)
	h.Must(200, admin, "PATCH", "/admin/users/"+d.AliceID+"/personas/"+d.AliceStaff, map[string]any{"attributes": map[string]any{"desk": "B2"}})
	if l := lent(); len(l) != 1 || l[bob] == "" {
		t.Fatalf("after Carol's loan ended: %v", l)
	}
	// The open loan still follows the persona; the ended one is history.
	if p := heldBy(h, h.Token(seed.Bob, "demo", false), d.AliceStaff); p == nil || p["attributes"].(map[string]any)["desk"] != "B2" {
		t.Fatalf("bob's copy: %v", p)
	}
	h.Advance(4 * 24 * time.Hour)
	h.Must(201, h.Token(seed.Alice, "demo", false), "POST", "/me/personas/"+d.AliceStaff+"/delegations", map[string]any{"to_email": "carol@globex.test", "valid_until": day(1)})
	if l := lent(); len(l) != 1 || l[bob] != "" {
		t.Fatalf("after Bob's loan ended, lending again: %v", l)
	}
}

// Each persona says whether its owner may lend it: its definition is
// delegable and it is not itself lent (a lent persona is never lent again).
func TestEachPersonaSaysWhetherItCanBeLent(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	d := h.DemoIDs()
	mine := map[string]bool{}
	for _, p := range h.Must(200, d.Alice, "GET", "/me/personas", nil).Items() {
		mine[p["type"].(string)] = p["delegable"].(bool)
	}
	if !mine["staff"] || mine["customer"] || mine["signatory"] {
		t.Fatalf("Alice's personas: %v (only staff's definition is delegable)", mine)
	}
	lend(h, d.Alice, d.AliceStaff, map[string]any{"to_email": "carol@globex.test",
		"valid_until": h.Now().Add(48 * time.Hour).Format(time.RFC3339)})
	if p := heldBy(h, d.Carol, d.AliceStaff); p == nil || p["delegable"] != false {
		t.Fatalf("the lent copy: %v", p)
	}
	if p := h.Must(200, d.Alice, "GET", "/me/personas/"+d.AliceStaff, nil); p.JSON()["delegable"] != true {
		t.Fatalf("the owner's persona, once lent: %s", p.Raw)
	}
}
