package httpapi_test

import (
	"strings"
	"testing"

	"github.com/personaportal/portal/internal/apitest"
)

func TestGetMeReturnsTheCallersProfile(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	d := h.DemoIDs()
	r := h.Must(200, d.Alice, "GET", "/me", nil)
	me := r.JSON()
	if me["email"] != "alice@acme.test" || me["given_name"] != "Alice" || me["status"] != "active" {
		t.Fatalf("unexpected profile: %s", r.Raw)
	}
	if ct := r.Header.Get("Content-Type"); ct != "application/json; charset=utf-8" {
		t.Fatalf("content type %q", ct)
	}
}

func TestRequestsWithoutAValidTokenAreUnauthenticated(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	for _, tok := range []string{"", "not-a-jwt", h.Token("alice@acme.test", "demo", false) + "x"} {
		r := h.Do(tok, "GET", "/me", nil)
		if r.Status != 401 || r.Code() != "unauthenticated" {
			t.Fatalf("token %q: %d %s", tok, r.Status, r.Raw)
		}
		if !strings.HasPrefix(r.Header.Get("WWW-Authenticate"), "Bearer") {
			t.Fatalf("no Bearer challenge")
		}
	}
}

func TestTheSameEmailInAnotherTenantIsAnotherProfile(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	d := h.DemoIDs()
	other := h.Token("alice@acme.test", "other", false)
	me := h.Must(200, other, "GET", "/me", nil)
	if me.Str("id") == d.AliceID {
		t.Fatal("another tenant resolved to the demo tenant's profile")
	}
	if n := len(h.Must(200, other, "GET", "/me/personas", nil).Items()); n != 0 {
		t.Fatalf("another tenant sees %d personas", n)
	}
	h.Must(404, other, "GET", "/me/personas/"+d.AliceStaff, nil)
	h.Must(404, other, "PUT", "/me/preferred-persona", map[string]any{"persona_id": d.AliceStaff})
	h.Must(404, other, "PUT", "/me/active-persona", map[string]any{"persona_id": d.AliceStaff})
	if n := len(h.Must(200, other, "GET", "/me/applications", nil).Items()); n != 0 {
		t.Fatalf("another tenant opens %d applications", n)
	}
	if r := h.Must(200, other, "GET", "/me/active-persona", nil); r.Str("source") != "none" {
		t.Fatalf("%s", r.Raw)
	}
}

func TestFirstLoginLinksTheProfileWithTheVerifiedEmail(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	admin := h.Token("admin@demo.test", "demo", true)
	created := h.Must(201, admin, "POST", "/admin/users", map[string]any{"email": "dave@acme.test", "given_name": "Dave"})
	me := h.Must(200, h.Token("DAVE@acme.test", "demo", false), "GET", "/me", nil)
	if me.Str("id") != created.Str("id") {
		t.Fatalf("first login did not link to the existing profile: %s vs %s", me.Raw, created.Raw)
	}
}

func TestWithoutAutoProvisioningAnUnknownCallerHasNoProfile(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	admin := h.Token("admin@demo.test", "demo", true)
	h.Must(200, admin, "PUT", "/admin/settings", map[string]any{"auto_provision_users": false})
	r := h.Do(h.Token("stranger@nowhere.test", "demo", false), "GET", "/me", nil)
	if r.Status != 403 || r.Code() != "profile_not_found" {
		t.Fatalf("%d %s", r.Status, r.Raw)
	}
}

func TestADisabledProfileIsRefusedOnEveryRoute(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	d := h.DemoIDs()
	h.Must(200, d.Admin, "DELETE", "/admin/users/"+d.AliceID, nil)
	for _, path := range []string{"/me", "/me/personas", "/me/applications", "/me/active-persona", "/admin/settings"} {
		r := h.Do(d.Alice, "GET", path, nil)
		if r.Status != 403 || r.Code() != "profile_disabled" {
			t.Fatalf("%s: %d %s", path, r.Status, r.Raw)
		}
	}
	// A fresh token (new session) is refused too: the status is on the identity link.
	r := h.Do(h.Token("alice@acme.test", "demo", false), "GET", "/me", nil)
	if r.Code() != "profile_disabled" {
		t.Fatalf("%s", r.Raw)
	}
}

func TestPatchMeUpdatesEditableFieldsAndMergesAttributes(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	d := h.DemoIDs()
	h.Must(200, d.Alice, "PATCH", "/me", map[string]any{"attributes": map[string]any{"team": "blue", "floor": 3}})
	r := h.Must(200, d.Alice, "PATCH", "/me", map[string]any{"given_name": "Alicia", "timezone": "Europe/Brussels",
		"locale": "fr-BE", "phone": "+32 2 123 45 67", "attributes": map[string]any{"floor": nil, "desk": "A1"}})
	me := h.Must(200, d.Alice, "GET", "/me", nil).JSON()
	attrs := me["attributes"].(map[string]any)
	if me["given_name"] != "Alicia" || me["timezone"] != "Europe/Brussels" || attrs["team"] != "blue" ||
		attrs["desk"] != "A1" || attrs["floor"] != nil {
		t.Fatalf("patch not applied as a merge: %s", r.Raw)
	}
}

