package httpapi_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/personaportal/portal/internal/apitest"
)

// prepare has Bob prepare a customer persona for a user and returns the
// request and the magic link's token.
func prepare(t *testing.T, h *apitest.Harness, bob, userEmail string, scope ...string) (map[string]any, string) {
	t.Helper()
	r := h.Must(201, bob, "POST", "/persona-invitations", map[string]any{"type": "customer", "scope": scope,
		"user_email": userEmail, "send_email": true})
	link := r.JSON()["magic_link"].(string)
	if !strings.HasPrefix(link, "https://portal.demo.test/magic/") {
		t.Fatalf("magic link %q", link)
	}
	return r.JSON()["request"].(map[string]any), link[strings.LastIndex(link, "/")+1:]
}

func titles(items []map[string]any) []string {
	var out []string
	for _, it := range items {
		out = append(out, it["title"].(string)+" ["+it["status"].(string)+"]")
	}
	return out
}

func TestTheSeedScenarioPrepareAcceptApprove(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	d := h.DemoIDs()
	req, token := prepare(t, h, d.Bob, "carol@globex.test", "company:globex")
	if req["title"] != "Assign a persona: Customer (company:globex) to Carol White" || req["status"] != "pending" ||
		req["initiator"].(map[string]any)["id"] != d.BobID || req["assignee"].(map[string]any)["id"] != d.CarolID {
		t.Fatalf("%v", req)
	}
	// The e-mail carries the link.
	mails := h.Must(200, "", "GET", "/dev/outbox?to=carol@globex.test", nil).Items()
	if len(mails) != 1 || !strings.Contains(mails[0]["text"].(string), token) {
		t.Fatalf("invitation e-mail: %v", mails)
	}
	// Carol finds it in Requests Approval; Bob in Follow Up.
	if got := titles(h.Must(200, d.Carol, "GET", "/me/requests/approvals", nil).Items()); len(got) != 1 {
		t.Fatalf("carol's approvals: %v", got)
	}
	if got := h.Must(200, d.Bob, "GET", "/me/requests/follow-up?q=CAROL", nil).Items(); len(got) != 1 {
		t.Fatalf("bob's follow-up: %v", got)
	}
	if got := h.Must(200, d.Bob, "GET", "/me/requests/follow-up?q=nothing-like-it", nil).Items(); len(got) != 0 {
		t.Fatalf("q does not filter: %v", got)
	}
	// She opens the link (a GET changes nothing, however often) and accepts.
	for range 2 {
		if r := h.Must(200, d.Carol, "GET", "/magic-links/"+token, nil); r.Str("status") != "pending" {
			t.Fatalf("%s", r.Raw)
		}
	}
	acc := h.Must(200, d.Carol, "POST", "/magic-links/"+token+"/accept", nil).JSON()
	if acc["status"] != "accepted" || acc["related_request_id"] == nil {
		t.Fatalf("%v", acc)
	}
	h.Must(410, d.Carol, "GET", "/magic-links/"+token, nil)
	h.Must(410, d.Carol, "POST", "/magic-links/"+token+"/accept", nil)
	// Bob finds the activation request and approves it.
	approvals := h.Must(200, d.Bob, "GET", "/me/requests/approvals", nil).Items()
	if len(approvals) != 1 || approvals[0]["title"] != "Activate a persona: Customer (company:globex) for Carol White" ||
		approvals[0]["related_request_id"] != req["id"] {
		t.Fatalf("bob's approvals: %v", approvals)
	}
	if got := h.Must(200, d.Carol, "GET", "/me/requests/follow-up", nil).Items(); len(got) != 1 {
		t.Fatalf("the activation is in carol's follow-up: %v", got)
	}
	act := h.Must(200, d.Bob, "POST", "/me/requests/"+approvals[0]["id"].(string)+"/accept", nil).JSON()
	if act["status"] != "accepted" || act["decided_by"] != d.BobID {
		t.Fatalf("%v", act)
	}
	// The persona is Carol's and active; Carol is in Bob's users.
	ps := h.Must(200, d.Carol, "GET", "/me/personas", nil).Items()
	if len(ps) != 1 || ps[0]["type"] != "customer" || ps[0]["active"] != true ||
		ps[0]["status"].(map[string]any)["changed_by"] != d.BobID {
		t.Fatalf("carol's personas: %v", ps)
	}
	if ids := scopedUserIDs(h, d.Bob, ""); !ids[d.CarolID] {
		t.Fatalf("carol is not in bob's users: %v", ids)
	}
	// Both requests are in both parties' history; nothing is pending.
	for _, tok := range []string{d.Bob, d.Carol} {
		if got := titles(h.Must(200, tok, "GET", "/me/requests/history", nil).Items()); len(got) != 2 {
			t.Fatalf("history: %v", got)
		}
		for _, list := range []string{"approvals", "follow-up"} {
			if got := h.Must(200, tok, "GET", "/me/requests/"+list, nil).Items(); len(got) != 0 {
				t.Fatalf("%s still lists %v", list, titles(got))
			}
		}
	}
	// Decisions are audited with their actor.
	audit := h.Must(200, d.Admin, "GET", "/admin/audit?user_id="+d.CarolID, nil).Items()
	seen := map[string]string{}
	for _, a := range audit {
		seen[a["action"].(string)] = a["actor"].(string)
	}
	if seen["request.accepted"] == "" || seen["persona.added"] != d.BobID || seen["request.created"] == "" {
		t.Fatalf("audit: %v", seen)
	}
	// E-mails: the activation request to Bob, the outcome to Carol.
	if len(h.Must(200, "", "GET", "/dev/outbox?to=bob@acme.test", nil).Items()) != 1 ||
		len(h.Must(200, "", "GET", "/dev/outbox?to=carol@globex.test", nil).Items()) != 2 {
		t.Fatal("decision e-mails missing")
	}
}

