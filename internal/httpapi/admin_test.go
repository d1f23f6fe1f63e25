package httpapi_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/personaportal/portal/internal/apitest"
	"github.com/personaportal/portal/internal/httpapi"
	"github.com/personaportal/portal/internal/operations"
)

// fill puts IDs into a route's path parameters.
func fill(path string, d apitest.Demo) string {
	return strings.NewReplacer("{user_id}", d.AliceID, "{persona_id}", d.AliceStaff, "{type}", "staff",
		"{app_id}", "01a204f6-0000-7000-8000-000000000000").Replace(path)
}

func TestEveryTenantAdminRouteRefusesOtherCallers(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	d := h.DemoIDs()
	n := 0
	for _, op := range operations.All {
		if op.Role != httpapi.TenantAdmin {
			continue
		}
		n++
		// A user without the admin group, and a delegated admin (Bob), are both refused.
		for _, tok := range []string{d.Alice, d.Bob} {
			r := h.Do(tok, op.Method, fill(op.Path, d), map[string]any{})
			if r.Status != 403 || r.Code() != "forbidden" {
				t.Errorf("%s by a non-admin: %d %s", op.Name, r.Status, r.Raw)
			}
		}
		if r := h.Do("", op.Method, fill(op.Path, d), nil); r.Status != 401 {
			t.Errorf("%s without token: %d", op.Name, r.Status)
		}
	}
	if n < 20 {
		t.Fatalf("only %d tenant-admin operations checked", n)
	}
	// The refusals changed nothing.
	if len(h.Must(200, d.Alice, "GET", "/me/personas", nil).Items()) != 3 {
		t.Fatal("a refused request changed data")
	}
}

func TestAnAdminOfAnotherTenantSeesNothingOfThisOne(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	d := h.DemoIDs()
	other := h.Token("admin@other.test", "other", true)
	for _, path := range []string{"/admin/users/" + d.AliceID, "/admin/users/" + d.AliceID + "/personas",
		"/admin/persona-definitions/staff"} {
		if r := h.Do(other, "GET", path, nil); r.Status != 404 || r.Code() != "not_found" {
			t.Errorf("GET %s: %d %s", path, r.Status, r.Raw)
		}
	}
	for _, c := range []struct{ method, path string }{
		{"PATCH", "/admin/users/" + d.AliceID}, {"DELETE", "/admin/users/" + d.AliceID},
		{"PATCH", "/admin/users/" + d.AliceID + "/personas/" + d.AliceStaff},
		{"DELETE", "/admin/users/" + d.AliceID + "/personas/" + d.AliceStaff},
		{"PUT", "/admin/persona-definitions/staff"}, {"DELETE", "/admin/persona-definitions/staff"},
	} {
		body := map[string]any{}
		if c.method == "PUT" {
			body = map[string]any{"display_name": "Hijacked"}
		}
		if r := h.Do(other, c.method, c.path, body); r.Status != 404 {
			t.Errorf("%s %s: %d %s", c.method, c.path, r.Status, r.Raw)
		}
	}
	r := h.Do(other, "POST", "/admin/users/"+d.AliceID+"/personas", map[string]any{"type": "staff", "scope": []string{}})
	if r.Status != 404 && r.Status != 400 {
		t.Errorf("add persona across tenants: %d %s", r.Status, r.Raw)
	}
	for _, path := range []string{"/admin/users", "/admin/personas", "/admin/persona-definitions", "/admin/applications", "/admin/audit"} {
		if items := h.Must(200, other, "GET", path, nil).Items(); len(items) > 1 {
			t.Errorf("%s of another tenant lists %d items", path, len(items))
		}
	}
	if h.Must(200, d.Alice, "GET", "/me/personas", nil).Items()[0]["status"].(map[string]any)["value"] != "accepted" {
		t.Fatal("another tenant changed a persona")
	}
}

