package domain

import "time"

// Why a magic link no longer works: the details.reason of its 410, so a
// client can explain it in the reader's language and point to what to do.
const (
	LinkUsed      = "used"      // its subject answered through it
	LinkExpired   = "expired"   // the link's or the request's time is over
	LinkWithdrawn = "withdrawn" // the initiator cancelled the request
	LinkReplaced  = "replaced"  // a resend sent a newer link
	LinkDecided   = "decided"   // the request ended otherwise (My Work, a failed check)
)

// LinkGoneReasons lists every reason.
var LinkGoneReasons = []string{LinkUsed, LinkExpired, LinkWithdrawn, LinkReplaced, LinkDecided}

// LinkGone is why the current magic link of r no longer works at now, or
// "" while it does. A link spent by its own answer is used whatever the
// request became after; a request the expiry job has not marked yet has
// expired all the same.
func (r Request) LinkGone(now time.Time) string {
	switch {
	case r.MagicUsed:
		return LinkUsed
	case r.Status == RequestCancelled:
		return LinkWithdrawn
	case r.Status == RequestExpired:
		return LinkExpired
	case r.Status != RequestPending:
		return LinkDecided
	case r.Expired(now) || (r.MagicExpiresAt != nil && !now.Before(*r.MagicExpiresAt)):
		return LinkExpired
	}
	return ""
}
