package domain

import (
	"time"
)

// Persona statuses (API.md: persona status.value).
const (
	StatusPending  = "pending"
	StatusAccepted = "accepted"
	StatusRejected = "rejected"
	StatusRevoked  = "revoked"
	StatusExpired  = "expired"
)

// PersonaStatuses lists every persona status.
var PersonaStatuses = []string{StatusPending, StatusAccepted, StatusRejected, StatusRevoked, StatusExpired}

// PersonaStatus is the status object of a persona.
type PersonaStatus struct {
	Value     string    `json:"value"`
	ChangedAt time.Time `json:"changed_at"`
	ChangedBy string    `json:"changed_by"`
}

// Persona is one persona instance on a user profile.
type Persona struct {
	Tenant       string        `json:"-"`
	ID           string        `json:"id"`
	UserID       string        `json:"user_id"`
	Type         string        `json:"type"`
	Scope        []string      `json:"scope"`
	Preferred    bool          `json:"preferred"`
	Entitlements []string      `json:"entitlements"`
	Email        string        `json:"email"`
	ValidFrom    time.Time     `json:"valid_from"`
	ValidUntil   *time.Time    `json:"valid_until"`
	Status       PersonaStatus `json:"status"`
	Active       bool          `json:"active"`
	// Delegable: its owner may lend it (its definition is delegable and it
	// is not itself lent), so a client offers lending only where it can work.
	Delegable  bool           `json:"delegable"`
	Attributes map[string]any `json:"attributes"`
	Delegation *Delegation    `json:"delegation"`
	CreatedAt  time.Time      `json:"created_at"`
	UpdatedAt  time.Time      `json:"updated_at"`

	// ExtraEntitlements are entitlements given to this persona beyond its
	// definition's (only by import); Entitlements is their union.
	ExtraEntitlements []string `json:"-"`
	// Lent maps the persona's delegations that have not ended to their
	// recipients, so that ending or editing the persona reaches them in
	// the same write.
	Lent    map[string]string `json:"-"`
	Version int64             `json:"-"`
}

// Delegation marks a persona another user lent to the caller.
type Delegation struct {
	ID         string      `json:"id"`
	FromUser   UserSummary `json:"from_user"`
	ValidUntil time.Time   `json:"valid_until"`
}

// IsActive reports whether the persona grants its rights at now: accepted,
// and now within [valid_from, valid_until).
func (p Persona) IsActive(now time.Time) bool {
	if p.Status.Value != StatusAccepted || now.Before(p.ValidFrom) {
		return false
	}
	return p.ValidUntil == nil || now.Before(*p.ValidUntil)
}

// Terminal reports whether the persona can no longer change state.
func (p Persona) Terminal() bool { return TerminalStatus(p.Status.Value) }

// TerminalStatus reports whether a persona status is final.
func TerminalStatus(s string) bool {
	return s == StatusRejected || s == StatusRevoked || s == StatusExpired
}

// Derive fills the computed fields: entitlements from the definition plus
// the persona's own, active at now, and delegable.
func (p *Persona) Derive(defs Definitions, now time.Time) {
	ents := append([]string(nil), p.ExtraEntitlements...)
	p.Delegable = false
	if d, ok := defs[p.Type]; ok {
		ents = append(ents, d.Entitlements...)
		p.Delegable = d.Delegable
	}
	p.Entitlements = SortedSet(ents)
	p.Active = p.IsActive(now)
	if p.Scope == nil {
		p.Scope = []string{}
	}
	if p.Attributes == nil {
		p.Attributes = map[string]any{}
	}
}
