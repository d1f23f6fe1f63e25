package mail

import (
	"embed"
	"fmt"
	"strings"
	"sync"
)

// The portal's e-mails are templates in files: for each kind NAME,
// templates/NAME.subject.gotmpl, NAME.text.gotmpl and NAME.html.gotmpl,
// written in the part of Go's template syntax they need ({{.Field}} and
// {{if .Field}}…{{end}}, see template.go). They are not executed by
// text/template or html/template: executing those links
// reflect.Value.MethodByName, after which the linker keeps every exported
// method of every type in the binary (all the AWS clients' operations),
// about 7 MB in each of the many functions that queue an e-mail. Values in
// the HTML are escaped as html/template escapes them (a test compares the
// two on hostile input); each kind has a golden-file test.

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

// field is the value of one of Data's fields by name: the templates' only
// way into Data, so no reflection is needed.
func (d Data) field(name string) (string, bool) {
	switch name {
	case "To":
		return d.To, true
	case "From":
		return d.From, true
	case "Recipient":
		return d.Recipient, true
	case "Title":
		return d.Title, true
	case "Persona":
		return d.Persona, true
	case "Link":
		return d.Link, true
	case "ValidFrom":
		return d.ValidFrom, true
	case "Until":
		return d.Until, true
	case "Outcome":
		return d.Outcome, true
	case "Reason":
		return d.Reason, true
	}
	return "", false
}

// templates parses every template file once, on the first e-mail rather
// than at cold start (most requests send none).
var templates = sync.OnceValues(func() (map[string]*template, error) {
	entries, err := templateFS.ReadDir("templates")
	if err != nil {
		return nil, err
	}
	out := make(map[string]*template, len(entries))
	for _, e := range entries {
		src, err := templateFS.ReadFile("templates/" + e.Name())
		if err != nil {
			return nil, err
		}
		t, err := parse(string(src), strings.HasSuffix(e.Name(), ".html.gotmpl"))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", e.Name(), err)
		}
		out[e.Name()] = t
	}
	return out, nil
})

// Render builds the message of a kind for one recipient address.
func Render(kind, to string, data Data) (Message, error) {
	all, err := templates()
	if err != nil {
		return Message{}, err
	}
	var parts [3]string
	for i, part := range []string{"subject", "text", "html"} {
		t, ok := all[kind+"."+part+".gotmpl"]
		if !ok {
			return Message{}, fmt.Errorf("mail %s: no %s template", kind, part)
		}
		parts[i] = t.execute(data)
	}
	return Message{To: []string{to}, Subject: strings.TrimSpace(parts[0]), Text: parts[1], HTML: parts[2]}, nil
}
