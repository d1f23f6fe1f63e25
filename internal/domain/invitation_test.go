package domain

import (
	"errors"
	"testing"
	"time"
)

func TestAnInvitationsStateFollowsItsCurrentStep(t *testing.T) {
	for _, c := range []struct{ kind, status, want string }{
		{KindAssignPersona, RequestPending, InvitationWaitingForUser},
		{KindAssignPersona, RequestAccepted, InvitationWaitingForActivation},
		{KindAssignPersona, RequestRejected, InvitationRejected},
		{KindAssignPersona, RequestCancelled, InvitationWithdrawn},
		{KindAssignPersona, RequestExpired, InvitationExpired},
		{KindActivatePersona, RequestPending, InvitationWaitingForActivation},
		{KindActivatePersona, RequestAccepted, InvitationDone},
		{KindActivatePersona, RequestRejected, InvitationRejected},
		{KindActivatePersona, RequestFailed, InvitationFailed},
		{KindActivatePersona, RequestCancelled, InvitationWithdrawn},
		{KindActivatePersona, RequestExpired, InvitationExpired},
	} {
		if got := InvitationStep(c.kind, c.status); got != c.want {
			t.Errorf("%s %s: %s, want %s", c.kind, c.status, got, c.want)
		}
	}
	due := time.Date(2026, 11, 29, 10, 0, 0, 0, time.UTC)
	if InvitationState(InvitationWaitingForUser, due, due.Add(-time.Second)) != InvitationWaitingForUser ||
		InvitationState(InvitationWaitingForUser, due, due) != InvitationExpired ||
		InvitationState(InvitationWaitingForActivation, due, due.Add(time.Hour)) != InvitationExpired ||
		InvitationState(InvitationDone, due, due.Add(time.Hour)) != InvitationDone {
		t.Fatal("a waiting step past its due time must read expired, an ended one never")
	}
}

func TestAResendRetiresTheLinkAndRenewsOnlyAPendingRequest(t *testing.T) {
	now := time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)
	r := Request{Status: RequestPending, ExpiresAt: now.Add(24 * time.Hour), MagicHash: "h0"}
	next, err := r.Resend(now, now.Add(336*time.Hour), now.Add(168*time.Hour), "h1", "m1")
	if err != nil {
		t.Fatal(err)
	}
	if next.MagicHash != "h1" || next.MailID != "m1" || len(next.MagicRetired) != 1 || next.MagicRetired[0] != "h0" ||
		!next.ExpiresAt.Equal(now.Add(336*time.Hour)) || !next.MagicExpiresAt.Equal(now.Add(168*time.Hour)) {
		t.Fatalf("%+v", next)
	}
	if len(r.MagicRetired) != 0 {
		t.Fatal("the request read was changed")
	}
	// Never shortened; the link never outlives the request.
	long := Request{Status: RequestPending, ExpiresAt: now.Add(1000 * time.Hour), MagicHash: "h0"}
	if n, _ := long.Resend(now, now.Add(10*time.Hour), now.Add(20*time.Hour), "h1", ""); !n.ExpiresAt.Equal(long.ExpiresAt) {
		t.Fatalf("expiry shortened: %v", n.ExpiresAt)
	}
	short := Request{Status: RequestPending, ExpiresAt: now.Add(time.Hour)}
	if n, _ := short.Resend(now, now.Add(2*time.Hour), now.Add(5*time.Hour), "h1", ""); !n.MagicExpiresAt.Equal(now.Add(2 * time.Hour)) {
		t.Fatalf("the link outlives the request: %v", n.MagicExpiresAt)
	}
	for name, c := range map[string]struct {
		r    Request
		want error
	}{
		"decided": {Request{Status: RequestAccepted, ExpiresAt: now.Add(time.Hour)}, ErrNotPending},
		"expired": {Request{Status: RequestPending, ExpiresAt: now}, ErrRequestExpired},
		"too often": {Request{Status: RequestPending, ExpiresAt: now.Add(time.Hour), MagicRetired: make([]string, MaxResends)},
			ErrTooManyResends},
	} {
		if _, err := c.r.Resend(now, now.Add(time.Hour), now.Add(time.Hour), "h", ""); !errors.Is(err, c.want) {
			t.Errorf("%s: %v, want %v", name, err, c.want)
		}
	}
}
