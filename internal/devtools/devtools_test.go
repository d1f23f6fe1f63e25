package devtools_test

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/personaportal/portal/internal/apitest"
	"github.com/personaportal/portal/internal/devtools"
	"github.com/personaportal/portal/internal/mail"
	"github.com/personaportal/portal/internal/nodetools"
)

func TestDevLoginIssuesATokenTheAPIAccepts(t *testing.T) {
	h := apitest.NewDemo(t)
	r := h.Must(200, "", "POST", "/dev/login", map[string]any{"email": "alice@acme.test", "tenant": "demo"})
	if r.Str("token_type") != "Bearer" || r.JSON()["expires_in"] != 3600.0 {
		t.Fatalf("%s", r.Raw)
	}
	if me := h.Must(200, r.Str("access_token"), "GET", "/me", nil); me.Str("email") != "alice@acme.test" {
		t.Fatalf("%s", me.Raw)
	}
	old := h.Must(200, "", "POST", "/dev/login", map[string]any{"email": "bob@acme.test", "tenant": "demo", "auth_age_seconds": 3600}).Str("access_token")
	persona := h.Must(200, old, "GET", "/me/personas", nil).Items()[0]["id"]
	h.Must(401, old, "PUT", "/me/active-persona", map[string]any{"persona_id": persona})
}

func TestDevLoginValidatesItsInput(t *testing.T) {
	h := apitest.New(t)
	for _, body := range []any{map[string]any{"email": "nope", "tenant": "demo"}, map[string]any{"email": "a@b.test"},
		map[string]any{"email": "a@b.test", "tenant": "demo", "extra": 1}, "{", map[string]any{"email": "a@b.test", "tenant": "demo", "auth_age_seconds": -1},
		map[string]any{"email": "a@b.test", "tenant": "../../x"}, map[string]any{"email": "a@b.test", "tenant": "demo demo"},
		map[string]any{"email": "a\u202e@b.test", "tenant": "demo"}, map[string]any{"email": "@", "tenant": "demo"}} {
		if r := h.Do("", "POST", "/dev/login", body); r.Status != 400 || r.Code() != "invalid_request" {
			t.Errorf("%v: %d %s", body, r.Status, r.Raw)
		}
	}
}

func TestOutboxListsMessagesNewestFirstByRecipient(t *testing.T) {
	h := apitest.New(t)
	h.Portal.Outbox.Add(mail.Message{ID: "1", To: []string{"a@x.test"}, Subject: "first"})
	h.Portal.Outbox.Add(mail.Message{ID: "2", To: []string{"b@x.test"}, Subject: "other"})
	h.Portal.Outbox.Add(mail.Message{ID: "3", To: []string{"A@x.test"}, Subject: "second"})
	items := h.Must(200, "", "GET", "/dev/outbox?to=a@x.test", nil).Items()
	if len(items) != 2 || items[0]["subject"] != "second" {
		t.Fatalf("%v", items)
	}
	if n := len(h.Must(200, "", "GET", "/dev/outbox", nil).Items()); n != 3 {
		t.Fatalf("%d messages", n)
	}
}

func TestTheLocalServerServesTheCommittedOpenAPIDocument(t *testing.T) {
	h := apitest.New(t)
	r := h.Must(200, "", "GET", "/openapi.json", nil)
	committed, err := os.ReadFile(filepath.Join(nodetools.ModuleRoot(t), "docs", "openapi.json"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(r.Raw, committed) {
		t.Fatal("GET /openapi.json differs from docs/openapi.json")
	}
	if ct := r.Header.Get("Content-Type"); ct != "application/json; charset=utf-8" {
		t.Fatalf("Content-Type %q", ct)
	}
}

var scriptTag = regexp.MustCompile(`<script[^>]*>`)

func TestTheAPIReferencePageLoadsOnlyScriptsOfThisServer(t *testing.T) {
	h := apitest.New(t)
	r := h.Must(200, "", "GET", "/docs/api", nil)
	page := string(r.Raw)
	if ct := r.Header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
		t.Fatalf("Content-Type %q", ct)
	}
	if csp := r.Header.Get("Content-Security-Policy"); csp != devtools.ReferenceCSP || !strings.Contains(csp, "script-src 'self';") {
		t.Fatalf("Content-Security-Policy %q", csp)
	}
	tags := scriptTag.FindAllString(page, -1)
	if len(tags) == 0 {
		t.Fatal("the page loads no script")
	}
	for _, tag := range tags {
		if !strings.Contains(tag, `src="/docs/api/assets/`) {
			t.Errorf("a script that is not a file of this server: %s", tag)
		}
	}
	if strings.Contains(page, "http://") || strings.Contains(page, "https://") || strings.Contains(page, "//cdn") {
		t.Error("the page names another origin")
	}
	for _, c := range []struct {
		name   string
		asset  string
		status int
	}{
		{"the page's own start script is served", "init.js", 200},
		{"a file outside the renderer's list is not served", "package.json", 404},
		{"a path out of the folder is not served", "..%2fpackage.json", 404},
	} {
		t.Run(c.name, func(t *testing.T) {
			h.Must(c.status, "", "GET", "/docs/api/assets/"+c.asset, nil)
		})
	}
}

func TestWithoutTheRendererInstalledTheBundleSaysHowToInstallIt(t *testing.T) {
	h := apitest.New(t) // tests run in the package folder: RendererDir is not there
	r := h.Must(404, "", "GET", "/docs/api/assets/swagger-ui-bundle.js", nil)
	if !strings.Contains(string(r.Raw), devtools.RendererInstall) {
		t.Fatalf("%s", r.Raw)
	}
}
