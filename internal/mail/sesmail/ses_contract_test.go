package sesmail

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/sesv2/types"
	"github.com/personaportal/portal/internal/awsconfig"
	"github.com/personaportal/portal/internal/mail"
	"github.com/personaportal/portal/internal/nodetools"
)

// The SES v2 contract test sends every template through the real SES v2
// client to aws-ses-v2-local, an SES v2 API emulator from npm (pinned
// below), and reads the messages back from its store. The test installs
// the emulator itself (into .tools/, once) and stops it afterwards.

const sesEmulator = "aws-ses-v2-local@2.10.2"

// startSESEmulator installs (when missing) and starts the emulator on a
// free loopback port; it returns its URL.
func startSESEmulator(t *testing.T) string {
	t.Helper()
	rel := filepath.Join("node_modules", "aws-ses-v2-local", "dist", "cli.js")
	cli := filepath.Join(nodetools.Install(t, "ses", sesEmulator, rel), rel)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	_ = ln.Close()
	cmd := exec.Command("node", cli, "--host", "127.0.0.1", "--port", fmt.Sprint(port))
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	url := fmt.Sprintf("http://127.0.0.1:%d", port)
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if res, err := http.Get(url + "/store"); err == nil {
			res.Body.Close()
			return url
		}
	}
	t.Fatal("the SES emulator did not start")
	return ""
}

type storedEmail struct {
	From        string   `json:"from"`
	ReplyTo     []string `json:"replyTo"`
	Destination struct {
		To []string `json:"to"`
	} `json:"destination"`
	Subject string `json:"subject"`
	Body    struct {
		HTML string `json:"html"`
		Text string `json:"text"`
	} `json:"body"`
}

func TestEveryTemplateGoesThroughTheSESv2API(t *testing.T) {
	url := startSESEmulator(t)
	ctx := context.Background()
	cfg := mail.SESConfig{From: "Persona Portal <no-reply@portal.test>", ReplyTo: "help@portal.test", Endpoint: url}
	awsCfg, err := awsconfig.Load("", url, os.Getenv)
	if err != nil {
		t.Fatal(err)
	}
	ses := NewFrom(awsCfg, cfg)
	sample := mail.Data{To: "Carol White", From: "Bob Green", Recipient: "Alice Purple", Title: "Assign a persona: Customer",
		Persona: "Customer", Link: "https://portal.example.com/magic/AaIF-token", ValidFrom: "Mon, 23 Nov 2026 10:00:00 UTC",
		Until: "Mon, 30 Nov 2026 10:00:00 UTC", Outcome: "is now active", Reason: "not my company"}
	sent := map[string]mail.Message{}
	for _, kind := range mail.Kinds {
		m, err := mail.Render(kind, "carol@globex.test", sample)
		if err != nil {
			t.Fatal(err)
		}
		if err := ses.Send(ctx, m); err != nil {
			t.Fatalf("%s: %v", kind, err)
		}
		sent[m.Subject] = m
	}
	res, err := http.Get(url + "/store")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var store struct{ Emails []storedEmail }
	if err := json.NewDecoder(res.Body).Decode(&store); err != nil {
		t.Fatal(err)
	}
	if len(store.Emails) != len(mail.Kinds) {
		t.Fatalf("the emulator holds %d e-mails, %d were sent", len(store.Emails), len(mail.Kinds))
	}
	for _, e := range store.Emails {
		m, ok := sent[e.Subject]
		switch {
		case !ok:
			t.Errorf("unexpected subject %q", e.Subject)
		case e.Body.Text != m.Text || e.Body.HTML != m.HTML:
			t.Errorf("%q: the body changed on the way", e.Subject)
		case e.From != "Persona Portal <no-reply@portal.test>" || len(e.ReplyTo) != 1 || e.ReplyTo[0] != "help@portal.test" ||
			len(e.Destination.To) != 1 || e.Destination.To[0] != "carol@globex.test":
			t.Errorf("%q: envelope %+v", e.Subject, e)
		}
	}
}

// SES's refusals that retrying cannot fix come back permanent (the outbox
// then stops retrying); throttling and other failures stay transient.
func TestPermanentRefusalsAreMarked(t *testing.T) {
	for _, err := range []error{&types.MessageRejected{}, &types.MailFromDomainNotVerifiedException{}, &types.BadRequestException{},
		&types.NotFoundException{}, &types.AccountSuspendedException{}} {
		if !permanent(fmt.Errorf("send: %w", err)) {
			t.Errorf("%T is not permanent", err)
		}
	}
	for _, err := range []error{&types.TooManyRequestsException{}, &types.LimitExceededException{}, fmt.Errorf("dial: refused")} {
		if permanent(err) {
			t.Errorf("%v is permanent", err)
		}
	}
}
