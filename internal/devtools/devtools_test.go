package devtools_test

import (
	"testing"

	"github.com/personaportal/portal/internal/apitest"
	"github.com/personaportal/portal/internal/mail"
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