func TestSettingsDefaultsUpdateAndValidation(t *testing.T) {
	t.Parallel()
	h := apitest.New(t)
	admin := h.Token("admin@fresh.test", "fresh", true)
	st := h.Must(200, admin, "GET", "/admin/settings", nil).JSON()
	for k, v := range map[string]any{"persona_delegation_enabled": false, "max_delegation_days": 90.0,
		"magic_link_ttl_hours": 168.0, "request_ttl_hours": 336.0, "history_days": 30.0,
		"step_up_max_age_seconds": 300.0, "auto_provision_users": true, "portal_base_url": ""} {
		if st[k] != v {
			t.Errorf("default %s = %v, want %v", k, st[k], v)
		}
	}
	r := h.Must(200, admin, "PUT", "/admin/settings", map[string]any{"persona_delegation_enabled": true,
		"portal_base_url": "https://portal.fresh.test"})
	if r.JSON()["persona_delegation_enabled"] != true || r.JSON()["history_days"] != 30.0 {
		t.Fatalf("%s", r.Raw)
	}
	bad := h.Must(400, admin, "PUT", "/admin/settings", map[string]any{"max_delegation_days": 0, "portal_base_url": "ftp://x"})
	if bad.Fields()["max_delegation_days"] == nil || bad.Fields()["portal_base_url"] == nil {
		t.Fatalf("%s", bad.Raw)
	}
	if r := h.Must(400, admin, "PUT", "/admin/settings", map[string]any{"updated_at": "2026-01-01T00:00:00Z"}); r.Code() != "field_not_editable" {
		t.Fatalf("%s", r.Raw)
	}
	if h.Must(200, admin, "GET", "/admin/settings", nil).JSON()["portal_base_url"] != "https://portal.fresh.test" {
		t.Fatal("settings not kept")
	}
}

func TestDefinitionsLifecycle(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	d := h.DemoIDs()
	def := map[string]any{"type": "auditor", "display_name": "Auditor", "scope_values": []string{"region:eu", "region:us"},
		"entitlements": []string{"audit:read"}, "step_up_required": true}
	created := h.Must(201, d.Admin, "POST", "/admin/persona-definitions", def)
	if created.JSON()["step_up_required"] != true || created.Str("created_at") == "" {
		t.Fatalf("%s", created.Raw)
	}
	if r := h.Must(409, d.Admin, "POST", "/admin/persona-definitions", def); r.Code() != "conflict" {
		t.Fatalf("%s", r.Raw)
	}
	bad := h.Must(400, d.Admin, "POST", "/admin/persona-definitions", map[string]any{"type": "Bad Type", "scope_values": []string{"has space"}})
	for _, f := range []string{"type", "display_name", "scope_values"} {
		if bad.Fields()[f] == nil {
			t.Errorf("no reason for %s: %s", f, bad.Raw)
		}
	}
	h.Must(200, d.Admin, "GET", "/admin/persona-definitions/auditor", nil)
	h.Must(404, d.Admin, "GET", "/admin/persona-definitions/nope", nil)
	h.Must(404, d.Admin, "GET", "/admin/persona-definitions/NOT%20A%20SLUG", nil)
	if r := h.Must(400, d.Admin, "PUT", "/admin/persona-definitions/auditor", map[string]any{"type": "other", "display_name": "X"}); r.Fields()["type"] == nil {
		t.Fatalf("%s", r.Raw)
	}

	// Replacing a definition's entitlements changes what its personas grant.
	h.Must(200, d.Admin, "PUT", "/admin/persona-definitions/staff", map[string]any{"display_name": "Staff",
		"scope_values": []string{"dept:engineering", "dept:sales"}, "entitlements": []string{"intranet:access", "wiki:edit"}, "delegable": true})
	staff := h.Must(200, d.Alice, "GET", "/me/personas/"+d.AliceStaff, nil).JSON()
	if !strings.Contains(strings.Join(toStrings(staff["entitlements"]), ","), "wiki:edit") {
		t.Fatalf("entitlements not derived from the definition: %v", staff["entitlements"])
	}

	// A definition in use cannot be deleted; once its personas ended, it can.
	if r := h.Must(409, d.Admin, "DELETE", "/admin/persona-definitions/staff", nil); r.Code() != "conflict" {
		t.Fatalf("%s", r.Raw)
	}
	h.Must(200, d.Admin, "DELETE", "/admin/users/"+d.AliceID+"/personas/"+d.AliceStaff, nil)
	h.Must(204, d.Admin, "DELETE", "/admin/persona-definitions/staff", nil)
	h.Must(404, d.Admin, "GET", "/admin/persona-definitions/staff", nil)
	// The revoked persona stays on the profile (nothing is hard-deleted).
	if h.Must(200, d.Alice, "GET", "/me/personas/"+d.AliceStaff, nil).JSON()["status"].(map[string]any)["value"] != "revoked" {
		t.Fatal("revoked persona lost")
	}
	// The type can be created again.
	h.Must(201, d.Admin, "POST", "/admin/persona-definitions", map[string]any{"type": "staff", "display_name": "Staff"})
}

