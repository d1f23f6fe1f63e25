package httpapi_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/personaportal/portal/internal/apitest"
	"github.com/personaportal/portal/internal/domain"
)

// invitationStates maps request IDs to the state GET /persona-invitations
// shows, reading every page (one item a page, so paging is exercised too).
func invitationStates(t *testing.T, h *apitest.Harness, tok, query string) (map[string]string, []string) {
	t.Helper()
	states, order := map[string]string{}, []string{}
	path := "/persona-invitations?limit=1" + query
	for range 50 {
		r := h.Must(200, tok, "GET", path, nil)
		for _, it := range r.Items() {
			id := it["request"].(map[string]any)["id"].(string)
			states[id] = it["state"].(string)
			order = append(order, id)
		}
		next, _ := r.JSON()["next_cursor"].(string)
		if next == "" {
			return states, order
		}
		path = "/persona-invitations?limit=1" + query + "&cursor=" + next
	}
	t.Fatal("paging did not end")
	return nil, nil
}

func resend(h *apitest.Harness, tok, id string, body any) apitest.Response {
	return h.Do(tok, "POST", "/persona-invitations/"+id+"/resend", body)
}

func tokenOf(link string) string { return link[strings.LastIndex(link, "/")+1:] }

func TestInvitationsShowTheirStateThroughTheWorkflow(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	d := h.DemoIDs()
	id := func(r map[string]any) string { return r["id"].(string) }
	approval := func(assign string) string {
		for _, it := range h.Must(200, d.Bob, "GET", "/me/requests/approvals", nil).Items() {
			if it["related_request_id"] == assign {
				return it["id"].(string)
			}
		}
		t.Fatalf("no activation for %s", assign)
		return ""
	}
	want := map[string]string{}

	waiting, _ := prepare(t, h, d.Bob, "carol@globex.test", "company:globex")
	want[id(waiting)] = domain.InvitationWaitingForUser
	accepted, tok := prepare(t, h, d.Bob, "carol@globex.test", "company:acme")
	h.Must(200, d.Carol, "POST", "/magic-links/"+tok+"/accept", nil)
	want[id(accepted)] = domain.InvitationWaitingForActivation
	done, tok := prepare(t, h, d.Bob, "alice@acme.test", "company:globex")
	h.Must(200, d.Alice, "POST", "/magic-links/"+tok+"/accept", nil)
	h.Must(200, d.Bob, "POST", "/me/requests/"+approval(id(done))+"/accept", nil)
	want[id(done)] = domain.InvitationDone
	declined, tok := prepare(t, h, d.Bob, "carol@globex.test", "company:acme", "company:globex")
	h.Must(200, d.Carol, "POST", "/magic-links/"+tok+"/reject", map[string]any{"reason": "no"})
	want[id(declined)] = domain.InvitationRejected
	refused, tok := prepare(t, h, d.Bob, "alice@acme.test", "company:acme", "company:globex")
	h.Must(200, d.Alice, "POST", "/magic-links/"+tok+"/accept", nil)
	h.Must(200, d.Bob, "POST", "/me/requests/"+approval(id(refused))+"/reject", nil)
	want[id(refused)] = domain.InvitationRejected
	withdrawn, tok := prepare(t, h, d.Bob, "carol@globex.test", "company:globex")
	h.Must(200, d.Bob, "DELETE", "/me/requests/"+id(withdrawn), nil)
	want[id(withdrawn)] = domain.InvitationWithdrawn
	if r := h.Must(410, d.Carol, "GET", "/magic-links/"+tok, nil); !strings.Contains(r.JSON()["error"].(map[string]any)["message"].(string), "withdrawn") {
		t.Fatalf("a withdrawn invitation's link: %s", r.Raw)
	}
	// Alice already holds customer company:acme: the activation fails its re-check.
	failed, tok := prepare(t, h, d.Bob, "alice@acme.test", "company:acme")
	h.Must(200, d.Alice, "POST", "/magic-links/"+tok+"/accept", nil)
	h.Must(200, d.Bob, "POST", "/me/requests/"+approval(id(failed))+"/accept", nil)
	want[id(failed)] = domain.InvitationFailed

	got, order := invitationStates(t, h, d.Bob, "")
	if len(got) != len(want) {
		t.Fatalf("listed %v, want %v", got, want)
	}
	for rid, st := range want {
		if got[rid] != st {
			t.Errorf("%s: state %q, want %q", rid, got[rid], st)
		}
	}
	if order[0] != id(failed) || order[len(order)-1] != id(waiting) {
		t.Errorf("not newest first: %v", order)
	}
	// Each state filter keeps exactly its own.
	for _, st := range domain.InvitationStates {
		sub, _ := invitationStates(t, h, d.Bob, "&state="+st)
		for rid := range want {
			if (want[rid] == st) != (sub[rid] == st) || (sub[rid] != "" && sub[rid] != st) {
				t.Errorf("?state=%s lists %v", st, sub)
				break
			}
		}
	}
	// The list carries the link's expiry and the e-mail's fate.
	first := h.Must(200, d.Bob, "GET", "/persona-invitations?state=waiting_for_user", nil).Items()
	if len(first) != 1 || first[0]["email_status"] != "queued" ||
		first[0]["link_expires_at"] != h.Now().Add(168*time.Hour).Format(time.RFC3339) {
		t.Fatalf("%v", first)
	}
	h.Must(200, "", "GET", "/dev/outbox?to=carol@globex.test", nil) // delivers the outbox
	if it := h.Must(200, d.Bob, "GET", "/persona-invitations?state=waiting_for_user", nil).Items()[0]; it["email_status"] != "sent" {
		t.Fatalf("%v", it)
	}
	// Past its expiry a waiting invitation is expired, before the expiry job marks it and after.
	h.Advance(337 * time.Hour)
	bob := h.Token("bob@acme.test", "demo", false)
	got, _ = invitationStates(t, h, bob, "&state=expired")
	if len(got) != 2 || got[id(waiting)] != domain.InvitationExpired || got[id(accepted)] != domain.InvitationExpired {
		t.Fatalf("expired: %v", got)
	}
	if _, err := h.Portal.Expirer.RunOnce(context.Background()); err != nil {
		t.Fatal(err)
	}
	got, _ = invitationStates(t, h, bob, "&state=expired")
	if len(got) != 2 {
		t.Fatalf("expired after the job: %v", got)
	}
	if got, _ := invitationStates(t, h, bob, "&state=waiting_for_user"); len(got) != 0 {
		t.Fatalf("waiting after expiry: %v", got)
	}
}

