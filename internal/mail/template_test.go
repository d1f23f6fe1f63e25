package mail

import (
	"bytes"
	htmltemplate "html/template"
	"strings"
	"testing"
	texttemplate "text/template"
)

// hostile are values a user could type into a name, a title or a reason,
// and links a broken configuration could produce.
var hostile = []string{"", "plain", `<script>alert("x")</script>`, `"><img src=x onerror=alert(1)>`,
	"a & b + 'c'", "nul\x00byte", "é ü 😀", "javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,x",
	"https://portal.test/magic/Ab-_x?q=1&r=a b#frag", "mailto:a@b.test", "/relative/path?x=<y>", "http://h/%41%zz\"'", "https://h/%\x10\x10%4"}

// The renderer's output is what Go's own template packages would produce
// from the same files, for every kind and on hostile values, so dropping
// them changed no e-mail.
func TestTheRendererMatchesGosTemplatePackages(t *testing.T) {
	text := texttemplate.Must(texttemplate.New("mail").Option("missingkey=error").ParseFS(templateFS, "templates/*.subject.gotmpl", "templates/*.text.gotmpl"))
	html := htmltemplate.Must(htmltemplate.New("mail").Option("missingkey=error").ParseFS(templateFS, "templates/*.html.gotmpl"))
	for i, v := range hostile {
		d := sample
		switch i % 3 {
		case 0:
			d.To, d.Reason, d.Link = v, v, v
		case 1:
			d.From, d.Title, d.Link, d.Outcome = v, v, v, v
		default:
			d.Persona, d.Recipient, d.Link, d.Until, d.ValidFrom = v, v, v, v, v
		}
		for _, kind := range Kinds {
			m, err := Render(kind, "x@y.test", d)
			if err != nil {
				t.Fatal(err)
			}
			var subject, body, page bytes.Buffer
			if err := text.ExecuteTemplate(&subject, kind+".subject.gotmpl", d); err != nil {
				t.Fatal(err)
			}
			if err := text.ExecuteTemplate(&body, kind+".text.gotmpl", d); err != nil {
				t.Fatal(err)
			}
			if err := html.ExecuteTemplate(&page, kind+".html.gotmpl", d); err != nil {
				t.Fatal(err)
			}
			if m.Subject != strings.TrimSpace(subject.String()) || m.Text != body.String() {
				t.Errorf("%s with %q: text differs from text/template:\n%q\n%q", kind, v, m.Text, body.String())
			}
			if m.HTML != page.String() {
				t.Errorf("%s with %q: HTML differs from html/template:\n%s\n%s", kind, v, m.HTML, page.String())
			}
		}
	}
}

// A template outside the supported syntax or HTML contexts fails to
// parse rather than rendering something unescaped.
func TestTheParserRefusesWhatItCannotEscape(t *testing.T) {
	for _, src := range []string{
		"{{.Nope}}", "{{range .To}}x{{end}}", "{{if .To}}open", "{{end}}", "{{.To", "{{printf .To}}",
		`<a title="{{.To}}">`, `<a href="https://x/{{.Link}}">`, `<a {{.To}}>`, `<script>{{.To}}</script>`,
		`<!-- {{.To}} -->`, `<a href='{{.Link}}'>`, `{{if .To}}<a href="{{end}}`, `<p`,
	} {
		if _, err := parse(src, true); err == nil {
			t.Errorf("%q parsed", src)
		}
	}
	for _, src := range []string{`<p>{{.To}}</p>`, `<a href="{{.Link}}">x</a>`, `{{if .Link}}<a href="{{.Link}}">x</a>{{end}}`} {
		if _, err := parse(src, true); err != nil {
			t.Errorf("%q: %v", src, err)
		}
	}
}

// Render parses nothing at cold start: the package's init leaves the
// templates unparsed until the first e-mail.
func BenchmarkRender(b *testing.B) {
	for b.Loop() {
		if _, err := Render(Invitation, "carol@globex.test", sample); err != nil {
			b.Fatal(err)
		}
	}
}