func TestPatchMeRefusesReadOnlyUnknownAndInvalidFields(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	d := h.DemoIDs()
	r := h.Must(400, d.Alice, "PATCH", "/me", map[string]any{"email": "x@y.test", "status": "disabled", "given_name": "A"})
	if r.Code() != "field_not_editable" || !strings.Contains(string(r.Raw), `"fields":["email","status"]`) {
		t.Fatalf("%s", r.Raw)
	}
	r = h.Must(400, d.Alice, "PATCH", "/me", map[string]any{"nickname": "Al"})
	if r.Code() != "invalid_request" || r.Fields()["nickname"] == nil {
		t.Fatalf("%s", r.Raw)
	}
	r = h.Must(400, d.Alice, "PATCH", "/me", map[string]any{"timezone": "Mars/Olympus", "locale": "english!", "phone": "call me"})
	for _, f := range []string{"timezone", "locale", "phone"} {
		if r.Fields()[f] == nil {
			t.Fatalf("no reason for %s: %s", f, r.Raw)
		}
	}
	r = h.Must(400, d.Alice, "PATCH", "/me", map[string]any{"given_name": 42})
	if r.Fields()["given_name"] == nil {
		t.Fatalf("%s", r.Raw)
	}
	h.Must(400, d.Alice, "PATCH", "/me", "{not json")
	h.Must(400, d.Alice, "PATCH", "/me", "[1,2]")
	if me := h.Must(200, d.Alice, "GET", "/me", nil).JSON(); me["given_name"] != "Alice" {
		t.Fatalf("a refused patch changed the profile: %v", me)
	}
}

func TestBodiesMustBeJSONAndAtMost64KiB(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	d := h.DemoIDs()
	req := h.Do(d.Alice, "PATCH", "/me", map[string]any{"given_name": strings.Repeat("a", 70<<10)})
	if req.Status != 413 || req.Code() != "payload_too_large" {
		t.Fatalf("%d %s", req.Status, req.Raw)
	}
	r := apitest.Request("PATCH", "/me", "given_name=x", d.Alice, "application/x-www-form-urlencoded")
	if res := h.Send(r); res.Status != 415 || res.Code() != "unsupported_media_type" {
		t.Fatalf("%d %s", res.Status, res.Raw)
	}
}

func TestMyPersonasListsOwnPersonasWithDerivedFields(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	d := h.DemoIDs()
	items := h.Must(200, d.Alice, "GET", "/me/personas", nil).Items()
	if len(items) != 3 {
		t.Fatalf("alice has %d personas", len(items))
	}
	for _, p := range items {
		if p["active"] != true || p["user_id"] != d.AliceID || len(p["entitlements"].([]any)) == 0 {
			t.Fatalf("persona not derived: %v", p)
		}
	}
	one := h.Must(200, d.Alice, "GET", "/me/personas/"+d.AliceCustomer, nil).JSON()
	if one["preferred"] != true || one["type"] != "customer" {
		t.Fatalf("%v", one)
	}
}

func TestAnotherUsersPersonaIsNotFound(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	d := h.DemoIDs()
	for _, path := range []string{"/me/personas/" + d.BobAdmin, "/me/personas/not-a-uuid", "/me/personas/" + d.AliceID} {
		r := h.Must(404, d.Alice, "GET", path, nil)
		if r.Code() != "not_found" {
			t.Fatalf("%s: %s", path, r.Raw)
		}
	}
	r := h.Do(d.Alice, "PUT", "/me/preferred-persona", map[string]any{"persona_id": d.BobAdmin})
	if r.Status != 404 {
		t.Fatalf("preferring another user's persona: %d %s", r.Status, r.Raw)
	}
	r = h.Do(d.Alice, "PUT", "/me/active-persona", map[string]any{"persona_id": d.BobAdmin})
	if r.Status != 404 {
		t.Fatalf("selecting another user's persona: %d %s", r.Status, r.Raw)
	}
}

func TestSettingThePreferredPersonaUnprefersTheOther(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	d := h.DemoIDs()
	r := h.Must(200, d.Alice, "PUT", "/me/preferred-persona", map[string]any{"persona_id": d.AliceStaff})
	if r.JSON()["preferred"] != true || r.Str("id") != d.AliceStaff {
		t.Fatalf("%s", r.Raw)
	}
	preferred := 0
	for _, p := range h.Must(200, d.Alice, "GET", "/me/personas", nil).Items() {
		if p["preferred"] == true {
			preferred++
			if p["id"] != d.AliceStaff {
				t.Fatalf("wrong persona preferred: %v", p)
			}
		}
	}
	if preferred != 1 {
		t.Fatalf("%d preferred personas", preferred)
	}
	// Setting it again is a no-op, not an error.
	h.Must(200, d.Alice, "PUT", "/me/preferred-persona", map[string]any{"persona_id": d.AliceStaff})
}

