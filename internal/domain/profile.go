package domain

import "time"

// Profile statuses.
const (
	ProfileActive   = "active"
	ProfileDisabled = "disabled"
)

// Profile is the one profile a person has in a tenant.
type Profile struct {
	Tenant      string         `json:"-"`
	ID          string         `json:"id"`
	Email       string         `json:"email"`
	GivenName   string         `json:"given_name"`
	FamilyName  string         `json:"family_name"`
	DisplayName string         `json:"display_name"`
	Phone       string         `json:"phone"`
	Locale      string         `json:"locale"`
	Timezone    string         `json:"timezone"`
	Attributes  map[string]any `json:"attributes"`
	Status      string         `json:"status"`
	CreatedAt   time.Time      `json:"created_at"`
	UpdatedAt   time.Time      `json:"updated_at"`

	// Subs are the token subjects linked to this profile (kept so that
	// disabling a profile can update every identity link in one transaction).
	Subs []string `json:"-"`
	// Version guards read-modify-write cycles (optimistic concurrency).
	Version int64 `json:"-"`
}

// Name is what people see: the display name, else given + family, else e-mail.
func (p Profile) Name() string {
	if p.DisplayName != "" {
		return p.DisplayName
	}
	if n := joinNonEmpty(p.GivenName, p.FamilyName); n != "" {
		return n
	}
	return p.Email
}

// Summary is the short form of a user inside other objects.
type UserSummary struct {
	ID          string `json:"id"`
	DisplayName string `json:"display_name"`
	Email       string `json:"email"`
}

// Summary returns the user summary of p.
func (p Profile) Summary() UserSummary {
	return UserSummary{ID: p.ID, DisplayName: p.Name(), Email: p.Email}
}

func joinNonEmpty(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + " " + b
}
