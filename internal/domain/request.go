package domain

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/personaportal/portal/internal/apierr"
)

// Request kinds.
const (
	KindAssignPersona   = "assign_persona"
	KindActivatePersona = "activate_persona"
)

// Request statuses: pending is the only non-final one.
const (
	RequestPending   = "pending"
	RequestAccepted  = "accepted"
	RequestRejected  = "rejected"
	RequestFailed    = "failed"
	RequestCancelled = "cancelled"
	RequestExpired   = "expired"
)

// RequestStatuses lists every status (for ?status= validation).
var RequestStatuses = []string{RequestPending, RequestAccepted, RequestRejected, RequestFailed, RequestCancelled, RequestExpired}

// RequestPersona is the persona a request is about.
type RequestPersona struct {
	Type        string         `json:"type"`
	DisplayName string         `json:"display_name"`
	Scope       []string       `json:"scope"`
	ValidFrom   *time.Time     `json:"valid_from"`
	ValidUntil  *time.Time     `json:"valid_until"`
	Email       string         `json:"email"`
	Attributes  map[string]any `json:"attributes"`
}

// Request is an approval request (API.md: Request).
type Request struct {
	Tenant           string         `json:"-"`
	ID               string         `json:"id"`
	Kind             string         `json:"kind"`
	Title            string         `json:"title"`
	Status           string         `json:"status"`
	Initiator        UserSummary    `json:"initiator"`
	Assignee         UserSummary    `json:"assignee"`
	Subject          UserSummary    `json:"subject"`
	Persona          RequestPersona `json:"persona"`
	CreatedAt        time.Time      `json:"created_at"`
	ExpiresAt        time.Time      `json:"expires_at"`
	DecidedAt        *time.Time     `json:"decided_at"`
	DecidedBy        *string        `json:"decided_by"`
	Reason           *string        `json:"reason"`
	FailureReason    *string        `json:"failure_reason"`
	RelatedRequestID *string        `json:"related_request_id"`

	// MagicHash is the SHA-256 (hex) of the request's magic-link token;
	// the token itself is never stored.
	MagicHash      string     `json:"-"`
	MagicExpiresAt *time.Time `json:"-"`
	MagicUsed      bool       `json:"-"`
	// MagicRetired are the hashes of the links a resend replaced: they
	// answer "no longer valid" to the subject rather than "not found".
	MagicRetired []string `json:"-"`
	// MailID is the outbox e-mail that carries the current link ("" when
	// none was sent).
	MailID  string `json:"-"`
	Version int64  `json:"-"`
}

// Involves reports whether a user is the request's initiator, assignee or
// subject: the only people who may see it.
func (r Request) Involves(uid string) bool {
	return uid != "" && (r.Initiator.ID == uid || r.Assignee.ID == uid || r.Subject.ID == uid)
}

// Parties are the distinct users involved in a request.
func (r Request) Parties() []string {
	var out []string
	for _, id := range []string{r.Initiator.ID, r.Assignee.ID, r.Subject.ID} {
		if id != "" && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

// Expired reports whether a pending request's time is over at now.
func (r Request) Expired(now time.Time) bool { return !now.Before(r.ExpiresAt) }

// Transition is what happens to a request.
type Transition string

// Transitions.
const (
	Accept Transition = "accept"
	Reject Transition = "reject"
	Cancel Transition = "cancel"
	Fail   Transition = "fail"
	Expire Transition = "expire"
)

var transitionStatus = map[Transition]string{Accept: RequestAccepted, Reject: RequestRejected, Cancel: RequestCancelled,
	Fail: RequestFailed, Expire: RequestExpired}

// ErrNotPending is the conflict of a decision on a request already decided.
var ErrNotPending = apierr.Conflict("the request is no longer pending")

// ErrRequestExpired is the conflict of a decision on a request past its expiry.
var ErrRequestExpired = apierr.Conflict("the request has expired")

// Apply is the request state machine, and the only place a request's
// status changes: pending → accepted | rejected | failed | cancelled |
// expired; every other move is refused. note is the reason (reject,
// cancel) or the failure reason (fail).
func (r Request) Apply(t Transition, actor string, now time.Time, note string) (Request, error) {
	status, ok := transitionStatus[t]
	switch {
	case !ok:
		return Request{}, apierr.Internal(fmt.Errorf("unknown transition %q", t))
	case r.Status != RequestPending:
		return Request{}, ErrNotPending
	case t != Expire && t != Fail && r.Expired(now):
		return Request{}, ErrRequestExpired
	}
	next := r
	next.Status = status
	at := now
	next.DecidedAt, next.DecidedBy = &at, &actor
	if note != "" {
		n := note
		if t == Fail {
			next.FailureReason = &n
		} else {
			next.Reason = &n
		}
	}
	return next, nil
}

// ErrTooManyResends is the conflict of a resend beyond MaxResends.
var ErrTooManyResends = apierr.Conflict(fmt.Sprintf("this invitation was sent again %d times already: withdraw it and prepare a new one", MaxResends))

// Resend is a pending request sent again with a new magic link (hash,
// valid until linkUntil, carried by the e-mail mailID or none): the
// current link is retired at once, and the request's own expiry moves to
// expires unless it is already later.
func (r Request) Resend(now, expires, linkUntil time.Time, hash, mailID string) (Request, error) {
	switch {
	case r.Status != RequestPending:
		return Request{}, ErrNotPending
	case r.Expired(now):
		return Request{}, ErrRequestExpired
	case len(r.MagicRetired) >= MaxResends:
		return Request{}, ErrTooManyResends
	}
	next := r
	next.MagicRetired = slices.Clone(r.MagicRetired)
	if r.MagicHash != "" {
		next.MagicRetired = append(next.MagicRetired, r.MagicHash)
	}
	if expires.After(next.ExpiresAt) {
		next.ExpiresAt = expires
	}
	if linkUntil.After(next.ExpiresAt) {
		linkUntil = next.ExpiresAt
	}
	next.MagicHash, next.MagicExpiresAt, next.MailID = hash, &linkUntil, mailID
	return next, nil
}

// RequestTitle is a request's descriptive, searchable title, e.g.
// "Assign a persona: Customer (company:acme) to Alice Purple".
func RequestTitle(kind, personaName string, scope []string, subject string) string {
	what := personaName
	if len(scope) > 0 {
		what += " (" + strings.Join(scope, ", ") + ")"
	}
	if kind == KindActivatePersona {
		return "Activate a persona: " + what + " for " + subject
	}
	return "Assign a persona: " + what + " to " + subject
}
