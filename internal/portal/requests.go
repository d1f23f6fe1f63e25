package portal

import (
	"context"
	"errors"
	"slices"
	"time"

	"github.com/personaportal/portal/internal/apierr"
	"github.com/personaportal/portal/internal/domain"
	"github.com/personaportal/portal/internal/mail"
	"github.com/personaportal/portal/internal/store"
)

// Invitation is "prepare a persona": what a delegated admin offers a user.
type Invitation struct {
	Type       string
	Scope      []string
	UserEmail  string
	Email      string
	ValidFrom  *time.Time
	ValidUntil *time.Time
	Attributes map[string]any
	SendEmail  bool
}

// Invite creates the assign_persona request for an existing user and its
// magic link. The link is returned once and stored only as a hash.
func (s *Service) Invite(ctx context.Context, c Caller, in Invitation) (Sent, error) {
	f := apierr.FieldErrors{}
	if !domain.ValidSlug(in.Type) {
		f.Add("type", "must be a persona type")
	}
	scope := checkScopeSet(f, in.Scope)
	userEmail := domain.NormalizeEmail(in.UserEmail)
	domain.CheckEmail(f, "user_email", userEmail)
	email := domain.NormalizeEmail(in.Email)
	if email != "" {
		domain.CheckEmail(f, "email", email)
	}
	from := s.now()
	if in.ValidFrom != nil {
		from = *in.ValidFrom
	}
	domain.CheckValidity(f, from, in.ValidUntil)
	domain.CheckAttributes(f, "attributes", in.Attributes)
	if err := f.Err(); err != nil {
		return Sent{}, err
	}
	me, gs, err := s.callerGrants(ctx, c)
	if err != nil {
		return Sent{}, err
	}
	if len(gs) == 0 {
		return Sent{}, errNotDelegatedAdmin
	}
	def, ok := c.Config.Definitions[in.Type]
	if !ok {
		return Sent{}, apierr.InvalidField("type", "no persona definition of this type exists")
	}
	if !Covers(gs, in.Type, scope) {
		return Sent{}, errOutsideScope
	}
	user, found, err := s.store.ProfileByEmail(ctx, c.Tenant, userEmail)
	if err != nil {
		return Sent{}, err
	}
	if !found || user.Status != domain.ProfileActive {
		return Sent{}, apierr.InvalidField("user_email", "no active user with this e-mail exists in the tenant")
	}
	if user.ID == c.UserID {
		return Sent{}, apierr.InvalidField("user_email", "you cannot prepare a persona for yourself")
	}
	now := s.now()
	st := c.Config.Settings
	r := domain.Request{Tenant: c.Tenant, ID: domain.NewID(), Kind: domain.KindAssignPersona,
		Title:     domain.RequestTitle(domain.KindAssignPersona, def.DisplayName, scope, user.Name()),
		Status:    domain.RequestPending,
		Initiator: me.Summary(), Assignee: user.Summary(), Subject: user.Summary(),
		Persona: domain.RequestPersona{Type: in.Type, DisplayName: def.DisplayName, Scope: scope, ValidFrom: in.ValidFrom,
			ValidUntil: in.ValidUntil, Email: email, Attributes: nonNil(in.Attributes)},
		CreatedAt: now, ExpiresAt: now.Add(time.Duration(st.RequestTTLHours) * time.Hour)}
	token, hash := newMagicToken(r.ID)
	magicUntil := now.Add(time.Duration(st.MagicLinkTTLHours) * time.Hour)
	if magicUntil.After(r.ExpiresAt) {
		magicUntil = r.ExpiresAt
	}
	r.MagicHash, r.MagicExpiresAt = hash, &magicUntil
	rec := domain.NewAudit(now, c.Actor(), "request.created", requestTarget(r), nil, r)
	link := magicURL(s.portalBase(c), token)
	var mails []mail.Message
	if in.SendEmail {
		mails = invitationMail(r, link, magicUntil)
	}
	if len(mails) > 0 {
		r.MailID = mails[0].ID
	}
	if err := s.store.CreateRequest(ctx, r, rec, mails...); err != nil {
		return Sent{}, err
	}
	r.Version = 1
	return Sent{Request: r, Link: link, EmailSent: len(mails) > 0, LinkUntil: magicUntil}, nil
}