func TestUsersCreateListUpdateDisable(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	d := h.DemoIDs()
	u := h.Must(201, d.Admin, "POST", "/admin/users", map[string]any{"email": "Erin@Globex.test", "given_name": "Erin"})
	if u.Str("email") != "erin@globex.test" || u.Str("status") != "active" {
		t.Fatalf("%s", u.Raw)
	}
	if r := h.Must(409, d.Admin, "POST", "/admin/users", map[string]any{"email": "erin@globex.test"}); r.Code() != "conflict" {
		t.Fatalf("%s", r.Raw)
	}
	if r := h.Must(400, d.Admin, "POST", "/admin/users", map[string]any{"email": "not-an-email"}); r.Fields()["email"] == nil {
		t.Fatalf("%s", r.Raw)
	}
	if r := h.Must(400, d.Admin, "POST", "/admin/users", map[string]any{"email": "x@y.test", "status": "disabled"}); r.Code() != "field_not_editable" {
		t.Fatalf("%s", r.Raw)
	}
	found := h.Must(200, d.Admin, "GET", "/admin/users?q=ERIN", nil).Items()
	if len(found) != 1 || found[0]["id"] != u.Str("id") {
		t.Fatalf("search: %v", found)
	}
	h.Must(404, d.Admin, "GET", "/admin/users/"+strings.Replace(d.AliceID, "a", "b", 1), nil)
	h.Must(404, d.Admin, "GET", "/admin/users/not-a-uuid", nil)

	// Changing a user's e-mail moves the uniqueness guard.
	h.Must(200, d.Admin, "PATCH", "/admin/users/"+u.Str("id"), map[string]any{"email": "erin@initech.test"})
	h.Must(201, d.Admin, "POST", "/admin/users", map[string]any{"email": "erin@globex.test"})
	if r := h.Must(409, d.Admin, "PATCH", "/admin/users/"+u.Str("id"), map[string]any{"email": "alice@acme.test"}); r.Code() != "conflict" {
		t.Fatalf("%s", r.Raw)
	}
	if r := h.Must(400, d.Admin, "PATCH", "/admin/users/"+u.Str("id"), map[string]any{"id": "x"}); r.Code() != "field_not_editable" {
		t.Fatalf("%s", r.Raw)
	}
	if r := h.Must(400, d.Admin, "PATCH", "/admin/users/"+u.Str("id"), map[string]any{"status": "gone"}); r.Fields()["status"] == nil {
		t.Fatalf("%s", r.Raw)
	}

	// Disable, then enable again.
	dis := h.Must(200, d.Admin, "DELETE", "/admin/users/"+d.CarolID, nil)
	if dis.Str("status") != "disabled" {
		t.Fatalf("%s", dis.Raw)
	}
	h.Must(403, d.Carol, "GET", "/me", nil)
	h.Must(200, d.Admin, "PATCH", "/admin/users/"+d.CarolID, map[string]any{"status": "active"})
	h.Must(200, d.Carol, "GET", "/me", nil)

	// An admin cannot lock themselves out.
	adminID := h.Must(200, d.Admin, "GET", "/me", nil).Str("id")
	if r := h.Must(403, d.Admin, "DELETE", "/admin/users/"+adminID, nil); r.Code() != "forbidden" {
		t.Fatalf("%s", r.Raw)
	}
}

