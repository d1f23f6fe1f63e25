package domain

import "time"

// Application is an application the portal lists for users whose active
// personas open it.
type Application struct {
	ID              string    `json:"id"`
	Name            string    `json:"name"`
	Description     string    `json:"description"`
	URL             string    `json:"url"`
	IconURL         string    `json:"icon_url"`
	PersonaTypes    []string  `json:"persona_types"`
	EntitlementsAny []string  `json:"entitlements_any"`
	CreatedAt       time.Time `json:"created_at"`
	UpdatedAt       time.Time `json:"updated_at"`

	Version int64 `json:"-"`
}

// OpenedBy reports whether a persona opens the application: its type is one
// of the application's persona types, or it holds one of the entitlements.
func (a Application) OpenedBy(p Persona) bool {
	for _, t := range a.PersonaTypes {
		if t == p.Type {
			return true
		}
	}
	for _, want := range a.EntitlementsAny {
		for _, have := range p.Entitlements {
			if want == have {
				return true
			}
		}
	}
	return false
}
