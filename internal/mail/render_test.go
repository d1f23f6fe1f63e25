package mail

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files")

var sample = Data{To: "Carol White", From: "Bob Green", Recipient: "Alice Purple",
	Title: "Assign a persona: Customer (company:globex) to Carol White", Persona: "Customer",
	Link: "https://portal.example.com/magic/AaIF-token", ValidFrom: "Mon, 23 Nov 2026 10:00:00 UTC",
	Until: "Mon, 30 Nov 2026 10:00:00 UTC", Outcome: "is now active", Reason: "not my company"}

// Every kind renders, and matches its golden file (go test -update to
// rewrite them after a deliberate change; review the diff).
func TestEveryKindMatchesItsGoldenFile(t *testing.T) {
	for _, kind := range Kinds {
		m, err := Render(kind, "carol@globex.test", sample)
		if err != nil {
			t.Fatal(err)
		}
		got := "To: " + strings.Join(m.To, ", ") + "\nSubject: " + m.Subject + "\n\n--- text ---\n" + m.Text + "\n--- html ---\n" + m.HTML
		path := filepath.Join("testdata", kind+".golden")
		if *update {
			if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%s: %v (run go test ./internal/mail -update)", kind, err)
		}
		if got != string(want) {
			t.Errorf("%s differs from its golden file:\n%s", kind, got)
		}
	}
}

func TestTheHTMLEscapesWhatUsersTyped(t *testing.T) {
	d := sample
	d.From, d.Reason = `<script>alert("x")</script>`, `"><img src=x onerror=alert(1)>`
	for _, kind := range []string{Invitation, AssignmentDeclined} {
		m, err := Render(kind, "a@b.test", d)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(m.HTML, "<script>") || strings.Contains(m.HTML, "<img") {
			t.Errorf("%s: unescaped HTML: %s", kind, m.HTML)
		}
	}
}

func TestWithoutAPortalURLThereIsNoDanglingLink(t *testing.T) {
	d := sample
	d.Link = ""
	m, err := Render(ActivationWaiting, "bob@acme.test", d)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(m.HTML, "href") || strings.Contains(m.Text, "Open My Work") {
		t.Errorf("%s\n%s", m.Text, m.HTML)
	}
}
