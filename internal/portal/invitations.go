package portal

import (
	"context"
	"slices"
	"time"

	"github.com/personaportal/portal/internal/apierr"
	"github.com/personaportal/portal/internal/domain"
	"github.com/personaportal/portal/internal/mail"
	"github.com/personaportal/portal/internal/store"
)

// Invitations lists one page of the invitations the caller prepared,
// newest first, each with its state at now, when its link expires and
// how its e-mail fared; state (optional) keeps those in one state. Anyone
// may list their own: an admin who lost their rights still sees, and may
// withdraw, what they prepared.
func (s *Service) Invitations(ctx context.Context, c Caller, state string, page store.Page) (Page[domain.PreparedInvitation], error) {
	if state != "" && !slices.Contains(domain.InvitationStates, state) {
		return Page[domain.PreparedInvitation]{}, apierr.InvalidField("state", "must be one of waiting_for_user, waiting_for_activation, "+
			"done, rejected, expired, withdrawn, failed")
	}
	now := s.now()
	rows, next, err := s.store.Invitations(ctx, c.Tenant, c.UserID, state, now, page)
	if err != nil {
		return Page[domain.PreparedInvitation]{}, err
	}
	var mailIDs []string
	for _, row := range rows {
		if id := row.Request.MailID; id != "" && !slices.Contains(mailIDs, id) {
			mailIDs = append(mailIDs, id)
		}
	}
	statuses := map[string]string{}
	if len(mailIDs) > 0 {
		if statuses, err = s.store.MailStatuses(ctx, c.Tenant, mailIDs); err != nil {
			return Page[domain.PreparedInvitation]{}, err
		}
	}
	out := make([]domain.PreparedInvitation, len(rows))
	for i, row := range rows {
		inv := domain.PreparedInvitation{Request: row.Request, State: domain.InvitationState(row.Step, row.Due, now),
			LinkExpiresAt: row.Request.MagicExpiresAt}
		if st, ok := statuses[row.Request.MailID]; ok {
			inv.EmailStatus = &st
		}
		out[i] = inv
	}
	return Page[domain.PreparedInvitation]{Items: out, Next: next}, nil
}

// Sent is an invitation as just sent: the request, its magic link (shown
// once, stored only as a hash), whether an e-mail carries it, and until
// when the link works.
type Sent struct {
	Request   domain.Request
	Link      string
	EmailSent bool
	LinkUntil time.Time
}

var errInvitationNotFound = apierr.NotFound("invitation")

// ResendInvitation sends a pending invitation the caller prepared again:
// a new magic link (the old one answers "no longer valid" at once), the
// request's expiry renewed, and, with sendEmail, a new e-mail. The caller
// must still be allowed to assign its type and scope. Anyone but its
// initiator gets not_found.
func (s *Service) ResendInvitation(ctx context.Context, c Caller, id string, sendEmail bool) (Sent, error) {
	if !domain.ValidID(id) {
		return Sent{}, errInvitationNotFound
	}
	gs, err := s.delegatedGrants(ctx, c)
	if err != nil {
		return Sent{}, err
	}
	r, err := s.store.GetRequest(ctx, c.Tenant, id)
	if err != nil {
		return Sent{}, err
	}
	if r.Kind != domain.KindAssignPersona || r.Initiator.ID != c.UserID {
		return Sent{}, errInvitationNotFound
	}
	now := s.now()
	st := c.Config.Settings
	token, hash := newMagicToken(r.ID)
	after, err := r.Resend(now, now.Add(time.Duration(st.RequestTTLHours)*time.Hour),
		now.Add(time.Duration(st.MagicLinkTTLHours)*time.Hour), hash, "")
	if err != nil {
		return Sent{}, err
	}
	if _, ok := c.Config.Definitions[r.Persona.Type]; !ok {
		return Sent{}, apierr.Conflict("the persona definition " + r.Persona.Type + " no longer exists: withdraw this invitation")
	}
	if !Covers(gs, r.Persona.Type, r.Persona.Scope) {
		return Sent{}, errOutsideScope
	}
	link := magicURL(s.portalBase(c), token)
	var mails []mail.Message
	if sendEmail {
		mails = invitationMail(after, link, *after.MagicExpiresAt)
	}
	if len(mails) > 0 {
		after.MailID = mails[0].ID
	}
	rec := domain.NewAudit(now, c.Actor(), "request.resent", requestTarget(r), r, after)
	if err := s.store.ResendRequest(ctx, r, after, rec, mails...); err != nil {
		return Sent{}, err
	}
	after.Version = r.Version + 1
	return Sent{Request: after, Link: link, EmailSent: len(mails) > 0, LinkUntil: *after.MagicExpiresAt}, nil
}
