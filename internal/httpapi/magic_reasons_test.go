package httpapi_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/personaportal/portal/internal/apitest"
	"github.com/personaportal/portal/internal/domain"
)

// linkEndpoints are the three routes of a magic link, each answering the
// same for a link that no longer works.
var linkEndpoints = []struct{ method, suffix string }{{"GET", ""}, {"POST", "/accept"}, {"POST", "/reject"}}

// expectGone checks that every route of a link answers its subject 410
// gone with details.reason, and the same body each time.
func expectGone(t *testing.T, h *apitest.Harness, caller, token, reason, why string) {
	t.Helper()
	var first string
	for _, ep := range linkEndpoints {
		r := h.Do(caller, ep.method, "/magic-links/"+token+ep.suffix, nil)
		if r.Status != 410 || r.Code() != "gone" || r.Details()["reason"] != reason || len(r.Details()) != 1 {
			t.Errorf("%s: %s %s: %d %s, want 410 gone with reason %q", why, ep.method, ep.suffix, r.Status, r.Raw, reason)
			continue
		}
		if first == "" {
			first = string(r.Raw)
		} else if string(r.Raw) != first {
			t.Errorf("%s: %s %s answers %s, GET %s", why, ep.method, ep.suffix, r.Raw, first)
		}
	}
}

func TestAGoneMagicLinkSaysWhyToItsSubjectAndNothingToAnyoneElse(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	d := h.DemoIDs()
	carolsLink := func() (id, token string) {
		req, tok := prepare(t, h, d.Bob, "carol@globex.test", "company:globex")
		return req["id"].(string), tok
	}
	_, accepted := carolsLink()
	h.Must(200, d.Carol, "POST", "/magic-links/"+accepted+"/accept", nil)
	_, rejected := carolsLink()
	h.Must(200, d.Carol, "POST", "/magic-links/"+rejected+"/reject", map[string]any{"reason": "no"})
	id, withdrawn := carolsLink()
	h.Must(200, d.Bob, "DELETE", "/me/requests/"+id, nil)
	id, replaced := carolsLink()
	newest := tokenOf(h.Must(200, d.Bob, "POST", "/persona-invitations/"+id+"/resend", map[string]any{"send_email": false}).JSON()["magic_link"].(string))
	id, acceptedInMyWork := carolsLink()
	h.Must(200, d.Carol, "POST", "/me/requests/"+id+"/accept", nil)
	id, rejectedInMyWork := carolsLink()
	h.Must(200, d.Carol, "POST", "/me/requests/"+id+"/reject", nil)
	_, waiting := carolsLink()

	final := []struct{ why, token, reason string }{
		{"accepted through the link", accepted, domain.LinkUsed},
		{"rejected through the link", rejected, domain.LinkUsed},
		{"withdrawn by its initiator", withdrawn, domain.LinkWithdrawn},
		{"replaced by a resend", replaced, domain.LinkReplaced},
		{"accepted in My Work", acceptedInMyWork, domain.LinkDecided},
		{"rejected in My Work", rejectedInMyWork, domain.LinkDecided},
	}
	for _, c := range final {
		expectGone(t, h, d.Carol, c.token, c.reason, c.why)
	}
	h.Must(200, d.Carol, "GET", "/magic-links/"+waiting, nil)
	h.Must(200, d.Carol, "GET", "/magic-links/"+newest, nil)

	// Anyone else, whatever the link's fate, and links that never were:
	// one 404 body, without a reason.
	var notFound string
	alice, otherTenant := d.Alice, h.Token("carol@globex.test", "other", false)
	for _, c := range final {
		for _, caller := range []string{alice, d.Bob, otherTenant} {
			for _, ep := range linkEndpoints {
				r := h.Do(caller, ep.method, "/magic-links/"+c.token+ep.suffix, nil)
				if notFound == "" {
					notFound = string(r.Raw)
				}
				if r.Status != 404 || r.Details() != nil || string(r.Raw) != notFound {
					t.Errorf("%s, opened by another: %s %s: %d %s, want the one 404 %s", c.why, ep.method, ep.suffix, r.Status, r.Raw, notFound)
				}
			}
		}
	}
	for _, tok := range []string{randomToken(), "short"} {
		if r := h.Do(d.Carol, "GET", "/magic-links/"+tok, nil); r.Status != 404 || string(r.Raw) != notFound {
			t.Errorf("a token that never was: %d %s", r.Status, r.Raw)
		}
	}

	// Time passes. The link's validity (168 hours) ends before its request's
	// (336): expired, while the request still waits in My Work. An ended
	// link keeps its first reason: it does not turn expired later.
	h.Advance(169 * time.Hour)
	carol := h.Token("carol@globex.test", "demo", false)
	expectGone(t, h, carol, waiting, domain.LinkExpired, "the link's time is over")
	if got := h.Must(200, carol, "GET", "/me/requests/approvals", nil).Items(); len(got) != 2 {
		t.Fatalf("the waiting requests are still to decide in My Work: %v", titles(got))
	}
	for _, c := range final {
		expectGone(t, h, carol, c.token, c.reason, c.why+", a week later")
	}
	// The requests' time is over too, then the expiry job marks them.
	h.Advance(168 * time.Hour)
	carol = h.Token("carol@globex.test", "demo", false)
	expectGone(t, h, carol, newest, domain.LinkExpired, "the request is past its expiry")
	if _, err := h.Portal.Expirer.RunOnce(context.Background()); err != nil {
		t.Fatal(err)
	}
	expectGone(t, h, carol, newest, domain.LinkExpired, "the request expired")
	expectGone(t, h, carol, replaced, domain.LinkReplaced, "replaced, its request since expired")
}

func TestALinkAnsweredWhileItsRequestIsWithdrawnSaysWhichWon(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	d := h.DemoIDs()
	for round := range 3 {
		req, token := prepare(t, h, d.Bob, "carol@globex.test", "company:globex")
		id := req["id"].(string)
		var withdrew bool
		statuses := fire(7, func(i int) int {
			if i == 3 {
				s := h.Do(d.Bob, "DELETE", "/me/requests/"+id, nil).Status
				withdrew = s == 200
				return s
			}
			r := h.Do(d.Carol, "POST", "/magic-links/"+token+"/accept", nil)
			if reason, _ := r.Details()["reason"].(string); r.Status == 410 && !slices.Contains(domain.LinkGoneReasons, reason) {
				t.Errorf("round %d: %s", round, r.Raw)
			}
			return r.Status
		})
		won := 0
		for _, s := range statuses {
			switch s {
			case 200:
				won++
			case 409, 410:
			default:
				t.Fatalf("round %d: status %d in %v", round, s, statuses)
			}
		}
		if won != 1 {
			t.Fatalf("round %d: %d winners in %v", round, won, statuses)
		}
		want := map[bool]string{true: domain.LinkWithdrawn, false: domain.LinkUsed}[withdrew]
		expectGone(t, h, d.Carol, token, want, "after the race")
	}
}