func TestRejectAndCancelPaths(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	d := h.DemoIDs()
	req, token := prepare(t, h, d.Bob, "carol@globex.test", "company:globex")
	id := req["id"].(string)
	h.Must(403, d.Bob, "POST", "/me/requests/"+id+"/accept", nil)   // the initiator may not decide
	h.Must(403, d.Carol, "DELETE", "/me/requests/"+id, nil)         // the assignee may not cancel
	h.Must(404, d.Alice, "GET", "/me/requests/"+id, nil)            // a stranger sees nothing
	h.Must(404, d.Alice, "POST", "/me/requests/"+id+"/reject", nil) // nor decides
	r := h.Must(400, d.Carol, "POST", "/me/requests/"+id+"/reject", map[string]any{"why": "x"})
	if r.Fields()["why"] == nil {
		t.Fatalf("%s", r.Raw)
	}
	rej := h.Must(200, d.Carol, "POST", "/me/requests/"+id+"/reject", map[string]any{"reason": "not my company"}).JSON()
	if rej["status"] != "rejected" || rej["reason"] != "not my company" {
		t.Fatalf("%v", rej)
	}
	h.Must(409, d.Carol, "POST", "/me/requests/"+id+"/accept", nil)
	h.Must(410, d.Carol, "GET", "/magic-links/"+token, nil)
	if got := h.Must(200, d.Bob, "GET", "/me/requests/history?status=rejected", nil).Items(); len(got) != 1 {
		t.Fatalf("%v", got)
	}
	if got := h.Must(200, d.Bob, "GET", "/me/requests/history?status=accepted", nil).Items(); len(got) != 0 {
		t.Fatalf("%v", got)
	}
	h.Must(400, d.Bob, "GET", "/me/requests/history?status=pending", nil)

	// Cancel: the initiator withdraws; it stays in history; the link dies.
	req2, token2 := prepare(t, h, d.Bob, "carol@globex.test", "company:acme")
	id2 := req2["id"].(string)
	can := h.Must(200, d.Bob, "DELETE", "/me/requests/"+id2, nil).JSON()
	if can["status"] != "cancelled" {
		t.Fatalf("%v", can)
	}
	h.Must(409, d.Bob, "DELETE", "/me/requests/"+id2, nil)
	h.Must(410, d.Carol, "POST", "/magic-links/"+token2+"/accept", nil)
	if got := h.Must(200, d.Carol, "GET", "/me/requests/approvals", nil).Items(); len(got) != 0 {
		t.Fatalf("%v", got)
	}
	if got := titles(h.Must(200, d.Carol, "GET", "/me/requests/history", nil).Items()); len(got) != 2 {
		t.Fatalf("%v", got)
	}
	// History covers history_days only.
	h.Advance(31 * 24 * time.Hour)
	if got := h.Must(200, h.Token("carol@globex.test", "demo", false), "GET", "/me/requests/history", nil).Items(); len(got) != 0 {
		t.Fatalf("history older than history_days: %v", titles(got))
	}
}

