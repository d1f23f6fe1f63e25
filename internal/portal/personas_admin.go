package portal

import (
	"context"
	"fmt"
	"time"

	"github.com/personaportal/portal/internal/apierr"
	"github.com/personaportal/portal/internal/domain"
	"github.com/personaportal/portal/internal/store"
)

// NewPersona is what an admin gives to add a persona to a user.
type NewPersona struct {
	Type       string
	Scope      []string
	Email      string
	ValidFrom  *time.Time
	ValidUntil *time.Time
	Attributes map[string]any
	Preferred  bool
}

// OptionalTime distinguishes an absent field (Set false) from null (Set,
// Time nil) and a value.
type OptionalTime struct {
	Set  bool
	Time *time.Time
}

// PersonaPatch is an admin's edit of a persona; nil fields stay.
type PersonaPatch struct {
	Scope      *[]string
	Email      *string
	ValidFrom  *time.Time
	ValidUntil OptionalTime
	Attributes map[string]any
}

// applyTo sets the fields the patch holds on p (a new scope is checked as a
// set; the catalogue is checked inside the write).
func (patch PersonaPatch) applyTo(f apierr.FieldErrors, p *domain.Persona) {
	if patch.Scope != nil {
		p.Scope = checkScopeSet(f, *patch.Scope)
	}
	if patch.Email != nil {
		p.Email = domain.NormalizeEmail(*patch.Email)
	}
	if patch.ValidFrom != nil {
		p.ValidFrom = *patch.ValidFrom
	}
	if patch.ValidUntil.Set {
		p.ValidUntil = patch.ValidUntil.Time
	}
	if patch.Attributes != nil {
		p.Attributes = mergeAttributes(p.Attributes, patch.Attributes)
	}
}

// UserPersonas lists a user's personas (all statuses), newest first.
func (s *Service) UserPersonas(ctx context.Context, c Caller, uid string, page store.Page) (Page[domain.Persona], error) {
	if !domain.ValidID(uid) {
		return Page[domain.Persona]{}, apierr.NotFound("user")
	}
	prof, ps, _, next, err := s.store.ProfilePersonas(ctx, c.Tenant, uid, page)
	if err != nil {
		return Page[domain.Persona]{}, err
	}
	if prof == nil && page.Start == nil {
		return Page[domain.Persona]{}, apierr.NotFound("user")
	}
	return Page[domain.Persona]{Items: s.derive(c, ps), Next: next}, nil
}

// AddPersona gives a user an accepted persona.
func (s *Service) AddPersona(ctx context.Context, c Caller, uid string, in NewPersona) (domain.Persona, error) {
	if !domain.ValidID(uid) {
		return domain.Persona{}, apierr.NotFound("user")
	}
	f := apierr.FieldErrors{}
	if !domain.ValidSlug(in.Type) {
		f.Add("type", "must be a persona type")
		return domain.Persona{}, f.Err()
	}
	a, err := s.store.LoadAssignment(ctx, c.Tenant, uid, in.Type)
	if err != nil {
		return domain.Persona{}, err
	}
	if a.Definition == nil {
		return domain.Persona{}, apierr.InvalidField("type", "no persona definition of this type exists")
	}
	domain.CheckScope(f, "scope", in.Scope, *a.Definition)
	if err := f.Err(); err != nil {
		return domain.Persona{}, err
	}
	return s.createPersona(ctx, c, a.Profile, a.PreferredID, in)
}

// createPersona validates and writes a new accepted persona for a user
// whose profile the caller has read. The scope is checked against the
// definition's catalogue inside the write as well.
func (s *Service) createPersona(ctx context.Context, c Caller, user domain.Profile, prevPreferred string, in NewPersona) (domain.Persona, error) {
	now := s.now()
	p := domain.Persona{Tenant: c.Tenant, ID: domain.NewID(), UserID: user.ID, Type: in.Type,
		Email: domain.NormalizeEmail(in.Email), ValidFrom: now, ValidUntil: in.ValidUntil,
		Attributes: nonNil(in.Attributes), Preferred: in.Preferred, CreatedAt: now, UpdatedAt: now,
		Status: domain.PersonaStatus{Value: domain.StatusAccepted, ChangedAt: now, ChangedBy: c.Actor()}}
	if in.ValidFrom != nil {
		p.ValidFrom = *in.ValidFrom
	}
	if p.Email == "" {
		p.Email = user.Email
	}
	f := apierr.FieldErrors{}
	p.Scope = checkScopeSet(f, in.Scope)
	if _, ok := c.Config.Definitions[in.Type]; !ok {
		f.Add("type", "no persona definition of this type exists")
	}
	checkPersona(f, p)
	if err := f.Err(); err != nil {
		return domain.Persona{}, err
	}
	if p.Preferred && !p.IsActive(now) {
		return domain.Persona{}, apierr.InvalidField("preferred", "only an active persona can be preferred")
	}
	p.Derive(c.Config.Definitions, now)
	rec := domain.NewAudit(now, c.Actor(), "persona.added", personaTarget(p), nil, p)
	if err := s.store.CreatePersona(ctx, p, prevPreferred, rec); err != nil {
		return domain.Persona{}, err
	}
	p.Version = 1
	return p, nil
}

