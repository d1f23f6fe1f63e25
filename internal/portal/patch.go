package portal

import (
	"github.com/personaportal/portal/internal/apierr"
	"github.com/personaportal/portal/internal/domain"
)

// ProfilePatch changes a profile, JSON-merge-patch style (RFC 7396): an
// absent field stays, a string set to "" is cleared, and inside attributes
// a key set to null is removed while other keys are set.
type ProfilePatch struct {
	GivenName   *string
	FamilyName  *string
	DisplayName *string
	Phone       *string
	Locale      *string
	Timezone    *string
	Attributes  map[string]any
	// Only tenant admins may set these (the HTTP layer refuses them for
	// everyone else with field_not_editable).
	Email  *string
	Status *string
}

// ProfileFields are the profile fields anyone may edit on their own
// profile, as request bodies and import lines carry them.
type ProfileFields struct {
	GivenName   *string        `json:"given_name"`
	FamilyName  *string        `json:"family_name"`
	DisplayName *string        `json:"display_name"`
	Phone       *string        `json:"phone"`
	Locale      *string        `json:"locale"`
	Timezone    *string        `json:"timezone"`
	Attributes  map[string]any `json:"attributes"`
}

// Patch is the change the fields ask for.
func (p ProfileFields) Patch() ProfilePatch {
	return ProfilePatch{GivenName: p.GivenName, FamilyName: p.FamilyName, DisplayName: p.DisplayName,
		Phone: p.Phone, Locale: p.Locale, Timezone: p.Timezone, Attributes: p.Attributes}
}

// apply changes p and validates the result.
func (pp ProfilePatch) apply(p *domain.Profile) error {
	f := apierr.FieldErrors{}
	set := func(dst *string, v *string, field string, max int) {
		if v != nil {
			domain.CheckText(f, field, *v, max)
			*dst = *v
		}
	}
	set(&p.GivenName, pp.GivenName, "given_name", domain.MaxNameLen)
	set(&p.FamilyName, pp.FamilyName, "family_name", domain.MaxNameLen)
	set(&p.DisplayName, pp.DisplayName, "display_name", domain.MaxNameLen)
	set(&p.Phone, pp.Phone, "phone", 40)
	set(&p.Locale, pp.Locale, "locale", 35)
	set(&p.Timezone, pp.Timezone, "timezone", 64)
	domain.CheckPhone(f, "phone", p.Phone)
	domain.CheckLocale(f, "locale", p.Locale)
	domain.CheckTimezone(f, "timezone", p.Timezone)
	if pp.Attributes != nil {
		p.Attributes = mergeAttributes(p.Attributes, pp.Attributes)
		domain.CheckAttributes(f, "attributes", p.Attributes)
	}
	if pp.Email != nil {
		p.Email = domain.NormalizeEmail(*pp.Email)
		domain.CheckEmail(f, "email", p.Email)
	}
	if pp.Status != nil {
		if *pp.Status != domain.ProfileActive && *pp.Status != domain.ProfileDisabled {
			f.Add("status", "must be active or disabled")
		}
		p.Status = *pp.Status
	}
	return f.Err()
}

// mergeAttributes applies a merge patch to custom attributes.
func mergeAttributes(base, patch map[string]any) map[string]any {
	out := make(map[string]any, len(base)+len(patch))
	for k, v := range base {
		out[k] = v
	}
	for k, v := range patch {
		if v == nil {
			delete(out, k)
		} else {
			out[k] = v
		}
	}
	return out
}
