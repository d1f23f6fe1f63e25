package portal

import (
	"context"
	"fmt"
	"time"

	"github.com/personaportal/portal/internal/apierr"
	"github.com/personaportal/portal/internal/domain"
	"github.com/personaportal/portal/internal/mail"
	"github.com/personaportal/portal/internal/store"
)

// Loan is what an owner asks for when lending a persona.
type Loan struct {
	ToEmail    string
	ValidFrom  *time.Time
	ValidUntil *time.Time
}

// Lend lends one of the caller's own active personas to another user of
// the tenant for a period. The tenant must enable delegation and the
// persona's definition must be delegable; a lent persona can never be
// lent again.
func (s *Service) Lend(ctx context.Context, c Caller, pid string, in Loan) (domain.PersonaDelegation, error) {
	if !c.Config.Settings.PersonaDelegationEnabled {
		return domain.PersonaDelegation{}, apierr.FeatureDisabled("persona delegation is not enabled for this tenant")
	}
	if !domain.ValidID(pid) {
		return domain.PersonaDelegation{}, apierr.NotFound("persona")
	}
	prof, own, lent, err := s.profileAndPersonas(ctx, c.Tenant, c.UserID)
	if err != nil {
		return domain.PersonaDelegation{}, err
	}
	if prof == nil {
		return domain.PersonaDelegation{}, apierr.ProfileNotFound()
	}
	h := s.holding(c, own, lent)
	if _, lent := h.lentBy[pid]; lent {
		return domain.PersonaDelegation{}, apierr.Forbidden("a persona lent to you cannot be lent again")
	}
	var p *domain.Persona
	for i := range h.own {
		if h.own[i].ID == pid {
			p = &h.own[i]
		}
	}
	if p == nil {
		return domain.PersonaDelegation{}, apierr.NotFound("persona")
	}
	if !c.Config.Definitions[p.Type].Delegable {
		return domain.PersonaDelegation{}, apierr.Forbidden("personas of this type cannot be lent")
	}
	if !p.Active {
		return domain.PersonaDelegation{}, apierr.Forbidden("only an active persona can be lent")
	}
	if h.needsStepUp(*p) {
		return domain.PersonaDelegation{}, c.stepUp() // lending hands its rights on
	}
	now := s.now()
	if n := openLoans(*p, now); n >= domain.MaxDelegationsPerPersona {
		return domain.PersonaDelegation{}, apierr.Conflict(fmt.Sprintf("the persona is already lent %d times", n))
	}
	from, until, err := checkLoan(in, *p, c.Config.Settings.MaxDelegationDays, now)
	if err != nil {
		return domain.PersonaDelegation{}, err
	}
	email := domain.NormalizeEmail(in.ToEmail)
	to, found, err := s.store.ProfileByEmail(ctx, c.Tenant, email)
	if err != nil {
		return domain.PersonaDelegation{}, err
	}
	switch {
	case !found || to.Status != domain.ProfileActive:
		return domain.PersonaDelegation{}, apierr.InvalidField("to_email", "no active user with this e-mail exists in the tenant")
	case to.ID == c.UserID:
		return domain.PersonaDelegation{}, apierr.InvalidField("to_email", "you cannot lend a persona to yourself")
	}
	d := domain.PersonaDelegation{Tenant: c.Tenant, ID: domain.NewID(), PersonaID: p.ID, PersonaType: p.Type,
		FromUser: prof.Summary(), ToUser: to.Summary(), ValidFrom: from, ValidUntil: until, CreatedAt: now, Persona: *p}
	d.Status = d.StatusAt(now)
	rec := domain.NewAudit(now, c.Actor(), "delegation.created", domain.Target{Kind: "delegation", ID: d.ID, UserID: to.ID}, nil, d)
	if err := s.store.CreateDelegation(ctx, d, *p, rec, loanMails(s.portalBase(c), d, c.Config.Definitions[p.Type].DisplayName)...); err != nil {
		return domain.PersonaDelegation{}, err
	}
	d.Version = 1
	return d, nil
}

