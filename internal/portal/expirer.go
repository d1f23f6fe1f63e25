package portal

import (
	"context"
	"errors"
	"time"

	"github.com/personaportal/portal/internal/apierr"
	"github.com/personaportal/portal/internal/domain"
	"github.com/personaportal/portal/internal/mail"
	"github.com/personaportal/portal/internal/store"
)

// ExpiryStore is what the expire job needs beyond the portal's Store.
type ExpiryStore interface {
	Store
	DueExpiries(ctx context.Context, now time.Time, limit int32) ([]store.Expiry, error)
	ExpireDelegation(ctx context.Context, d domain.PersonaDelegation, rec domain.AuditRecord, mails ...mail.Message) error
}

var _ ExpiryStore = (*store.Store)(nil)

// Expirer is the expire job: it ends what is due through the expiry
// index (pending requests past expires_at, with their magic links;
// delegations past valid_until; personas past valid_until), one batch a
// run. Each change is conditional on the item as read: run twice at once,
// every item is expired once and the loser skips it.
type Expirer struct {
	store ExpiryStore
	now   domain.Clock
	Batch int32
}

// NewExpirer returns the job (batches of 25).
func NewExpirer(st ExpiryStore, now domain.Clock) *Expirer {
	return &Expirer{store: st, now: now.OrSystem(), Batch: 25}
}

// ExpireReport counts what one run did.
type ExpireReport struct {
	Requests    int `json:"requests"`
	Delegations int `json:"delegations"`
	Personas    int `json:"personas"`
	Skipped     int `json:"skipped"` // changed meanwhile, or handled by another runner
}

const expireActor = "system:expire"

// RunOnce expires one batch of due items.
func (x *Expirer) RunOnce(ctx context.Context) (ExpireReport, error) {
	var rep ExpireReport
	now := x.now()
	due, err := x.store.DueExpiries(ctx, now, x.Batch)
	if err != nil {
		return rep, err
	}
	for _, e := range due {
		var err error
		switch e.Kind {
		case store.ExpireRequest:
			err = x.request(ctx, e, now)
			if err == nil {
				rep.Requests++
			}
		case store.ExpireDelegation:
			err = x.delegation(ctx, e, now)
			if err == nil {
				rep.Delegations++
			}
		case store.ExpirePersona:
			err = x.persona(ctx, e, now)
			if err == nil {
				rep.Personas++
			}
		}
		switch {
		case err == nil:
		case errors.Is(err, apierr.KindConflict) || errors.Is(err, apierr.KindNotFound):
			rep.Skipped++
		default:
			return rep, err
		}
	}
	return rep, nil
}

func (x *Expirer) request(ctx context.Context, e store.Expiry, now time.Time) error {
	r, err := x.store.GetRequest(ctx, e.Tenant, e.ID)
	if err != nil {
		return err
	}
	after, err := r.Apply(domain.Expire, expireActor, now, "")
	if err != nil {
		return err
	}
	return x.store.Decide(ctx, store.Decision{Before: r, After: after,
		Audit: []domain.AuditRecord{domain.NewAudit(now, expireActor, "request.expired", requestTarget(r), r, after)},
		Mail: render(nil, mail.RequestExpired, r.Initiator.Email, mail.Data{To: r.Initiator.DisplayName, Title: r.Title,
			Persona: r.Persona.DisplayName})})
}

func (x *Expirer) delegation(ctx context.Context, e store.Expiry, now time.Time) error {
	d, _, err := x.store.GetUserDelegation(ctx, e.Tenant, e.UserID, e.ID)
	if err != nil {
		return err
	}
	if d.Revoked || now.Before(d.ValidUntil) {
		return apierr.Conflict("not due")
	}
	after := d
	after.Status = domain.DelegationExpired
	rec := domain.NewAudit(now, expireActor, "delegation.expired", domain.Target{Kind: "delegation", ID: d.ID, UserID: d.ToUser.ID}, d, after)
	return x.store.ExpireDelegation(ctx, d, rec, render(nil, mail.DelegationEnded, d.ToUser.Email, mail.Data{To: d.ToUser.DisplayName,
		From: d.FromUser.DisplayName, Persona: d.PersonaType, Outcome: "expired"})...)
}

func (x *Expirer) persona(ctx context.Context, e store.Expiry, now time.Time) error {
	p, err := x.store.GetPersona(ctx, e.Tenant, e.UserID, e.ID)
	if err != nil {
		return err
	}
	if p.Terminal() || p.ValidUntil == nil || now.Before(*p.ValidUntil) {
		return apierr.Conflict("not due")
	}
	after := p
	after.UpdatedAt, after.Preferred = now, false
	after.Status = domain.PersonaStatus{Value: domain.StatusExpired, ChangedAt: now, ChangedBy: expireActor}
	rec := domain.NewAudit(now, expireActor, "persona.expired", personaTarget(p), p, after)
	return x.store.UpdatePersona(ctx, p, after, rec)
}
