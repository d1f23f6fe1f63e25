package domain

import "time"

// Definition is a persona type: what a persona of this type grants and how
// it may be handled.
type Definition struct {
	Type           string    `json:"type"`
	DisplayName    string    `json:"display_name"`
	Description    string    `json:"description"`
	ScopeValues    []string  `json:"scope_values"`
	Entitlements   []string  `json:"entitlements"`
	Manages        []string  `json:"manages"`
	Delegable      bool      `json:"delegable"`
	StepUpRequired bool      `json:"step_up_required"`
	CreatedAt      time.Time `json:"created_at"`
	UpdatedAt      time.Time `json:"updated_at"`

	Version int64 `json:"-"`
}

// Definitions indexes definitions by type.
type Definitions map[string]Definition

// Index builds a Definitions map.
func Index(defs []Definition) Definitions {
	m := make(Definitions, len(defs))
	for _, d := range defs {
		m[d.Type] = d
	}
	return m
}

// Normalize sorts and de-duplicates the definition's lists so that equal
// definitions compare equal and stored lists stay canonical.
func (d *Definition) Normalize() {
	d.ScopeValues = SortedSet(d.ScopeValues)
	d.Entitlements = SortedSet(d.Entitlements)
	d.Manages = SortedSet(d.Manages)
}