// openLoans counts a persona's delegations whose period has not ended by
// now (a revoked one keeps its slot until then).
func openLoans(p domain.Persona, now time.Time) int { return len(p.OpenLent(now)) }

// checkLoan validates a loan's period: within the persona's validity and
// at most maxDays long.
func checkLoan(in Loan, p domain.Persona, maxDays int, now time.Time) (time.Time, time.Time, error) {
	f := apierr.FieldErrors{}
	domain.CheckEmail(f, "to_email", domain.NormalizeEmail(in.ToEmail))
	from := now
	if in.ValidFrom != nil {
		from = *in.ValidFrom
	}
	if in.ValidUntil == nil {
		f.Add("valid_until", "is required")
		return from, from, f.Err()
	}
	until := *in.ValidUntil
	switch {
	case !until.After(from):
		f.Add("valid_until", "must be after valid_from")
	case !until.After(now):
		f.Add("valid_until", "must be in the future")
	case until.Sub(from) > time.Duration(maxDays)*24*time.Hour:
		f.Add("valid_until", fmt.Sprintf("the period may last at most %d days (max_delegation_days)", maxDays))
	}
	if from.Before(p.ValidFrom) {
		f.Add("valid_from", "must not be before the persona's valid_from")
	}
	if p.ValidUntil != nil && until.After(*p.ValidUntil) {
		f.Add("valid_until", "must not be after the persona's valid_until")
	}
	return from, until, f.Err()
}

// MyDelegations lists the caller's delegations: granted, received, or both.
func (s *Service) MyDelegations(ctx context.Context, c Caller, direction string, page store.Page) (Page[domain.PersonaDelegation], error) {
	if direction != "" && direction != "granted" && direction != "received" {
		return Page[domain.PersonaDelegation]{}, apierr.InvalidField("direction", "must be granted or received")
	}
	ds, next, err := s.store.Delegations(ctx, c.Tenant, c.UserID, direction, page)
	if err != nil {
		return Page[domain.PersonaDelegation]{}, err
	}
	now := s.now()
	for i := range ds {
		ds[i].Status = ds[i].StatusAt(now)
	}
	return Page[domain.PersonaDelegation]{Items: ds, Next: next}, nil
}

// RevokeDelegation ends a delegation the caller granted, at once.
func (s *Service) RevokeDelegation(ctx context.Context, c Caller, id string) (domain.PersonaDelegation, error) {
	if !domain.ValidID(id) {
		return domain.PersonaDelegation{}, apierr.NotFound("delegation")
	}
	d, granted, err := s.store.GetUserDelegation(ctx, c.Tenant, c.UserID, id)
	if err != nil {
		return domain.PersonaDelegation{}, err
	}
	if !granted {
		return domain.PersonaDelegation{}, apierr.Forbidden("only the owner of a persona may revoke its delegation")
	}
	now := s.now()
	if st := d.StatusAt(now); st == domain.DelegationRevoked || st == domain.DelegationExpired {
		return domain.PersonaDelegation{}, apierr.Conflict("the delegation has already ended (" + st + ")")
	}
	before := d
	before.Status = before.StatusAt(now)
	d.Revoked, d.RevokedAt = true, &now
	d.Status = domain.DelegationRevoked
	rec := domain.NewAudit(now, c.Actor(), "delegation.revoked", domain.Target{Kind: "delegation", ID: d.ID, UserID: d.ToUser.ID}, before, d)
	ended := render(nil, mail.DelegationEnded, d.ToUser.Email, mail.Data{To: d.ToUser.DisplayName, From: d.FromUser.DisplayName,
		Persona: c.Config.Definitions[d.PersonaType].DisplayName, Outcome: "been revoked"})
	if err := s.store.RevokeDelegation(ctx, before, now, rec, ended...); err != nil {
		return domain.PersonaDelegation{}, err
	}
	d.Version++
	return d, nil
}
