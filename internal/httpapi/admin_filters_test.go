package httpapi_test

import (
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/personaportal/portal/internal/apitest"
)

// pages follows a list's cursors with one item a page and returns every
// item.
func pages(t *testing.T, h *apitest.Harness, tok, path string) []map[string]any {
	t.Helper()
	var out []map[string]any
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	next := path + sep + "limit=1"
	for range 500 {
		r := h.Must(200, tok, "GET", next, nil)
		out = append(out, r.Items()...)
		cur, _ := r.JSON()["next_cursor"].(string)
		if cur == "" {
			return out
		}
		next = path + sep + "limit=1&cursor=" + cur
	}
	t.Fatal("paging did not end")
	return nil
}

func TestTheAuditTrailFiltersByActorAndAction(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	d := h.DemoIDs()
	h.Must(200, d.Admin, "PATCH", "/admin/users/"+d.CarolID, map[string]any{"given_name": "Caroline"})
	h.Must(201, d.Bob, "POST", "/users/"+d.AliceID+"/personas", map[string]any{"type": "customer", "scope": []string{"company:globex"}})
	adminID := h.Must(200, d.Admin, "GET", "/me", nil).Str("id")

	byBob := pages(t, h, d.Admin, "/admin/audit?actor="+d.BobID)
	if len(byBob) != 1 || byBob[0]["action"] != "persona.added" || byBob[0]["actor"] != d.BobID {
		t.Fatalf("actor=bob: %v", byBob)
	}
	updated := pages(t, h, d.Admin, "/admin/audit?action=profile.updated")
	if len(updated) != 1 || updated[0]["actor"] != adminID {
		t.Fatalf("action=profile.updated: %v", updated)
	}
	if got := pages(t, h, d.Admin, "/admin/audit?action=persona.added&actor="+adminID); len(got) != 0 {
		t.Fatalf("both filters: %v", got)
	}
	// With user_id (the per-user index) and a period too.
	if got := pages(t, h, d.Admin, "/admin/audit?user_id="+d.AliceID+"&action=persona.added&actor="+d.BobID+
		"&from="+url.QueryEscape(h.Now().Format("2006-01-02T15:04:05Z"))); len(got) != 1 {
		t.Fatalf("user_id+action+actor: %v", got)
	}
	// The seed's records carry a system actor.
	seeded := pages(t, h, d.Admin, "/admin/audit?actor=system:seed&action=profile.created")
	if len(seeded) != 3 { // Alice, Bob, Carol
		t.Fatalf("actor=system:seed: %d records", len(seeded))
	}
	for _, a := range seeded {
		if a["actor"] != "system:seed" || a["action"] != "profile.created" {
			t.Fatalf("%v", a)
		}
	}
	for _, bad := range []string{"actor=bob", "actor=system:", "actor=System:Expire", "action=Persona.Added", "action=persona",
		"action=" + strings.Repeat("a", 40) + ".added", "action=persona.added.twice"} {
		if r := h.Must(400, d.Admin, "GET", "/admin/audit?"+bad, nil); r.Fields()[strings.SplitN(bad, "=", 2)[0]] == nil {
			t.Errorf("%s: %s", bad, r.Raw)
		}
	}
	// Tenant admins only; another tenant's admin sees none of it.
	h.Must(403, d.Bob, "GET", "/admin/audit?actor="+d.BobID, nil)
	if got := h.Must(200, h.Token("admin@other.test", "other", true), "GET", "/admin/audit?actor="+d.BobID, nil).Items(); len(got) != 0 {
		t.Fatalf("another tenant: %v", got)
	}
	// A cursor is bound to its filters.
	next := h.Must(200, d.Admin, "GET", "/admin/audit?limit=1", nil).JSON()["next_cursor"].(string)
	h.Must(400, d.Admin, "GET", "/admin/audit?limit=1&action=profile.updated&cursor="+next, nil)
}

func TestATenantAdminFindsUsersByACustomAttribute(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	d := h.DemoIDs()
	h.Must(200, d.Admin, "PATCH", "/admin/users/"+d.AliceID, map[string]any{"attributes": map[string]any{
		"team": "blue", "level": 3, "vip": true, "cost_center": "3", "tags": []any{"a", "b"}, "note": "a<b & c"}})
	h.Must(200, d.Admin, "PATCH", "/admin/users/"+d.CarolID, map[string]any{"attributes": map[string]any{"team": "Blue", "teamlead": "blue"}})
	ids := func(query string) []string {
		t.Helper()
		var out []string
		for _, u := range pages(t, h, d.Admin, "/admin/users?"+query) {
			out = append(out, u["id"].(string))
		}
		slices.Sort(out)
		return out
	}
	both := []string{d.AliceID, d.CarolID}
	slices.Sort(both)
	for q, want := range map[string][]string{
		"attribute=team&value=blue":                          {d.AliceID}, // exact: not Blue, not another attribute's value
		"attribute=team&value=Blue":                          {d.CarolID},
		"attribute=team":                                     both,
		"attribute=teamlead":                                 {d.CarolID},
		"attribute=level&value=3":                            {d.AliceID},
		"attribute=level&value=3.0":                          {d.AliceID},
		"attribute=cost_center&value=3":                      {d.AliceID}, // the text "3"
		"attribute=vip&value=true":                           {d.AliceID},
		"attribute=vip&value=false":                          nil,
		"attribute=note&value=" + url.QueryEscape("a<b & c"): {d.AliceID},
		"attribute=team&value=blue&q=carol":                  nil,
		"attribute=team&value=Blue&q=carol":                  {d.CarolID},
		"attribute=nothing":                                  nil,
	} {
		if got := ids(q); !slices.Equal(got, want) {
			t.Errorf("%s: %v, want %v", q, got, want)
		}
	}
	// A profile saved again loses what it no longer holds.
	h.Must(200, d.Admin, "PATCH", "/admin/users/"+d.CarolID, map[string]any{"attributes": map[string]any{"team": nil}})
	if got := ids("attribute=team"); !slices.Equal(got, []string{d.AliceID}) {
		t.Fatalf("after removing carol's team: %v", got)
	}
	for _, bad := range []string{"attribute=" + url.QueryEscape("has space"), "attribute=9lives", "value=blue",
		"attribute=team&value=" + strings.Repeat("x", 201), "attribute=" + strings.Repeat("a", 65)} {
		if r := h.Do(d.Admin, "GET", "/admin/users?"+bad, nil); r.Status != 400 || r.Code() != "invalid_request" {
			t.Errorf("%s: %d %s", bad, r.Status, r.Raw)
		}
	}
	// Tenant admins only; nothing of another tenant.
	h.Must(403, d.Bob, "GET", "/admin/users?attribute=team", nil)
	if got := h.Must(200, h.Token("admin@other.test", "other", true), "GET", "/admin/users?attribute=team", nil).Items(); len(got) != 0 {
		t.Fatalf("another tenant: %v", got)
	}
}