func TestPreferredPersonaInputIsValidated(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	d := h.DemoIDs()
	if r := h.Must(400, d.Alice, "PUT", "/me/preferred-persona", map[string]any{}); r.Fields()["persona_id"] == nil {
		t.Fatalf("%s", r.Raw)
	}
	h.Must(400, d.Alice, "PUT", "/me/preferred-persona", map[string]any{"persona_id": 7})
	h.Must(200, d.Admin, "DELETE", "/admin/users/"+d.AliceID+"/personas/"+d.AliceStaff, nil)
	r := h.Must(400, d.Alice, "PUT", "/me/preferred-persona", map[string]any{"persona_id": d.AliceStaff})
	if r.Fields()["persona_id"] == nil {
		t.Fatalf("a revoked persona was accepted as preferred: %s", r.Raw)
	}
}

func TestActivePersonaDefaultsToPreferredAndFollowsTheSession(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	d := h.DemoIDs()
	r := h.Must(200, d.Alice, "GET", "/me/active-persona", nil)
	if r.Str("source") != "preferred" || r.JSON()["persona"].(map[string]any)["id"] != d.AliceCustomer {
		t.Fatalf("%s", r.Raw)
	}
	h.Must(200, d.Alice, "PUT", "/me/active-persona", map[string]any{"persona_id": d.AliceStaff})
	r = h.Must(200, d.Alice, "GET", "/me/active-persona", nil)
	if r.Str("source") != "selected" || r.JSON()["persona"].(map[string]any)["id"] != d.AliceStaff {
		t.Fatalf("%s", r.Raw)
	}
	// Another session of the same user has its own selection.
	other := h.Token("alice@acme.test", "demo", false)
	if r := h.Must(200, other, "GET", "/me/active-persona", nil); r.Str("source") != "preferred" {
		t.Fatalf("selection leaked across sessions: %s", r.Raw)
	}
	if r := h.Must(400, d.Alice, "PUT", "/me/active-persona", map[string]any{"persona": d.AliceStaff}); r.Fields()["persona"] == nil {
		t.Fatalf("%s", r.Raw)
	}
	// Carol has no persona: none.
	if r := h.Must(200, d.Carol, "GET", "/me/active-persona", nil); r.Str("source") != "none" || r.JSON()["persona"] != nil {
		t.Fatalf("%s", r.Raw)
	}
}

func TestSelectingAStepUpPersonaNeedsARecentAuthentication(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	d := h.DemoIDs()
	old := h.TokenAged("bob@acme.test", "demo", false, 301)
	r := h.Must(401, old, "PUT", "/me/active-persona", map[string]any{"persona_id": d.BobAdmin})
	if r.Code() != "step_up_required" {
		t.Fatalf("%s", r.Raw)
	}
	want := `Bearer error="insufficient_user_authentication"`
	if ch := r.Header.Get("WWW-Authenticate"); !strings.HasPrefix(ch, want) || !strings.Contains(ch, "max_age=300") {
		t.Fatalf("challenge %q", ch)
	}
	h.Must(200, h.TokenAged("bob@acme.test", "demo", false, 10), "PUT", "/me/active-persona", map[string]any{"persona_id": d.BobAdmin})
	// A persona without step-up needs none, however old the authentication.
	h.Must(200, h.TokenAged("alice@acme.test", "demo", false, 86400), "PUT", "/me/active-persona", map[string]any{"persona_id": d.AliceStaff})
}

func TestMyApplicationsFollowActivePersonas(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	d := h.DemoIDs()
	names := func(tok string) map[string][]any {
		out := map[string][]any{}
		for _, a := range h.Must(200, tok, "GET", "/me/applications", nil).Items() {
			out[a["name"].(string)] = a["via_personas"].([]any)
		}
		return out
	}
	alice := names(d.Alice)
	if len(alice) != 2 || alice["Order Desk"] == nil || alice["Intranet"] == nil {
		t.Fatalf("alice: %v", alice)
	}
	if bob := names(d.Bob); len(bob) != 1 || bob["Partner Console"] == nil {
		t.Fatalf("bob (by entitlement): %v", bob)
	}
	if carol := names(d.Carol); len(carol) != 0 {
		t.Fatalf("carol: %v", carol)
	}
	h.Must(200, d.Admin, "DELETE", "/admin/users/"+d.AliceID+"/personas/"+d.AliceStaff, nil)
	if alice := names(d.Alice); alice["Intranet"] != nil {
		t.Fatalf("a revoked persona still opens its application: %v", alice)
	}
}