func TestTheInvitationsListIsTheCallersOwnAndChecksItsQuery(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	d := h.DemoIDs()
	prepare(t, h, d.Bob, "carol@globex.test", "company:globex")
	prepare(t, h, d.Bob, "carol@globex.test", "company:acme")
	// The subject, another user, a tenant admin, another tenant: none of Bob's.
	for _, tok := range []string{d.Carol, d.Alice, d.Admin, h.Token("bob@acme.test", "other", false)} {
		if items := h.Must(200, tok, "GET", "/persona-invitations", nil).Items(); len(items) != 0 {
			t.Errorf("another caller lists %v", items)
		}
	}
	for _, q := range []string{"state=pending", "state=WAITING_FOR_USER", "limit=0", "limit=101", "cursor=abc"} {
		if r := h.Must(400, d.Bob, "GET", "/persona-invitations?"+q, nil); r.Code() != "invalid_request" {
			t.Errorf("%s: %s", q, r.Raw)
		}
	}
	// A cursor is bound to its filter and its caller.
	next := h.Must(200, d.Bob, "GET", "/persona-invitations?limit=1", nil).JSON()["next_cursor"].(string)
	h.Must(400, d.Bob, "GET", "/persona-invitations?limit=1&state=done&cursor="+next, nil)
	h.Must(400, d.Alice, "GET", "/persona-invitations?limit=1&cursor="+next, nil)
	h.Must(200, d.Bob, "GET", "/persona-invitations?limit=1&cursor="+next, nil)
}