func TestAdminPersonaAssignmentRules(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	d := h.DemoIDs()
	base := "/admin/users/" + d.CarolID + "/personas"
	p := h.Must(201, d.Admin, "POST", base, map[string]any{"type": "customer", "scope": []string{"company:globex"},
		"valid_until": "2027-01-01T00:00:00Z", "preferred": true, "attributes": map[string]any{"account": "G-1"}})
	pj := p.JSON()
	if pj["status"].(map[string]any)["value"] != "accepted" || pj["preferred"] != true || pj["email"] != "carol@globex.test" ||
		pj["active"] != true || len(toStrings(pj["entitlements"])) != 2 {
		t.Fatalf("%s", p.Raw)
	}
	if r := h.Must(409, d.Admin, "POST", base, map[string]any{"type": "customer", "scope": []string{"company:globex"}}); r.Code() != "conflict" {
		t.Fatalf("duplicate type+scope: %s", r.Raw)
	}
	// A different scope of the same type is another persona.
	second := h.Must(201, d.Admin, "POST", base, map[string]any{"type": "customer", "scope": []string{"company:acme", "company:globex"}})

	for body, field := range map[string]string{
		`{"type":"customer","scope":["company:unknown"]}`:                                                         "scope",
		`{"type":"customer","scope":["company:acme","company:acme"]}`:                                             "scope",
		`{"type":"no-such-type","scope":[]}`:                                                                      "type",
		`{"type":"customer","scope":[],"valid_from":"yesterday"}`:                                                 "valid_from",
		`{"type":"customer","scope":[],"valid_from":"2027-01-01T00:00:00Z","valid_until":"2026-01-01T00:00:00Z"}`: "valid_until",
		`{"type":"customer","scope":[],"email":"nope"}`:                                                           "email",
		`{"type":"customer","scope":[],"surprise":1}`:                                                             "surprise",
	} {
		r := h.Must(400, d.Admin, "POST", base, body)
		if r.Fields()[field] == nil {
			t.Errorf("%s: no reason for %s: %s", body, field, r.Raw)
		}
	}
	if r := h.Must(400, d.Admin, "POST", base, map[string]any{"type": "customer", "entitlements": []string{"x"}}); r.Code() != "field_not_editable" {
		t.Fatalf("entitlements must not be editable: %s", r.Raw)
	}

	// Edit within the catalogue; outside it is refused.
	pid := p.Str("id")
	e := h.Must(200, d.Admin, "PATCH", base+"/"+pid, map[string]any{"scope": []string{"company:initech"}, "valid_until": nil})
	if e.JSON()["valid_until"] != nil || toStrings(e.JSON()["scope"])[0] != "company:initech" {
		t.Fatalf("%s", e.Raw)
	}
	if r := h.Must(400, d.Admin, "PATCH", base+"/"+pid, map[string]any{"scope": []string{"company:elsewhere"}}); r.Fields()["scope"] == nil {
		t.Fatalf("%s", r.Raw)
	}
	if r := h.Must(409, d.Admin, "PATCH", base+"/"+pid, map[string]any{"scope": []string{"company:globex", "company:acme"}}); r.Code() != "conflict" {
		t.Fatalf("moving onto an existing type+scope: %s", r.Raw)
	}
	if r := h.Must(400, d.Admin, "PATCH", base+"/"+pid, map[string]any{"type": "staff"}); r.Code() != "field_not_editable" {
		t.Fatalf("%s", r.Raw)
	}
	h.Must(404, d.Admin, "PATCH", "/admin/users/"+d.AliceID+"/personas/"+pid, map[string]any{"email": "x@y.test"})

	// Revoke: status revoked, preferred cleared, guard released.
	rv := h.Must(200, d.Admin, "DELETE", base+"/"+pid, nil).JSON()
	if rv["status"].(map[string]any)["value"] != "revoked" || rv["preferred"] != false || rv["active"] != false {
		t.Fatalf("%v", rv)
	}
	h.Must(409, d.Admin, "DELETE", base+"/"+pid, nil)
	h.Must(409, d.Admin, "PATCH", base+"/"+pid, map[string]any{"email": "x@y.test"})
	h.Must(201, d.Admin, "POST", base, map[string]any{"type": "customer", "scope": []string{"company:initech"}})
	if r := h.Must(200, d.Carol, "GET", "/me/active-persona", nil); r.Str("source") != "none" {
		t.Fatalf("a revoked preferred persona is still the default: %s", r.Raw)
	}
	list := h.Must(200, d.Admin, "GET", base, nil).Items()
	if len(list) != 3 || list[len(list)-1]["id"] != pid || list[0]["id"] == second.Str("id") {
		t.Fatalf("list (newest first, all statuses): %v", list)
	}
}