// MyRequest returns a request the caller is a party to; anyone else gets
// not_found.
func (s *Service) MyRequest(ctx context.Context, c Caller, id string) (domain.Request, error) {
	if !domain.ValidID(id) {
		return domain.Request{}, apierr.NotFound("request")
	}
	r, err := s.store.GetRequest(ctx, c.Tenant, id)
	if err != nil {
		return domain.Request{}, err
	}
	if !r.Involves(c.UserID) {
		return domain.Request{}, apierr.NotFound("request")
	}
	return r, nil
}

// Decide accepts or rejects a request assigned to the caller.
func (s *Service) Decide(ctx context.Context, c Caller, id string, t domain.Transition, reason string) (domain.Request, error) {
	r, err := s.MyRequest(ctx, c, id)
	if err != nil {
		return domain.Request{}, err
	}
	return s.decide(ctx, c, r, t, reason)
}

// CancelRequest cancels a pending request the caller initiated; it stays
// in everyone's history.
func (s *Service) CancelRequest(ctx context.Context, c Caller, id string) (domain.Request, error) {
	r, err := s.MyRequest(ctx, c, id)
	if err != nil {
		return domain.Request{}, err
	}
	if r.Initiator.ID != c.UserID {
		return domain.Request{}, apierr.Forbidden("only the initiator may cancel a request")
	}
	after, err := r.Apply(domain.Cancel, c.Actor(), s.now(), "")
	if err != nil {
		return domain.Request{}, err
	}
	return s.commitDecision(ctx, c, store.Decision{Before: r, After: after})
}

var errNotAssignee = apierr.Forbidden("only the request's assignee may accept or reject it")

func (s *Service) decide(ctx context.Context, c Caller, r domain.Request, t domain.Transition, reason string) (domain.Request, error) {
	if r.Assignee.ID != c.UserID {
		return domain.Request{}, errNotAssignee
	}
	f := apierr.FieldErrors{}
	domain.CheckMultilineText(f, "reason", reason, domain.MaxReasonLen)
	if err := f.Err(); err != nil {
		return domain.Request{}, err
	}
	now := s.now()
	after, err := r.Apply(t, c.Actor(), now, reason)
	if err != nil {
		return domain.Request{}, err
	}
	if t == domain.Reject {
		return s.commitDecision(ctx, c, store.Decision{Before: r, After: after})
	}
	switch r.Kind {
	case domain.KindAssignPersona:
		return s.acceptAssignment(ctx, c, r, after, now)
	case domain.KindActivatePersona:
		return s.acceptActivation(ctx, c, r, after, now)
	}
	return domain.Request{}, apierr.Internal(errors.New("unknown request kind " + r.Kind))
}

// acceptAssignment: the user accepted; the admin who prepared the persona
// now has an activate_persona request to approve, created in the same write.
func (s *Service) acceptAssignment(ctx context.Context, c Caller, r, after domain.Request, now time.Time) (domain.Request, error) {
	next := domain.Request{Tenant: r.Tenant, ID: domain.NewID(), Kind: domain.KindActivatePersona,
		Title:     domain.RequestTitle(domain.KindActivatePersona, r.Persona.DisplayName, r.Persona.Scope, r.Subject.DisplayName),
		Status:    domain.RequestPending,
		Initiator: r.Subject, Assignee: r.Initiator, Subject: r.Subject, Persona: r.Persona, CreatedAt: now,
		ExpiresAt: now.Add(time.Duration(c.Config.Settings.RequestTTLHours) * time.Hour)}
	prevID, nextID := r.ID, next.ID
	after.RelatedRequestID, next.RelatedRequestID = &nextID, &prevID
	return s.commitDecision(ctx, c, store.Decision{Before: r, After: after, Spawn: &next})
}