func TestConcurrentAcceptsHaveOneWinnerAndOneActivation(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	d := h.DemoIDs()
	req, token := prepare(t, h, d.Bob, "carol@globex.test", "company:globex")
	statuses := fire(10, func(i int) int {
		if i%2 == 0 {
			return h.Do(d.Carol, "POST", "/me/requests/"+req["id"].(string)+"/accept", nil).Status
		}
		return h.Do(d.Carol, "POST", "/magic-links/"+token+"/accept", nil).Status
	})
	ok := 0
	for _, s := range statuses {
		switch s {
		case 200:
			ok++
		case 409, 410:
		default:
			t.Fatalf("status %d", s)
		}
	}
	if ok != 1 {
		t.Fatalf("%d accepts won: %v", ok, statuses)
	}
	act := h.Must(200, d.Bob, "GET", "/me/requests/approvals", nil).Items()
	if len(act) != 1 {
		t.Fatalf("%d activation requests", len(act))
	}
	// Two concurrent approvals of the activation: one persona.
	statuses = fire(6, func(int) int {
		return h.Do(d.Bob, "POST", "/me/requests/"+act[0]["id"].(string)+"/accept", nil).Status
	})
	ok = 0
	for _, s := range statuses {
		if s == 200 {
			ok++
		} else if s != 409 {
			t.Fatalf("status %d", s)
		}
	}
	if ok != 1 || len(h.Must(200, d.Carol, "GET", "/me/personas", nil).Items()) != 1 {
		t.Fatalf("%d approvals won", ok)
	}
}

func TestMagicLinksAreForTheSubjectOnlyAndDie(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	d := h.DemoIDs()
	_, token := prepare(t, h, d.Bob, "carol@globex.test", "company:globex")
	// Another user, another tenant, a tampered or malformed token: not found.
	h.Must(404, d.Alice, "GET", "/magic-links/"+token, nil)
	h.Must(404, d.Alice, "POST", "/magic-links/"+token+"/accept", nil)
	h.Must(404, d.Bob, "GET", "/magic-links/"+token, nil)
	h.Must(404, h.Token("carol@globex.test", "other", false), "GET", "/magic-links/"+token, nil)
	flipped := token[:len(token)-1] + map[bool]string{true: "A", false: "B"}[token[len(token)-1] != 'A']
	h.Must(404, d.Carol, "GET", "/magic-links/"+flipped, nil)
	h.Must(404, d.Carol, "GET", "/magic-links/short", nil)
	// Expired: magic_link_ttl_hours (168) passes.
	h.Advance(169 * time.Hour)
	carol := h.Token("carol@globex.test", "demo", false)
	if r := h.Must(410, carol, "GET", "/magic-links/"+token, nil); r.Code() != "gone" {
		t.Fatalf("%s", r.Raw)
	}
	h.Must(410, carol, "POST", "/magic-links/"+token+"/accept", nil)
}

func TestTheTokenIsNeverStoredInClear(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	d := h.DemoIDs()
	_, token := prepare(t, h, d.Bob, "carol@globex.test", "company:globex")
	out, err := h.Portal.DB.Scan(context.Background(), &dynamodb.ScanInput{TableName: aws.String(h.Portal.Store.Table())})
	if err != nil {
		t.Fatal(err)
	}
	random := token[22:] // past the request ID
	for _, it := range out.Items {
		for k, v := range it {
			if strings.Contains(strings.ReplaceAll(strings.ReplaceAll(awsString(v), "\\/", "/"), "\\u0026", "&"), random) {
				t.Fatalf("attribute %s holds the token", k)
			}
		}
	}
}

