package mail

import (
	"bytes"
	"embed"
	"fmt"
	htmltemplate "html/template"
	"strings"
	texttemplate "text/template"
)

// The portal's e-mails are Go templates in files: for each kind NAME,
// templates/NAME.subject.gotmpl, NAME.text.gotmpl and NAME.html.gotmpl. The
// HTML one is an html/template, so every value is escaped; each kind has a
// golden-file test.

//go:embed templates/*.gotmpl
var templateFS embed.FS

// Kinds of e-mail.
const (
	Invitation         = "invitation"          // the magic link of a prepared persona, to the user
	ActivationWaiting  = "activation-waiting"  // "Activate a persona" waits for the admin
	ActivationDecided  = "activation-decided"  // the outcome, to the user
	AssignmentDeclined = "assignment-declined" // the user rejected a prepared persona, to the admin
	RequestWithdrawn   = "request-withdrawn"   // the initiator cancelled, to the assignee
	RequestExpired     = "request-expired"     // a request expired, to the initiator
	DelegationReceived = "delegation-received" // a persona was lent to the recipient
	DelegationGranted  = "delegation-granted"  // the copy to the owner
	DelegationEnded    = "delegation-ended"    // revoked or expired, to the recipient
)

// Kinds lists every kind (each must have its three templates).
var Kinds = []string{Invitation, ActivationWaiting, ActivationDecided, AssignmentDeclined, RequestWithdrawn,
	RequestExpired, DelegationReceived, DelegationGranted, DelegationEnded}

var (
	textTemplates = texttemplate.Must(texttemplate.New("mail").Option("missingkey=error").ParseFS(templateFS, "templates/*.subject.gotmpl", "templates/*.text.gotmpl"))
	htmlTemplates = htmltemplate.Must(htmltemplate.New("mail").Option("missingkey=error").ParseFS(templateFS, "templates/*.html.gotmpl"))
)

// Data is what the templates show; each kind uses some of it.
type Data struct {
	To        string // the recipient's name
	From      string // who caused the e-mail
	Recipient string // the other party (delegation copy)
	Title     string // the request's title
	Persona   string // the persona type's display name
	Link      string // the magic link, or a page of the portal ("" when the tenant has no portal_base_url)
	ValidFrom string
	Until     string
	Outcome   string // "is now active", "was revoked", ...
	Reason    string
}

// Render builds the message of a kind for one recipient address.
func Render(kind, to string, data Data) (Message, error) {
	var subject, text, html bytes.Buffer
	if err := textTemplates.ExecuteTemplate(&subject, kind+".subject.gotmpl", data); err != nil {
		return Message{}, fmt.Errorf("mail %s subject: %w", kind, err)
	}
	if err := textTemplates.ExecuteTemplate(&text, kind+".text.gotmpl", data); err != nil {
		return Message{}, fmt.Errorf("mail %s text: %w", kind, err)
	}
	if err := htmlTemplates.ExecuteTemplate(&html, kind+".html.gotmpl", data); err != nil {
		return Message{}, fmt.Errorf("mail %s html: %w", kind, err)
	}
	return Message{To: []string{to}, Subject: strings.TrimSpace(subject.String()), Text: text.String(), HTML: html.String()}, nil
}
