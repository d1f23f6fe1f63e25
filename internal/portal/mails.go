package portal

import (
	"strings"
	"time"

	"github.com/personaportal/portal/internal/domain"
	"github.com/personaportal/portal/internal/mail"
	"github.com/personaportal/portal/internal/store"
)

// render builds an e-mail to queue with the change that causes it (the
// store writes it to the outbox in the same transaction; the send-email
// job delivers it). A template failure is a bug covered by the golden
// tests, never a reason to refuse the change: such a message is left out.
func render(out []mail.Message, kind, to string, d mail.Data) []mail.Message {
	if to == "" {
		return out
	}
	m, err := mail.Render(kind, to, d)
	if err != nil {
		return out
	}
	m.ID = domain.NewID()
	return append(out, m)
}

// The web portal's pages the e-mails link to (web/src/App.tsx's routes;
// the local server's test checks it serves each of them).
const (
	PageMyWork   = "/my-work"
	PagePersonas = "/account/personas"
	PageMagic    = "/magic/" // + the token
)

// portalLink is a page of the portal: under the tenant's portal_base_url,
// else the service's portal URL; "" when neither is set (the e-mails then
// carry no link).
func portalLink(base, page string) string {
	base = strings.TrimRight(base, "/")
	if base == "" {
		return ""
	}
	return base + page
}

func mailTime(t time.Time) string { return t.UTC().Format(time.RFC1123) }

func invitationMail(r domain.Request, link string, until time.Time) []mail.Message {
	return render(nil, mail.Invitation, r.Subject.Email, mail.Data{To: r.Subject.DisplayName, From: r.Initiator.DisplayName,
		Title: r.Title, Persona: r.Persona.DisplayName, Link: link, Until: mailTime(until)})
}

// decisionMails are the e-mails a decision causes.
func decisionMails(base string, d store.Decision) []mail.Message {
	r := d.After
	reason := ""
	if r.Reason != nil {
		reason = *r.Reason
	}
	if r.FailureReason != nil {
		reason = *r.FailureReason
	}
	data := mail.Data{Title: r.Title, Persona: r.Persona.DisplayName, Reason: reason, Link: portalLink(base, PageMyWork)}
	switch {
	case d.Spawn != nil:
		data.To, data.From, data.Title = d.Spawn.Assignee.DisplayName, r.Subject.DisplayName, d.Spawn.Title
		return render(nil, mail.ActivationWaiting, d.Spawn.Assignee.Email, data)
	case r.Status == domain.RequestCancelled:
		data.To, data.From = r.Assignee.DisplayName, r.Initiator.DisplayName
		return render(nil, mail.RequestWithdrawn, r.Assignee.Email, data)
	case r.Kind == domain.KindAssignPersona && r.Status == domain.RequestRejected:
		data.To, data.From = r.Initiator.DisplayName, r.Subject.DisplayName
		return render(nil, mail.AssignmentDeclined, r.Initiator.Email, data)
	case r.Kind == domain.KindActivatePersona:
		data.To = r.Subject.DisplayName
		data.Outcome = map[string]string{domain.RequestAccepted: "is now active", domain.RequestRejected: "was not activated",
			domain.RequestFailed: "could not be activated"}[r.Status]
		return render(nil, mail.ActivationDecided, r.Subject.Email, data)
	}
	return nil
}

func loanMails(base string, d domain.PersonaDelegation, persona string) []mail.Message {
	data := mail.Data{Persona: persona, ValidFrom: mailTime(d.ValidFrom), Until: mailTime(d.ValidUntil)}
	received := data
	received.To, received.From, received.Link = d.ToUser.DisplayName, d.FromUser.DisplayName, portalLink(base, PagePersonas)
	out := render(nil, mail.DelegationReceived, d.ToUser.Email, received)
	granted := data
	granted.To, granted.Recipient = d.FromUser.DisplayName, d.ToUser.DisplayName
	return render(out, mail.DelegationGranted, d.FromUser.Email, granted)
}
