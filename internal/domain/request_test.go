package domain

import (
	"errors"
	"testing"
	"time"

	"github.com/personaportal/portal/internal/apierr"
)

func TestOnlyPendingRequestsMoveAndOnlyOnce(t *testing.T) {
	now := time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)
	r := Request{Status: RequestPending, ExpiresAt: now.Add(time.Hour)}
	for tr, want := range map[Transition]string{Accept: RequestAccepted, Reject: RequestRejected, Cancel: RequestCancelled,
		Fail: RequestFailed, Expire: RequestExpired} {
		next, err := r.Apply(tr, "u1", now, "why")
		if err != nil || next.Status != want || next.DecidedBy == nil || *next.DecidedBy != "u1" {
			t.Fatalf("%s: %+v %v", tr, next, err)
		}
		if tr == Fail && (next.FailureReason == nil || next.Reason != nil) {
			t.Fatalf("fail keeps its reason as failure_reason: %+v", next)
		}
		for _, again := range []Transition{Accept, Reject, Cancel, Fail, Expire} {
			if _, err := next.Apply(again, "u2", now, ""); !errors.Is(err, apierr.KindConflict) {
				t.Fatalf("%s after %s: %v", again, tr, err)
			}
		}
	}
	late := now.Add(2 * time.Hour)
	if _, err := r.Apply(Accept, "u1", late, ""); err != ErrRequestExpired {
		t.Fatalf("accept after expiry: %v", err)
	}
	if next, err := r.Apply(Expire, "system:expire", late, ""); err != nil || next.Status != RequestExpired {
		t.Fatalf("expire: %v", err)
	}
}

func TestRequestTitlesAreDescriptive(t *testing.T) {
	if got := RequestTitle(KindAssignPersona, "Customer", []string{"company:acme"}, "Alice Purple"); got != "Assign a persona: Customer (company:acme) to Alice Purple" {
		t.Fatal(got)
	}
	if got := RequestTitle(KindActivatePersona, "Customer", nil, "Alice Purple"); got != "Activate a persona: Customer for Alice Purple" {
		t.Fatal(got)
	}
}

func TestPartiesAreDistinct(t *testing.T) {
	r := Request{Initiator: UserSummary{ID: "a"}, Assignee: UserSummary{ID: "b"}, Subject: UserSummary{ID: "b"}}
	if p := r.Parties(); len(p) != 2 || !r.Involves("a") || !r.Involves("b") || r.Involves("c") || r.Involves("") {
		t.Fatalf("%v", p)
	}
}