// checkScopeSet checks a scope's shape (the catalogue is checked by the
// caller or inside the write) and returns it as a sorted set.
func checkScopeSet(f apierr.FieldErrors, scope []string) []string {
	set := domain.SortedSet(scope)
	if len(set) != len(scope) {
		f.Add("scope", "must not hold duplicates")
	}
	domain.CheckTokens(f, "scope", set, domain.MaxScopeSize)
	return set
}

// EditPersona changes a live persona's scope, e-mail, validity or
// attributes. The new scope is checked against the definition inside the
// write itself.
func (s *Service) EditPersona(ctx context.Context, c Caller, uid, pid string, patch PersonaPatch) (domain.Persona, error) {
	return s.editPersona(ctx, c, uid, pid, patch, nil)
}

// authorizeFunc decides whether the caller may change before into after
// (after is nil for a read-only check). nil allows everything (tenant admins).
type authorizeFunc func(before domain.Persona, after *domain.Persona) error

func (s *Service) editPersona(ctx context.Context, c Caller, uid, pid string, patch PersonaPatch, authorize authorizeFunc) (domain.Persona, error) {
	before, err := s.userPersona(ctx, c, uid, pid)
	if err != nil {
		return domain.Persona{}, err
	}
	if authorize != nil {
		if err := authorize(before, nil); err != nil {
			return domain.Persona{}, err
		}
	}
	if before.Terminal() {
		return domain.Persona{}, apierr.Conflict("the persona has ended (" + before.Status.Value + ") and cannot be edited")
	}
	after := before
	f := apierr.FieldErrors{}
	patch.applyTo(f, &after)
	checkPersona(f, after)
	if err := f.Err(); err != nil {
		return domain.Persona{}, err
	}
	if authorize != nil {
		if err := authorize(before, &after); err != nil {
			return domain.Persona{}, err
		}
	}
	after.UpdatedAt = s.now()
	return s.savePersona(ctx, c, before, after, "persona.updated")
}

// RevokePersona ends a persona (status revoked); it stays on the profile.
func (s *Service) RevokePersona(ctx context.Context, c Caller, uid, pid string) (domain.Persona, error) {
	return s.revokePersona(ctx, c, uid, pid, nil)
}

func (s *Service) revokePersona(ctx context.Context, c Caller, uid, pid string, authorize authorizeFunc) (domain.Persona, error) {
	before, err := s.userPersona(ctx, c, uid, pid)
	if err != nil {
		return domain.Persona{}, err
	}
	if authorize != nil {
		if err := authorize(before, nil); err != nil {
			return domain.Persona{}, err
		}
	}
	if before.Terminal() {
		return domain.Persona{}, apierr.Conflict("the persona has already ended (" + before.Status.Value + ")")
	}
	now := s.now()
	after := before
	after.UpdatedAt = now
	after.Preferred = false
	after.Status = domain.PersonaStatus{Value: domain.StatusRevoked, ChangedAt: now, ChangedBy: c.Actor()}
	return s.savePersona(ctx, c, before, after, "persona.revoked")
}

// SearchPersonas searches the tenant's personas.
func (s *Service) SearchPersonas(ctx context.Context, c Caller, f store.PersonaFilter, page store.Page) (Page[domain.Persona], error) {
	fe := apierr.FieldErrors{}
	if f.Type != "" && !domain.ValidSlug(f.Type) {
		fe.Add("type", "must be a persona type")
	}
	switch f.Status {
	case "", domain.StatusPending, domain.StatusAccepted, domain.StatusRejected, domain.StatusRevoked, domain.StatusExpired:
	default:
		fe.Add("status", "must be pending, accepted, rejected, revoked or expired")
	}
	f.Email = domain.NormalizeEmail(f.Email)
	if f.Email != "" && len(f.Email) > domain.MaxEmailBytes {
		fe.Add("email", fmt.Sprintf("must be at most %d bytes", domain.MaxEmailBytes))
	}
	if err := fe.Err(); err != nil {
		return Page[domain.Persona]{}, err
	}
	ps, next, err := s.store.SearchPersonas(ctx, c.Tenant, f, page)
	if err != nil {
		return Page[domain.Persona]{}, err
	}
	return Page[domain.Persona]{Items: s.derive(c, ps), Next: next}, nil
}

func (s *Service) userPersona(ctx context.Context, c Caller, uid, pid string) (domain.Persona, error) {
	if !domain.ValidID(uid) || !domain.ValidID(pid) {
		return domain.Persona{}, apierr.NotFound("persona")
	}
	return s.store.GetPersona(ctx, c.Tenant, uid, pid)
}

func (s *Service) savePersona(ctx context.Context, c Caller, before, after domain.Persona, action string) (domain.Persona, error) {
	before = s.derive(c, []domain.Persona{before})[0]
	after = s.derive(c, []domain.Persona{after})[0]
	rec := domain.NewAudit(after.UpdatedAt, c.Actor(), action, personaTarget(before), before, after)
	if err := s.store.UpdatePersona(ctx, before, after, rec); err != nil {
		return domain.Persona{}, err
	}
	after.Version++
	return after, nil
}

// checkPersona validates the fields any persona write sets.
func checkPersona(f apierr.FieldErrors, p domain.Persona) {
	if p.Email != "" {
		domain.CheckEmail(f, "email", p.Email)
	}
	domain.CheckValidity(f, p.ValidFrom, p.ValidUntil)
	domain.CheckAttributes(f, "attributes", p.Attributes)
}

func nonNil(m map[string]any) map[string]any {
	if m == nil {
		return map[string]any{}
	}
	return m
}