func TestAResendGivesANewLinkAndTheOldOneDiesAtOnce(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	d := h.DemoIDs()
	req, old := prepare(t, h, d.Bob, "carol@globex.test", "company:globex")
	id := req["id"].(string)
	h.Advance(100 * time.Hour)
	bob, carol, alice := h.Token("bob@acme.test", "demo", false), h.Token("carol@globex.test", "demo", false), h.Token("alice@acme.test", "demo", false)
	r := h.Must(200, bob, "POST", "/persona-invitations/"+id+"/resend", nil).JSON()
	link := r["magic_link"].(string)
	fresh := tokenOf(link)
	renewed := r["request"].(map[string]any)
	if fresh == old || !strings.HasPrefix(link, "https://portal.demo.test/magic/") || r["email_sent"] != true ||
		r["link_expires_at"] != h.Now().Add(168*time.Hour).Format(time.RFC3339) ||
		renewed["expires_at"] != h.Now().Add(336*time.Hour).Format(time.RFC3339) || renewed["status"] != "pending" {
		t.Fatalf("%v", r)
	}
	// The old link: "no longer valid" for its subject, not found for anyone else.
	for _, suffix := range []string{"", "/accept", "/reject"} {
		method := map[bool]string{true: "GET", false: "POST"}[suffix == ""]
		g := h.Must(410, carol, method, "/magic-links/"+old+suffix, nil)
		if !strings.Contains(g.JSON()["error"].(map[string]any)["message"].(string), "no longer valid") {
			t.Fatalf("%s", g.Raw)
		}
		h.Must(404, alice, method, "/magic-links/"+old+suffix, nil)
		h.Must(404, carol, method, "/magic-links/"+randomToken()+suffix, nil)
	}
	// The e-mail carries the new link; the listing shows its expiry.
	mails := h.Must(200, "", "GET", "/dev/outbox?to=carol@globex.test", nil).Items()
	if len(mails) != 2 || !strings.Contains(mails[0]["text"].(string), fresh) {
		t.Fatalf("e-mails: %v", mails)
	}
	it := h.Must(200, bob, "GET", "/persona-invitations", nil).Items()[0]
	if it["link_expires_at"] != r["link_expires_at"] || it["email_status"] != "sent" || it["state"] != "waiting_for_user" {
		t.Fatalf("%v", it)
	}
	// My Work shows the renewed expiry too.
	if a := h.Must(200, carol, "GET", "/me/requests/approvals", nil).Items(); a[0]["expires_at"] != renewed["expires_at"] {
		t.Fatalf("%v", a)
	}
	// Audited, without the token.
	audit := h.Must(200, h.Token("admin@demo.test", "demo", true), "GET", "/admin/audit?action=request.resent", nil)
	if a := audit.Items(); len(a) != 1 || a[0]["actor"] != d.BobID || a[0]["target"].(map[string]any)["id"] != id {
		t.Fatalf("audit: %s", audit.Raw)
	}
	if strings.Contains(string(audit.Raw), fresh[22:]) || strings.Contains(string(audit.Raw), old[22:]) {
		t.Fatal("the audit record holds a token")
	}
	// Without send_email: a link, no e-mail.
	q := h.Must(200, bob, "POST", "/persona-invitations/"+id+"/resend", map[string]any{"send_email": false}).JSON()
	if q["email_sent"] != false || len(h.Must(200, "", "GET", "/dev/outbox?to=carol@globex.test", nil).Items()) != 2 {
		t.Fatalf("%v", q)
	}
	if it := h.Must(200, bob, "GET", "/persona-invitations", nil).Items()[0]; it["email_status"] != nil {
		t.Fatalf("%v", it)
	}
	h.Must(410, carol, "GET", "/magic-links/"+fresh, nil)
	// The newest link works, once.
	newest := tokenOf(q["magic_link"].(string))
	h.Must(200, carol, "GET", "/magic-links/"+newest, nil)
	h.Must(200, carol, "POST", "/magic-links/"+newest+"/accept", nil)
	h.Must(410, carol, "GET", "/magic-links/"+newest, nil)
	// Nothing keeps a token in clear.
	out, err := h.Portal.DB.Scan(context.Background(), &dynamodb.ScanInput{TableName: aws.String(h.Portal.Store.Table())})
	if err != nil {
		t.Fatal(err)
	}
	for _, item := range out.Items {
		for k, v := range item {
			for _, tk := range []string{old, fresh, newest} {
				if strings.Contains(awsString(v), tk[22:]) {
					t.Fatalf("attribute %s holds a token", k)
				}
			}
		}
	}
}