// acceptActivation: the admin approved. Authorisation is checked again
// now: if the admin no longer covers the persona, the definition is gone
// or the user already holds it, the request fails and nothing else changes.
func (s *Service) acceptActivation(ctx context.Context, c Caller, r, after domain.Request, now time.Time) (domain.Request, error) {
	fail := func(why string) (domain.Request, error) {
		failed, err := r.Apply(domain.Fail, c.Actor(), now, why)
		if err != nil {
			return domain.Request{}, err
		}
		return s.commitDecision(ctx, c, store.Decision{Before: r, After: failed})
	}
	_, gs, err := s.callerGrants(ctx, c)
	if err != nil {
		return domain.Request{}, err
	}
	if _, ok := c.Config.Definitions[r.Persona.Type]; !ok {
		return fail("the persona definition " + r.Persona.Type + " no longer exists")
	}
	if !Covers(gs, r.Persona.Type, r.Persona.Scope) {
		return fail("the approver no longer holds an active admin persona that covers this persona type and scope")
	}
	p := domain.Persona{Tenant: r.Tenant, ID: domain.NewID(), UserID: r.Subject.ID, Type: r.Persona.Type,
		Scope: r.Persona.Scope, Email: r.Persona.Email, ValidFrom: now, ValidUntil: r.Persona.ValidUntil,
		Attributes: nonNil(r.Persona.Attributes), CreatedAt: now, UpdatedAt: now,
		Status: domain.PersonaStatus{Value: domain.StatusAccepted, ChangedAt: now, ChangedBy: c.Actor()}}
	if r.Persona.ValidFrom != nil {
		p.ValidFrom = *r.Persona.ValidFrom
	}
	if p.Email == "" {
		p.Email = r.Subject.Email
	}
	p.Derive(c.Config.Definitions, now)
	out, err := s.commitDecision(ctx, c, store.Decision{Before: r, After: after, Persona: &p,
		Audit: []domain.AuditRecord{domain.NewAudit(now, c.Actor(), "persona.added", personaTarget(p), nil, p)}})
	switch {
	case errors.Is(err, store.ErrDuplicatePersona):
		return fail("the user already holds a persona of this type and scope")
	case errors.Is(err, store.ErrScopeOrDefinition):
		return fail("the persona definition no longer exists or no longer offers this scope")
	case errors.Is(err, store.ErrTooManyLive):
		return fail("the user already holds the maximum number of personas")
	}
	return out, err
}

// commitDecision writes a decision with its audit records and the e-mails
// it causes, in one transaction.
func (s *Service) commitDecision(ctx context.Context, c Caller, d store.Decision) (domain.Request, error) {
	d.Audit = append([]domain.AuditRecord{domain.NewAudit(s.now(), c.Actor(), "request."+d.After.Status,
		requestTarget(d.Before), d.Before, d.After)}, d.Audit...)
	if d.Spawn != nil {
		d.Audit = append(d.Audit, domain.NewAudit(s.now(), c.Actor(), "request.created", requestTarget(*d.Spawn), nil, *d.Spawn))
	}
	d.Mail = decisionMails(s.portalBase(c), d)
	if err := s.store.Decide(ctx, d); err != nil {
		return domain.Request{}, err
	}
	after := d.After
	after.Version = d.Before.Version + 1
	return after, nil
}

// WorkList is one of the My Work lists.
type WorkList string

// The My Work lists.
const (
	Approvals WorkList = store.ListApprovals
	FollowUp  WorkList = store.ListFollowUp
	History   WorkList = store.ListHistory
)

// Work lists one page of a My Work list. History covers requests created
// in the tenant's last history_days.
func (s *Service) Work(ctx context.Context, c Caller, list WorkList, q, status string, page store.Page) (Page[domain.Request], error) {
	f := store.WorkFilter{Q: q}
	if list == History {
		if status != "" && (status == domain.RequestPending || !slices.Contains(domain.RequestStatuses, status)) {
			return Page[domain.Request]{}, apierr.InvalidField("status", "must be accepted, rejected, failed, cancelled or expired")
		}
		f.Status = status
		f.Since = s.now().Add(-time.Duration(c.Config.Settings.HistoryDays) * 24 * time.Hour)
	}
	fe := apierr.FieldErrors{}
	if domain.CheckSearch(fe, "q", q); len(fe) > 0 {
		return Page[domain.Request]{}, fe.Err()
	}
	rs, next, err := s.store.WorkList(ctx, c.Tenant, c.UserID, string(list), f, page)
	return Page[domain.Request]{Items: rs, Next: next}, err
}

func requestTarget(r domain.Request) domain.Target {
	return domain.Target{Kind: "request", ID: r.ID, UserID: r.Subject.ID}
}
