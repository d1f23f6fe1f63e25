package domain

import (
	"strings"
	"time"
)

// Delegation statuses. Only revoked is stored; scheduled, active and
// expired follow from the period and the clock, so a lent persona stops
// granting the moment its period ends, whether or not a job has run.
const (
	DelegationScheduled = "scheduled"
	DelegationActive    = "active"
	DelegationRevoked   = "revoked"
	DelegationExpired   = "expired"
)

// MaxDelegationsPerPersona caps the delegations of one persona that have
// not ended, which bounds the writes that end them with the persona.
const MaxDelegationsPerPersona = 10

// PersonaDelegation is a persona lent by its owner to another user for a
// period (API.md: Delegation).
type PersonaDelegation struct {
	Tenant      string      `json:"-"`
	ID          string      `json:"id"`
	PersonaID   string      `json:"persona_id"`
	PersonaType string      `json:"persona_type"`
	FromUser    UserSummary `json:"from_user"`
	ToUser      UserSummary `json:"to_user"`
	ValidFrom   time.Time   `json:"valid_from"`
	ValidUntil  time.Time   `json:"valid_until"`
	Status      string      `json:"status"`
	CreatedAt   time.Time   `json:"created_at"`
	RevokedAt   *time.Time  `json:"revoked_at,omitempty"`

	// Persona is the lent persona as it stands (kept current by every
	// change of the owner's persona).
	Persona Persona `json:"-"`
	Revoked bool    `json:"-"`
	Version int64   `json:"-"`
}

// StatusAt is the delegation's status at now.
func (d PersonaDelegation) StatusAt(now time.Time) string {
	switch {
	case d.Revoked:
		return DelegationRevoked
	case now.Before(d.ValidFrom):
		return DelegationScheduled
	case !now.Before(d.ValidUntil):
		return DelegationExpired
	}
	return DelegationActive
}

// LentPersona is the persona as the recipient sees it: the owner's
// persona, never preferred, active only while the delegation is active
// and the persona itself is accepted.
func (d PersonaDelegation) LentPersona(defs Definitions, now time.Time) Persona {
	p := d.Persona
	p.Preferred = false
	p.Derive(defs, now)
	p.Active = p.Active && d.StatusAt(now) == DelegationActive
	p.Delegable = false // a lent persona is never lent again
	p.Delegation = &Delegation{ID: d.ID, FromUser: d.FromUser, ValidUntil: d.ValidUntil}
	return p
}

// LentEntry is how a persona records one of its delegations: the
// recipient and the end of the period.
func LentEntry(recipient string, until time.Time) string {
	return recipient + "|" + until.UTC().Format(time.RFC3339)
}

// ParseLent reads a LentEntry.
func ParseLent(v string) (recipient string, until time.Time, ok bool) {
	r, u, found := strings.Cut(v, "|")
	t, err := time.Parse(time.RFC3339, u)
	return r, t, found && err == nil
}

// OpenLent is the part of a persona's Lent map whose periods have not ended
// by now (revoked loans keep their entry until then): what a change of the
// persona must still reach. Entries past their end are dropped when the
// persona is next written, so the map stays as small as the open loans.
func (p Persona) OpenLent(now time.Time) map[string]string {
	var open map[string]string
	for id, v := range p.Lent {
		if _, until, ok := ParseLent(v); !ok || until.After(now) {
			if open == nil {
				open = map[string]string{}
			}
			open[id] = v
		}
	}
	return open
}