func TestOnlyTheInitiatorResendsAPendingInvitationWithinTheirRights(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	d := h.DemoIDs()
	req, _ := prepare(t, h, d.Bob, "carol@globex.test", "company:globex")
	id := req["id"].(string)
	// Alice becomes a delegated admin too: still not hers.
	h.Must(201, d.Admin, "POST", "/admin/users/"+d.AliceID+"/personas", map[string]any{"type": "customer-admin", "scope": []string{"company:globex"}})
	h.Must(404, d.Alice, "POST", "/persona-invitations/"+id+"/resend", nil)
	// The subject and a tenant admin hold no admin persona; another tenant's admin sees nothing.
	for _, tok := range []string{d.Carol, d.Admin} {
		if r := resend(h, tok, id, nil); r.Status != 403 || r.Code() != "forbidden" {
			t.Errorf("%d %s", r.Status, r.Raw)
		}
	}
	oa := h.Token("admin@other.test", "other", true)
	h.Must(201, oa, "POST", "/admin/persona-definitions", map[string]any{"type": "customer", "display_name": "C", "scope_values": []string{"company:globex"}})
	h.Must(201, oa, "POST", "/admin/persona-definitions", map[string]any{"type": "customer-admin", "display_name": "CA", "scope_values": []string{"company:globex"}, "manages": []string{"customer"}})
	ob := h.Token("bob@acme.test", "other", false)
	h.Must(201, oa, "POST", "/admin/users/"+h.Must(200, ob, "GET", "/me", nil).Str("id")+"/personas", map[string]any{"type": "customer-admin", "scope": []string{"company:globex"}})
	h.Must(404, ob, "POST", "/persona-invitations/"+id+"/resend", nil)
	// Bad input.
	h.Must(404, d.Bob, "POST", "/persona-invitations/not-a-uuid/resend", nil)
	h.Must(404, d.Bob, "POST", "/persona-invitations/0190a3c0-0000-7000-8000-000000000000/resend", nil)
	if r := h.Must(400, d.Bob, "POST", "/persona-invitations/"+id+"/resend", map[string]any{"send_email": "yes"}); r.Fields()["send_email"] == nil {
		t.Fatalf("%s", r.Raw)
	}
	if r := h.Must(400, d.Bob, "POST", "/persona-invitations/"+id+"/resend", map[string]any{"to": "x"}); r.Fields()["to"] == nil {
		t.Fatalf("%s", r.Raw)
	}
	// An activation request is no invitation, even for its assignee.
	_, tok := prepare(t, h, d.Bob, "carol@globex.test", "company:acme")
	h.Must(200, d.Carol, "POST", "/magic-links/"+tok+"/accept", nil)
	act := h.Must(200, d.Bob, "GET", "/me/requests/approvals", nil).Items()[0]["id"].(string)
	h.Must(404, d.Bob, "POST", "/persona-invitations/"+act+"/resend", nil)
	// Bob's admin persona no longer covers company:globex: forbidden.
	h.Must(200, d.Admin, "PATCH", "/admin/users/"+d.BobID+"/personas/"+d.BobAdmin, map[string]any{"scope": []string{"company:acme"}})
	if r := resend(h, d.Bob, id, nil); r.Status != 403 || r.Code() != "forbidden" {
		t.Fatalf("%d %s", r.Status, r.Raw)
	}
	h.Must(200, d.Admin, "PATCH", "/admin/users/"+d.BobID+"/personas/"+d.BobAdmin, map[string]any{"scope": []string{"company:acme", "company:globex"}})
	// A stale session steps up first, as for preparing.
	if r := resend(h, h.TokenAged("bob@acme.test", "demo", false, 301), id, nil); r.Status != 401 || r.Code() != "step_up_required" {
		t.Fatalf("%d %s", r.Status, r.Raw)
	}
	// Only while pending: accepted, withdrawn, or past its expiry.
	accepted := h.Must(200, d.Bob, "GET", "/me/requests/"+act, nil).JSON()["related_request_id"].(string)
	h.Must(409, d.Bob, "POST", "/persona-invitations/"+accepted+"/resend", nil)
	h.Must(200, d.Bob, "DELETE", "/me/requests/"+id, nil)
	h.Must(409, d.Bob, "POST", "/persona-invitations/"+id+"/resend", nil)
	late, _ := prepare(t, h, d.Bob, "carol@globex.test", "company:globex")
	h.Advance(337 * time.Hour)
	h.Must(409, h.Token("bob@acme.test", "demo", false), "POST", "/persona-invitations/"+late["id"].(string)+"/resend", nil)
}

