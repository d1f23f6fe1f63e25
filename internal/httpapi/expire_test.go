package httpapi_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/personaportal/portal/internal/apierr"
	"github.com/personaportal/portal/internal/apitest"
	"github.com/personaportal/portal/internal/domain"
	"github.com/personaportal/portal/internal/portal"
)

func TestExpireRunTwiceAtOnceEndsEachDueItemOnce(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	d := h.DemoIDs()
	day := 24 * time.Hour
	// Due later: a prepared persona (request_ttl_hours 336 = 14 days), a loan
	// of 2 days, a persona valid for 3 days.
	_, token := prepare(t, h, d.Bob, "carol@globex.test", "company:globex")
	h.Must(201, d.Alice, "POST", "/me/personas/"+d.AliceStaff+"/delegations", map[string]any{
		"to_email": "carol@globex.test", "valid_until": h.Now().Add(2 * day).Format(time.RFC3339)})
	p := h.Must(201, d.Admin, "POST", "/admin/users/"+d.CarolID+"/personas", map[string]any{"type": "customer",
		"scope": []string{"company:initech"}, "valid_until": h.Now().Add(3 * day).Format(time.RFC3339), "preferred": true})
	h.Must(200, "", "GET", "/dev/outbox", nil) // deliver what is queued so far

	// Nothing is due yet.
	if rep, err := h.Portal.Expirer.RunOnce(context.Background()); err != nil || rep != (portal.ExpireReport{}) {
		t.Fatalf("expired too early: %+v %v", rep, err)
	}
	h.Advance(15 * day)
	var wg sync.WaitGroup
	reports := make([]portal.ExpireReport, 2)
	for i := range reports {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rep, err := h.Portal.Expirer.RunOnce(context.Background())
			if err != nil {
				t.Error(err)
			}
			reports[i] = rep
		}()
	}
	wg.Wait()
	total := portal.ExpireReport{}
	for _, r := range reports {
		total.Requests += r.Requests
		total.Delegations += r.Delegations
		total.Personas += r.Personas
	}
	if total.Requests != 1 || total.Delegations != 1 || total.Personas != 1 {
		t.Fatalf("two runs expired %+v (%+v), want each item once", total, reports)
	}
	if rep, _ := h.Portal.Expirer.RunOnce(context.Background()); rep != (portal.ExpireReport{}) {
		t.Fatalf("a third run found work: %+v", rep)
	}

	carol, bob, admin := h.Token("carol@globex.test", "demo", false), h.Token("bob@acme.test", "demo", false), h.Token("admin@demo.test", "demo", true)
	// The request expired (in both histories), its magic link died with it.
	h.Must(410, carol, "GET", "/magic-links/"+token, nil)
	if got := h.Must(200, bob, "GET", "/me/requests/history?status=expired", nil).Items(); len(got) != 1 {
		t.Fatalf("%v", got)
	}
	// The persona expired: preferred cleared, its guard released.
	pj := h.Must(200, carol, "GET", "/me/personas/"+p.Str("id"), nil).JSON()
	if pj["status"].(map[string]any)["value"] != "expired" || pj["preferred"] != false || pj["status"].(map[string]any)["changed_by"] != "system:expire" {
		t.Fatalf("%v", pj)
	}
	h.Must(201, admin, "POST", "/admin/users/"+d.CarolID+"/personas", map[string]any{"type": "customer", "scope": []string{"company:initech"}})
	// E-mails: the initiator hears the request expired, the recipient the loan ended, once each.
	expired := 0
	for _, m := range h.Must(200, "", "GET", "/dev/outbox?to=bob@acme.test", nil).Items() {
		if strings.HasPrefix(m["subject"].(string), "Request expired") {
			expired++
		}
	}
	ended := 0
	for _, m := range h.Must(200, "", "GET", "/dev/outbox?to=carol@globex.test", nil).Items() {
		if strings.Contains(m["subject"].(string), "has expired") {
			ended++
		}
	}
	if expired != 1 || ended != 1 {
		t.Fatalf("e-mails: %d request expired, %d loan ended", expired, ended)
	}
	// Audited once each, by the job.
	counts := map[string]int{}
	for _, a := range h.Must(200, admin, "GET", "/admin/audit?limit=100", nil).Items() {
		if a["actor"] == "system:expire" {
			counts[a["action"].(string)]++
		}
	}
	if counts["request.expired"] != 1 || counts["delegation.expired"] != 1 || counts["persona.expired"] != 1 {
		t.Fatalf("%v", counts)
	}
}

func TestADecidedRequestIsNotExpiredLater(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	d := h.DemoIDs()
	// A request decided before its expiry is not expired later.
	req, _ := prepare(t, h, d.Bob, "carol@globex.test", "company:globex")
	h.Must(200, d.Bob, "DELETE", "/me/requests/"+req["id"].(string), nil)
	h.Advance(20 * 24 * time.Hour)
	if rep, _ := h.Portal.Expirer.RunOnce(context.Background()); rep.Requests != 0 {
		t.Fatalf("a cancelled request was expired: %+v", rep)
	}
}

// The interleaving two racing runners can meet: one reads the due entry,
// the other expires the delegation, then the first reads the delegation
// (at its new version). Its write must still be refused.
func TestAnExpiredDelegationIsNeverExpiredAgain(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	d := h.DemoIDs()
	ctx := context.Background()
	loan := h.Must(201, d.Alice, "POST", "/me/personas/"+d.AliceStaff+"/delegations", map[string]any{
		"to_email": "carol@globex.test", "valid_until": h.Now().Add(24 * time.Hour).Format(time.RFC3339)}).Str("id")
	h.Advance(48 * time.Hour)
	if rep, err := h.Portal.Expirer.RunOnce(ctx); err != nil || rep.Delegations != 1 {
		t.Fatalf("%+v %v", rep, err)
	}
	dl, _, err := h.Portal.Store.GetUserDelegation(ctx, "demo", d.AliceID, loan)
	if err != nil {
		t.Fatal(err)
	}
	rec := domain.NewAudit(h.Now(), "system:expire", "delegation.expired", domain.Target{Kind: "delegation", ID: loan}, dl, dl)
	if err := h.Portal.Store.ExpireDelegation(ctx, dl, rec); !errors.Is(err, apierr.KindConflict) {
		t.Fatalf("expired a second time: %v", err)
	}
}
