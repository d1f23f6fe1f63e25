package portal

import (
	"context"
	"time"

	"github.com/personaportal/portal/internal/apierr"
	"github.com/personaportal/portal/internal/domain"
	"github.com/personaportal/portal/internal/store"
)

// Tenant administration. The HTTP layer lets only tenant admins reach these
// (the operations table marks them; see httpapi).

// Settings returns the tenant's settings (read with the caller: no I/O).
func (s *Service) Settings(_ context.Context, c Caller) domain.Settings {
	return c.Config.Settings
}

// PutSettings replaces the tenant's settings.
func (s *Service) PutSettings(ctx context.Context, c Caller, st domain.Settings) (domain.Settings, error) {
	if err := domain.ValidateSettings(st); err != nil {
		return domain.Settings{}, err
	}
	st.UpdatedAt = s.now()
	rec := domain.NewAudit(st.UpdatedAt, c.Actor(), "settings.updated", domain.Target{Kind: "settings", ID: c.Tenant},
		c.Config.Settings, st)
	return st, s.store.PutSettings(ctx, c.Tenant, c.Config, st, rec)
}

// ListDefinitions lists the tenant's persona definitions by type.
func (s *Service) ListDefinitions(ctx context.Context, c Caller, page store.Page) (Page[domain.Definition], error) {
	defs, next, err := s.store.ListDefinitions(ctx, c.Tenant, page)
	return Page[domain.Definition]{Items: defs, Next: next}, err
}

// GetDefinition returns one definition.
func (s *Service) GetDefinition(ctx context.Context, c Caller, typ string) (domain.Definition, error) {
	if !domain.ValidSlug(typ) {
		return domain.Definition{}, apierr.NotFound("persona definition")
	}
	return s.store.GetDefinition(ctx, c.Tenant, typ)
}

// CreateDefinition adds a persona definition.
func (s *Service) CreateDefinition(ctx context.Context, c Caller, d domain.Definition) (domain.Definition, error) {
	if err := domain.ValidateDefinition(&d); err != nil {
		return domain.Definition{}, err
	}
	d.CreatedAt, d.UpdatedAt = s.now(), s.now()
	rec := domain.NewAudit(d.CreatedAt, c.Actor(), "definition.created", domain.Target{Kind: "definition", ID: d.Type}, nil, d)
	return d, s.store.CreateDefinition(ctx, c.Tenant, c.Config, d, rec)
}

// ReplaceDefinition replaces a definition; its type cannot change.
func (s *Service) ReplaceDefinition(ctx context.Context, c Caller, typ string, d domain.Definition) (domain.Definition, error) {
	before, err := s.GetDefinition(ctx, c, typ)
	if err != nil {
		return domain.Definition{}, err
	}
	if d.Type != "" && d.Type != typ {
		return domain.Definition{}, apierr.InvalidField("type", "must equal the type in the path (a type cannot be renamed)")
	}
	d.Type = typ
	if err := domain.ValidateDefinition(&d); err != nil {
		return domain.Definition{}, err
	}
	d.CreatedAt, d.UpdatedAt, d.Version = before.CreatedAt, s.now(), before.Version+1
	rec := domain.NewAudit(d.UpdatedAt, c.Actor(), "definition.replaced", domain.Target{Kind: "definition", ID: typ}, before, d)
	return d, s.store.ReplaceDefinition(ctx, c.Tenant, c.Config, before, d, rec)
}

// DeleteDefinition archives a definition; refused while live personas of
// the type exist.
func (s *Service) DeleteDefinition(ctx context.Context, c Caller, typ string) error {
	before, err := s.GetDefinition(ctx, c, typ)
	if err != nil {
		return err
	}
	rec := domain.NewAudit(s.now(), c.Actor(), "definition.deleted", domain.Target{Kind: "definition", ID: typ}, before, nil)
	return s.store.DeleteDefinition(ctx, c.Tenant, c.Config, before, rec)
}

