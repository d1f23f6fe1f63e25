package portal

import (
	"context"

	"github.com/personaportal/portal/internal/apierr"
	"github.com/personaportal/portal/internal/domain"
	"github.com/personaportal/portal/internal/store"
)

// NewUser is what a tenant admin gives to create a user.
type NewUser struct {
	Email string
	Patch ProfilePatch
}

// ListUsers lists the tenant's users by e-mail; q matches name or e-mail,
// attribute (and value) a custom attribute.
func (s *Service) ListUsers(ctx context.Context, c Caller, f store.ProfileFilter, page store.Page) (Page[domain.Profile], error) {
	fe := apierr.FieldErrors{}
	domain.CheckSearch(fe, "q", f.Q)
	if f.Attribute != "" && !domain.ValidAttributeName(f.Attribute) {
		fe.Add("attribute", "must be an attribute name: 1-64 letters, digits, _ . - starting with a letter or _")
	}
	if f.Value != "" && f.Attribute == "" {
		fe.Add("value", "needs attribute: the custom attribute whose value to match")
	}
	domain.CheckSearch(fe, "value", f.Value)
	if err := fe.Err(); err != nil {
		return Page[domain.Profile]{}, err
	}
	ps, next, err := s.store.ListProfiles(ctx, c.Tenant, f, page)
	return Page[domain.Profile]{Items: ps, Next: next}, err
}

// GetUser returns a user of the tenant.
func (s *Service) GetUser(ctx context.Context, c Caller, uid string) (domain.Profile, error) {
	if !domain.ValidID(uid) {
		return domain.Profile{}, apierr.NotFound("user")
	}
	return s.store.GetProfile(ctx, c.Tenant, uid)
}

// CreateUser adds a user; a duplicate e-mail is a conflict.
func (s *Service) CreateUser(ctx context.Context, c Caller, u NewUser) (domain.Profile, error) {
	now := s.now()
	p := domain.Profile{Tenant: c.Tenant, ID: domain.NewID(), Attributes: map[string]any{},
		Status: domain.ProfileActive, CreatedAt: now, UpdatedAt: now}
	email := u.Email
	u.Patch.Email, u.Patch.Status = &email, nil
	if u.Email == "" {
		return domain.Profile{}, apierr.InvalidField("email", "is required")
	}
	if err := u.Patch.apply(&p); err != nil {
		return domain.Profile{}, err
	}
	p.Version = 1
	rec := domain.NewAudit(now, c.Actor(), "profile.created", profileTarget(p), nil, p)
	return p, s.store.CreateProfile(ctx, p, "", rec)
}

// UpdateUser applies a tenant admin's changes to a user.
func (s *Service) UpdateUser(ctx context.Context, c Caller, uid string, patch ProfilePatch) (domain.Profile, error) {
	if !domain.ValidID(uid) {
		return domain.Profile{}, apierr.NotFound("user")
	}
	if patch.Status != nil && *patch.Status == domain.ProfileDisabled && uid == c.UserID {
		return domain.Profile{}, apierr.Forbidden("you cannot disable your own profile")
	}
	return s.updateProfile(ctx, c, uid, patch, "profile.updated")
}

// DisableUser disables a user: every route refuses them from then on;
// nothing of theirs is erased.
func (s *Service) DisableUser(ctx context.Context, c Caller, uid string) (domain.Profile, error) {
	if !domain.ValidID(uid) {
		return domain.Profile{}, apierr.NotFound("user")
	}
	if uid == c.UserID {
		return domain.Profile{}, apierr.Forbidden("you cannot disable your own profile")
	}
	st := domain.ProfileDisabled
	return s.updateProfile(ctx, c, uid, ProfilePatch{Status: &st}, "profile.disabled")
}