func TestActivationIsRecheckedWhenApproved(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	d := h.DemoIDs()
	approve := func(scope string) map[string]any {
		_, token := prepare(t, h, d.Bob, "carol@globex.test", scope)
		h.Must(200, d.Carol, "POST", "/magic-links/"+token+"/accept", nil)
		items := h.Must(200, d.Bob, "GET", "/me/requests/approvals", nil).Items()
		return h.Must(200, d.Bob, "POST", "/me/requests/"+items[0]["id"].(string)+"/accept", nil).JSON()
	}
	// The user already holds that type and scope by the time of approval.
	h.Must(201, d.Admin, "POST", "/admin/users/"+d.CarolID+"/personas", map[string]any{"type": "customer", "scope": []string{"company:acme"}})
	r := approve("company:acme")
	if r["status"] != "failed" || !strings.Contains(r["failure_reason"].(string), "already holds") {
		t.Fatalf("%v", r)
	}
	// The admin persona was revoked after preparing.
	_, token := prepare(t, h, d.Bob, "carol@globex.test", "company:globex")
	h.Must(200, d.Carol, "POST", "/magic-links/"+token+"/accept", nil)
	act := h.Must(200, d.Bob, "GET", "/me/requests/approvals", nil).Items()[0]["id"].(string)
	h.Must(200, d.Admin, "DELETE", "/admin/users/"+d.BobID+"/personas/"+d.BobAdmin, nil)
	r = h.Must(200, d.Bob, "POST", "/me/requests/"+act+"/accept", nil).JSON()
	if r["status"] != "failed" || !strings.Contains(r["failure_reason"].(string), "no longer holds") {
		t.Fatalf("%v", r)
	}
	if n := len(h.Must(200, d.Carol, "GET", "/me/personas", nil).Items()); n != 1 {
		t.Fatalf("a failed activation changed carol's personas: %d", n)
	}
	if got := h.Must(200, d.Carol, "GET", "/me/requests/history?status=failed", nil).Items(); len(got) != 2 {
		t.Fatalf("%v", titles(got))
	}
}

func TestInvitationsFollowTheScopeRule(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	d := h.DemoIDs()
	send := func(tok string, body map[string]any) apitest.Response {
		return h.Do(tok, "POST", "/persona-invitations", body)
	}
	ok := map[string]any{"type": "customer", "scope": []string{"company:globex"}, "user_email": "carol@globex.test"}
	if r := send(d.Alice, ok); r.Status != 403 {
		t.Fatalf("a non-admin prepared a persona: %d %s", r.Status, r.Raw)
	}
	for _, bad := range []map[string]any{
		{"type": "customer", "scope": []string{"company:initech"}, "user_email": "carol@globex.test"},
		{"type": "staff", "scope": []string{"dept:sales"}, "user_email": "carol@globex.test"},
	} {
		if r := send(d.Bob, bad); r.Status != 403 || r.Code() != "forbidden" {
			t.Errorf("%v: %d %s", bad, r.Status, r.Raw)
		}
	}
	for field, body := range map[string]map[string]any{
		"user_email":  {"type": "customer", "scope": []string{"company:globex"}, "user_email": "nobody@globex.test"},
		"scope":       {"type": "customer", "user_email": "carol@globex.test"},
		"valid_until": {"type": "customer", "scope": []string{"company:globex"}, "user_email": "carol@globex.test", "valid_until": "soon"},
		"type":        {"type": "No Type", "scope": []string{}, "user_email": "carol@globex.test"},
	} {
		if r := send(d.Bob, body); r.Status != 400 || r.Fields()[field] == nil {
			t.Errorf("%s: %d %s", field, r.Status, r.Raw)
		}
	}
	if r := send(d.Bob, map[string]any{"type": "customer", "scope": []string{"company:acme"}, "user_email": "bob@acme.test"}); r.Status != 400 {
		t.Fatalf("preparing a persona for oneself: %d", r.Status)
	}
	// Without send_email nothing is mailed, but the link is returned.
	r := h.Must(201, d.Bob, "POST", "/persona-invitations", map[string]any{"type": "customer", "scope": []string{"company:globex"},
		"user_email": "CAROL@globex.test", "send_email": false})
	if r.JSON()["magic_link"] == "" || len(h.Must(200, "", "GET", "/dev/outbox?to=carol@globex.test", nil).Items()) != 0 {
		t.Fatalf("%s", r.Raw)
	}
	// Another tenant sees none of it.
	other := h.Token("carol@globex.test", "other", false)
	if n := len(h.Must(200, other, "GET", "/me/requests/approvals", nil).Items()); n != 0 {
		t.Fatalf("another tenant lists %d approvals", n)
	}
	h.Must(404, other, "GET", "/me/requests/"+r.JSON()["request"].(map[string]any)["id"].(string), nil)
}