func TestAnInvitationIsSentAgainAtMostMaxResendsTimes(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	d := h.DemoIDs()
	req, first := prepare(t, h, d.Bob, "carol@globex.test", "company:globex")
	id := req["id"].(string)
	for range domain.MaxResends {
		h.Must(200, d.Bob, "POST", "/persona-invitations/"+id+"/resend", map[string]any{"send_email": false})
	}
	h.Must(409, d.Bob, "POST", "/persona-invitations/"+id+"/resend", map[string]any{"send_email": false})
	// Every replaced link, the very first too, still says it was replaced.
	h.Must(410, d.Carol, "GET", "/magic-links/"+first, nil)
}

func TestConcurrentResendsHaveOneWinnerAndOneLiveLink(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	d := h.DemoIDs()
	req, _ := prepare(t, h, d.Bob, "carol@globex.test", "company:globex")
	id := req["id"].(string)
	links := make([]string, 8)
	statuses := fire(8, func(i int) int {
		r := h.Do(d.Bob, "POST", "/persona-invitations/"+id+"/resend", map[string]any{"send_email": false})
		if r.Status == 200 {
			links[i] = tokenOf(r.Str("magic_link"))
		}
		return r.Status
	})
	live := 0
	for i, s := range statuses {
		switch s {
		case 200:
			if h.Do(d.Carol, "GET", "/magic-links/"+links[i], nil).Status == 200 {
				live++
			}
		case 409:
		default:
			t.Fatalf("status %d", s)
		}
	}
	if live != 1 {
		t.Fatalf("%d live links after %v", live, statuses)
	}
	// A resend racing the user's acceptance: one of them wins.
	req, tok := prepare(t, h, d.Bob, "carol@globex.test", "company:acme")
	statuses = fire(2, func(i int) int {
		if i == 0 {
			return h.Do(d.Bob, "POST", "/persona-invitations/"+req["id"].(string)+"/resend", nil).Status
		}
		return h.Do(d.Carol, "POST", "/magic-links/"+tok+"/accept", nil).Status
	})
	ok := 0
	for _, s := range statuses {
		if s == 200 {
			ok++
		} else if s != 409 && s != 410 {
			t.Fatalf("status %d", s)
		}
	}
	if ok != 1 {
		t.Fatalf("%v", statuses)
	}
}

func TestEveryNotFoundOfAResendSaysTheSameWhateverTheCause(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	d := h.DemoIDs()
	req, tok := prepare(t, h, d.Bob, "carol@globex.test", "company:globex")
	h.Must(200, d.Carol, "POST", "/magic-links/"+tok+"/accept", nil)
	activation := h.Must(200, d.Bob, "GET", "/me/requests/approvals", nil).Items()[0]["id"].(string)
	h.Must(201, d.Admin, "POST", "/admin/users/"+d.AliceID+"/personas", map[string]any{"type": "customer-admin", "scope": []string{"company:globex"}})
	var first string
	for _, c := range []struct{ name, caller, id string }{
		{"another admin's invitation", d.Alice, req["id"].(string)},
		{"an unknown ID", d.Bob, "0190a3c0-0000-7000-8000-000000000000"},
		{"a malformed ID", d.Bob, "not-an-id"},
		{"an activation request", d.Bob, activation},
	} {
		r := h.Do(c.caller, "POST", "/persona-invitations/"+c.id+"/resend", nil)
		if r.Status != 404 {
			t.Fatalf("%s: %d %s", c.name, r.Status, r.Raw)
		}
		if first == "" {
			first = string(r.Raw)
		}
		if string(r.Raw) != first {
			t.Errorf("%s: %s, while the first answered %s", c.name, r.Raw, first)
		}
	}
}
