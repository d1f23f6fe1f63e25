package portal

import (
	"context"
	"strings"
	"time"

	"github.com/personaportal/portal/internal/domain"
	"github.com/personaportal/portal/internal/mail"
	"github.com/personaportal/portal/internal/store"
)

// send renders a message and hands it to the mailer after the change that
// causes it has been committed. A failed send does not undo the change
// (the request stands, and My Work shows it); the durable outbox with
// retries replaces this direct send in the e-mail issue.
func (s *Service) send(ctx context.Context, kind, to string, d mail.Data) {
	if s.mailer == nil || to == "" {
		return
	}
	m, err := mail.Render(kind, to, d)
	if err != nil {
		return // templates are covered by golden tests; a failure here is a bug, never a reason to fail the change
	}
	m.ID, m.SentAt = domain.NewID(), s.now()
	_ = s.mailer.Send(ctx, m)
}

// portalLink is a page of the portal, or "" when the tenant has no
// portal_base_url (the e-mails then carry no link).
func portalLink(c Caller, page string) string {
	base := strings.TrimRight(c.Config.Settings.PortalBaseURL, "/")
	if base == "" {
		return ""
	}
	return base + page
}

func mailTime(t time.Time) string { return t.UTC().Format(time.RFC1123) }

func (s *Service) invitationMail(ctx context.Context, r domain.Request, link string, until time.Time) {
	s.send(ctx, mail.Invitation, r.Subject.Email, mail.Data{To: r.Subject.DisplayName, From: r.Initiator.DisplayName,
		Title: r.Title, Persona: r.Persona.DisplayName, Link: link, Until: mailTime(until)})
}

// decisionMails sends the e-mails a decision causes.
func (s *Service) decisionMails(ctx context.Context, c Caller, d store.Decision) {
	r := d.After
	reason := ""
	if r.Reason != nil {
		reason = *r.Reason
	}
	if r.FailureReason != nil {
		reason = *r.FailureReason
	}
	data := mail.Data{Title: r.Title, Persona: r.Persona.DisplayName, Reason: reason, Link: portalLink(c, "/my-work")}
	switch {
	case d.Spawn != nil:
		data.To, data.From, data.Title = d.Spawn.Assignee.DisplayName, r.Subject.DisplayName, d.Spawn.Title
		s.send(ctx, mail.ActivationWaiting, d.Spawn.Assignee.Email, data)
	case r.Status == domain.RequestCancelled:
		data.To, data.From = r.Assignee.DisplayName, r.Initiator.DisplayName
		s.send(ctx, mail.RequestWithdrawn, r.Assignee.Email, data)
	case r.Kind == domain.KindAssignPersona && r.Status == domain.RequestRejected:
		data.To, data.From = r.Initiator.DisplayName, r.Subject.DisplayName
		s.send(ctx, mail.AssignmentDeclined, r.Initiator.Email, data)
	case r.Kind == domain.KindActivatePersona:
		data.To = r.Subject.DisplayName
		data.Outcome = map[string]string{domain.RequestAccepted: "is now active", domain.RequestRejected: "was not activated",
			domain.RequestFailed: "could not be activated"}[r.Status]
		s.send(ctx, mail.ActivationDecided, r.Subject.Email, data)
	}
}

func (s *Service) loanMails(ctx context.Context, c Caller, d domain.PersonaDelegation, persona string) {
	data := mail.Data{Persona: persona, ValidFrom: mailTime(d.ValidFrom), Until: mailTime(d.ValidUntil)}
	received := data
	received.To, received.From, received.Link = d.ToUser.DisplayName, d.FromUser.DisplayName, portalLink(c, "/personas")
	s.send(ctx, mail.DelegationReceived, d.ToUser.Email, received)
	granted := data
	granted.To, granted.Recipient = d.FromUser.DisplayName, d.ToUser.DisplayName
	s.send(ctx, mail.DelegationGranted, d.FromUser.Email, granted)
}
