package portal

import (
	"context"
	"fmt"
	"html"
	"time"

	"github.com/personaportal/portal/internal/domain"
	"github.com/personaportal/portal/internal/mail"
	"github.com/personaportal/portal/internal/store"
)

// send hands a message to the mailer after the change that causes it has
// been committed. A failed send does not undo the change (the request
// stands, and My Work shows it); a durable outbox with retries replaces
// this direct send in the e-mail issue.
func (s *Service) send(ctx context.Context, m mail.Message) {
	if s.mailer == nil || len(m.To) == 0 || m.To[0] == "" {
		return
	}
	m.ID, m.SentAt = domain.NewID(), s.now()
	_ = s.mailer.Send(ctx, m)
}

func message(to, subject, text string) mail.Message {
	return mail.Message{To: []string{to}, Subject: subject, Text: text,
		HTML: "<p>" + html.EscapeString(text) + "</p>"}
}

func invitationMail(r domain.Request, link string, until time.Time) mail.Message {
	m := message(r.Subject.Email, "A persona is waiting for you: "+r.Persona.DisplayName, fmt.Sprintf(
		"%s prepared a persona for you: %s.\n\nOpen this link to accept or reject it (valid until %s):\n%s\n\n"+
			"You can also find it in My Work > Requests Approval.", r.Initiator.DisplayName, r.Title,
		until.Format(time.RFC1123), link))
	m.HTML = fmt.Sprintf(`<p>%s prepared a persona for you: %s.</p><p><a href="%s">Accept or reject it</a> (valid until %s).</p>`+
		`<p>You can also find it in My Work &gt; Requests Approval.</p>`, html.EscapeString(r.Initiator.DisplayName),
		html.EscapeString(r.Title), html.EscapeString(link), until.Format(time.RFC1123))
	return m
}

// decisionMails are the e-mails a decision causes.
func decisionMails(d store.Decision) []mail.Message {
	r := d.After
	switch {
	case d.Spawn != nil:
		return []mail.Message{message(d.Spawn.Assignee.Email, "Approve an activation: "+d.Spawn.Title,
			r.Subject.DisplayName+" accepted the persona you prepared. Approve its activation in My Work > Requests Approval: "+d.Spawn.Title)}
	case r.Status == domain.RequestCancelled:
		return []mail.Message{message(r.Assignee.Email, "Request withdrawn: "+r.Title, r.Initiator.DisplayName+" withdrew the request: "+r.Title)}
	case r.Kind == domain.KindAssignPersona && r.Status == domain.RequestRejected:
		return []mail.Message{message(r.Initiator.Email, "Persona declined: "+r.Title, r.Subject.DisplayName+" rejected the persona you prepared: "+r.Title+reasonText(r.Reason))}
	case r.Kind == domain.KindActivatePersona:
		what := map[string]string{domain.RequestAccepted: "is now active", domain.RequestRejected: "was not activated",
			domain.RequestFailed: "could not be activated"}[r.Status]
		return []mail.Message{message(r.Subject.Email, "Your persona "+what+": "+r.Persona.DisplayName,
			"Your persona "+what+": "+r.Title+reasonText(r.Reason)+reasonText(r.FailureReason))}
	}
	return nil
}

func reasonText(s *string) string {
	if s == nil || *s == "" {
		return ""
	}
	return "\nReason: " + *s
}