func TestPersonaSearch(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	d := h.DemoIDs()
	count := func(q string) int { return len(h.Must(200, d.Admin, "GET", "/admin/personas"+q, nil).Items()) }
	// Alice's staff, customer and signatory personas; Bob's customer-admin one.
	cases := map[string]int{"": 4, "?type=customer": 1, "?scope=company:acme": 3, "?preferred=true": 1,
		"?status=accepted": 4, "?status=revoked": 0, "?email=ALICE@acme.test": 3, "?type=customer-admin&scope=company:globex": 1,
		"?type=signatory": 1}
	for q, want := range cases {
		if got := count(q); got != want {
			t.Errorf("%q: %d, want %d", q, got, want)
		}
	}
	for _, q := range []string{"?status=bogus", "?preferred=maybe", "?type=Bad%20Type", "?limit=0", "?limit=101", "?cursor=@@@"} {
		h.Must(400, d.Admin, "GET", "/admin/personas"+q, nil)
	}
}

func TestApplicationsCRUD(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	d := h.DemoIDs()
	app := h.Must(201, d.Admin, "POST", "/admin/applications", map[string]any{"name": "Wiki", "url": "https://wiki.demo.test",
		"persona_types": []string{"staff"}})
	id := app.Str("id")
	h.Must(200, d.Admin, "GET", "/admin/applications/"+id, nil)
	if r := h.Must(400, d.Admin, "POST", "/admin/applications", map[string]any{"name": "", "url": "javascript:alert(1)"}); r.Fields()["url"] == nil || r.Fields()["name"] == nil {
		t.Fatalf("%s", r.Raw)
	}
	if r := h.Must(400, d.Admin, "POST", "/admin/applications", map[string]any{"id": "x", "name": "A", "url": "https://a.test"}); r.Code() != "field_not_editable" {
		t.Fatalf("%s", r.Raw)
	}
	put := h.Must(200, d.Admin, "PUT", "/admin/applications/"+id, map[string]any{"name": "Wiki 2", "url": "https://wiki.demo.test"})
	if put.Str("name") != "Wiki 2" || put.Str("created_at") != app.Str("created_at") {
		t.Fatalf("%s", put.Raw)
	}
	other := h.Token("admin@other.test", "other", true)
	h.Must(404, other, "GET", "/admin/applications/"+id, nil)
	h.Must(404, other, "DELETE", "/admin/applications/"+id, nil)
	h.Must(204, d.Admin, "DELETE", "/admin/applications/"+id, nil)
	h.Must(404, d.Admin, "GET", "/admin/applications/"+id, nil)
	h.Must(404, d.Admin, "DELETE", "/admin/applications/"+id, nil)
	if n := len(h.Must(200, d.Admin, "GET", "/admin/applications", nil).Items()); n != 3 {
		t.Fatalf("%d applications", n)
	}
}

