package domain

import (
	"testing"
	"time"
)

func TestALinkIsGoneForOneReasonInOrder(t *testing.T) {
	now := time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)
	later, earlier := now.Add(time.Hour), now.Add(-time.Hour)
	pending := Request{Status: RequestPending, ExpiresAt: later, MagicExpiresAt: &later}
	with := func(f func(*Request)) Request { r := pending; f(&r); return r }
	for _, c := range []struct {
		why  string
		r    Request
		want string
	}{
		{"pending, link valid", pending, ""},
		{"link past its validity", with(func(r *Request) { r.MagicExpiresAt = &now }), LinkExpired},
		{"request past its expiry, not marked yet", with(func(r *Request) { r.ExpiresAt = earlier }), LinkExpired},
		{"request marked expired", with(func(r *Request) { r.Status = RequestExpired }), LinkExpired},
		{"withdrawn", with(func(r *Request) { r.Status = RequestCancelled }), LinkWithdrawn},
		{"accepted elsewhere", with(func(r *Request) { r.Status = RequestAccepted }), LinkDecided},
		{"rejected elsewhere", with(func(r *Request) { r.Status = RequestRejected }), LinkDecided},
		{"failed", with(func(r *Request) { r.Status = RequestFailed }), LinkDecided},
		{"answered through the link", with(func(r *Request) { r.Status, r.MagicUsed = RequestAccepted, true }), LinkUsed},
		{"answered through the link, since expired", with(func(r *Request) {
			r.Status, r.MagicUsed, r.MagicExpiresAt = RequestRejected, true, &earlier
		}), LinkUsed},
		{"withdrawn, then past its time", with(func(r *Request) { r.Status, r.ExpiresAt = RequestCancelled, earlier }), LinkWithdrawn},
		{"an old request without a link expiry", with(func(r *Request) { r.MagicExpiresAt = nil }), ""},
	} {
		if got := c.r.LinkGone(now); got != c.want {
			t.Errorf("%s: %q, want %q", c.why, got, c.want)
		}
	}
}