// ListApplications lists the tenant's applications.
func (s *Service) ListApplications(ctx context.Context, c Caller, page store.Page) (Page[domain.Application], error) {
	apps, next, err := s.store.ListApplications(ctx, c.Tenant, page)
	return Page[domain.Application]{Items: apps, Next: next}, err
}

// GetApplication returns one application.
func (s *Service) GetApplication(ctx context.Context, c Caller, id string) (domain.Application, error) {
	if !domain.ValidID(id) {
		return domain.Application{}, apierr.NotFound("application")
	}
	return s.store.GetApplication(ctx, c.Tenant, id)
}

// CreateApplication adds an application.
func (s *Service) CreateApplication(ctx context.Context, c Caller, a domain.Application) (domain.Application, error) {
	if err := domain.ValidateApplication(&a); err != nil {
		return domain.Application{}, err
	}
	a.ID, a.CreatedAt, a.UpdatedAt = domain.NewID(), s.now(), s.now()
	rec := domain.NewAudit(a.CreatedAt, c.Actor(), "application.created", domain.Target{Kind: "application", ID: a.ID}, nil, a)
	return a, s.store.PutApplication(ctx, c.Tenant, a, 0, rec)
}

// ReplaceApplication replaces an application.
func (s *Service) ReplaceApplication(ctx context.Context, c Caller, id string, a domain.Application) (domain.Application, error) {
	before, err := s.GetApplication(ctx, c, id)
	if err != nil {
		return domain.Application{}, err
	}
	if err := domain.ValidateApplication(&a); err != nil {
		return domain.Application{}, err
	}
	a.ID, a.CreatedAt, a.UpdatedAt = id, before.CreatedAt, s.now()
	rec := domain.NewAudit(a.UpdatedAt, c.Actor(), "application.replaced", domain.Target{Kind: "application", ID: id}, before, a)
	return a, s.store.PutApplication(ctx, c.Tenant, a, before.Version, rec)
}

// DeleteApplication archives an application.
func (s *Service) DeleteApplication(ctx context.Context, c Caller, id string) error {
	before, err := s.GetApplication(ctx, c, id)
	if err != nil {
		return err
	}
	rec := domain.NewAudit(s.now(), c.Actor(), "application.deleted", domain.Target{Kind: "application", ID: id}, before, nil)
	return s.store.DeleteApplication(ctx, c.Tenant, before, rec)
}

// AuditQuery narrows the audit trail: from and to default to the
// beginning of time and now; the rest are exact matches.
type AuditQuery struct {
	From, To              *time.Time
	UserID, Actor, Action string
}

// Audit lists the audit trail newest first.
func (s *Service) Audit(ctx context.Context, c Caller, aq AuditQuery, page store.Page) (Page[domain.AuditRecord], error) {
	f := store.AuditFilter{From: time.Unix(0, 0).UTC(), To: s.now(), UserID: aq.UserID, Actor: aq.Actor, Action: aq.Action}
	if aq.From != nil {
		f.From = *aq.From
	}
	if aq.To != nil {
		f.To = *aq.To
	}
	fe := apierr.FieldErrors{}
	if f.To.Before(f.From) {
		fe.Add("to", "must not be before from")
	}
	if f.UserID != "" && !domain.ValidID(f.UserID) {
		fe.Add("user_id", "must be a user ID")
	}
	if f.Actor != "" && !domain.ValidActor(f.Actor) {
		fe.Add("actor", "must be a user ID or system:<job>")
	}
	if f.Action != "" && !domain.ValidAction(f.Action) {
		fe.Add("action", "must be an action such as persona.added")
	}
	if err := fe.Err(); err != nil {
		return Page[domain.AuditRecord]{}, err
	}
	recs, next, err := s.store.ListAudit(ctx, c.Tenant, f, page)
	return Page[domain.AuditRecord]{Items: recs, Next: next}, err
}