func TestAuditRecordsEveryChangeWithActorAndBeforeAfter(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	d := h.DemoIDs()
	h.Must(200, d.Alice, "PUT", "/me/preferred-persona", map[string]any{"persona_id": d.AliceStaff})
	h.Must(200, d.Admin, "DELETE", "/admin/users/"+d.AliceID+"/personas/"+d.AliceCustomer, nil)
	recs := h.Must(200, d.Admin, "GET", "/admin/audit?user_id="+d.AliceID, nil).Items()
	actions := map[string]map[string]any{}
	for _, r := range recs {
		actions[r["action"].(string)] = r
	}
	pref, rev := actions["persona.preferred"], actions["persona.revoked"]
	if pref == nil || rev == nil || actions["profile.created"] == nil {
		t.Fatalf("missing records: %v", recs)
	}
	if pref["actor"] != d.AliceID || rev["before"].(map[string]any)["status"].(map[string]any)["value"] != "accepted" ||
		rev["after"].(map[string]any)["status"].(map[string]any)["value"] != "revoked" {
		t.Fatalf("records: %v %v", pref, rev)
	}
	if recs[0]["action"] != "persona.revoked" {
		t.Fatalf("not newest first: %v", recs[0])
	}
	all := h.Must(200, d.Admin, "GET", "/admin/audit?from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z", nil).Items()
	if len(all) < len(recs) {
		t.Fatal("the time window lost records")
	}
	if n := len(h.Must(200, d.Admin, "GET", "/admin/audit?to=2020-01-01T00:00:00Z", nil).Items()); n != 0 {
		t.Fatalf("%d records before they happened", n)
	}
	for _, q := range []string{"?from=yesterday", "?user_id=nope", "?from=2027-01-01T00:00:00Z&to=2026-01-01T00:00:00Z"} {
		h.Must(400, d.Admin, "GET", "/admin/audit"+q, nil)
	}
}

func TestCursorsPageAndAreBoundToCallerAndQuery(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	d := h.DemoIDs()
	for i := range 5 {
		h.Must(201, d.Admin, "POST", "/admin/users", map[string]any{"email": "user" + string(rune('a'+i)) + "@page.test"})
	}
	seen := map[string]bool{}
	path := "/admin/users?limit=3"
	pages := 0
	for {
		r := h.Must(200, d.Admin, "GET", path, nil)
		for _, u := range r.Items() {
			if seen[u["id"].(string)] {
				t.Fatalf("user listed twice")
			}
			seen[u["id"].(string)] = true
		}
		pages++
		next, _ := r.JSON()["next_cursor"].(string)
		if next == "" {
			break
		}
		path = "/admin/users?limit=3&cursor=" + next
		if pages > 10 {
			t.Fatal("paging does not end")
		}
	}
	if len(seen) != 9 { // alice, bob, carol, the demo admin and five more
		t.Fatalf("paged through %d users", len(seen))
	}
	first := h.Must(200, d.Admin, "GET", "/admin/users?limit=2", nil).JSON()["next_cursor"].(string)
	other := h.Token("admin2@demo.test", "demo", true)
	for name, c := range map[string]struct{ tok, path string }{
		"another caller": {other, "/admin/users?limit=2&cursor=" + first},
		"another filter": {d.Admin, "/admin/users?limit=2&q=a&cursor=" + first},
		"another list":   {d.Admin, "/admin/personas?cursor=" + first},
		"a tampered one": {d.Admin, "/admin/users?cursor=" + first[:len(first)-2] + "xy"},
		"not base64":     {d.Admin, "/admin/users?cursor=%25%25"},
	} {
		if r := h.Do(c.tok, "GET", c.path, nil); r.Status != 400 || r.Fields()["cursor"] == nil {
			t.Errorf("%s: %d %s", name, r.Status, r.Raw)
		}
	}
}

func TestUnknownRoutesAnswerInTheErrorShape(t *testing.T) {
	t.Parallel()
	h := apitest.New(t)
	for _, c := range []struct{ method, path string }{{"GET", "/nope"}, {"POST", "/me"}} {
		r := h.Do("", c.method, c.path, nil)
		if r.Status != 404 || r.Code() != "not_found" {
			t.Errorf("%s %s: %d %s", c.method, c.path, r.Status, r.Raw)
		}
	}
	if r := h.Must(200, "", "GET", "/healthz", nil); r.Str("status") != "ok" {
		t.Fatalf("%s", r.Raw)
	}
}

func toStrings(v any) []string {
	var out []string
	for _, e := range v.([]any) {
		out = append(out, e.(string))
	}
	return out
}

// awsString renders an attribute value for a text search.
func awsString(v any) string { return fmt.Sprintf("%#v", v) }
