package httpapi_test

import (
	"encoding/json"
	"maps"
	"strings"
	"testing"

	"github.com/personaportal/portal/internal/apitest"
)

// Characters no human-read text field accepts: C0 controls, DEL, C1
// controls, bidirectional controls and marks, line/paragraph separators.
var badText = map[string]string{
	"NUL": "\u0000", "BEL": "\u0007", "ESC": "\u001b", "DEL": "\u007f", "NEL (C1)": "\u0085", "CSI (C1)": "\u009b",
	"RLO": "\u202e", "LRE": "\u202a", "RLI": "\u2067", "PDI": "\u2069", "RLM": "\u200f", "LRM": "\u200e", "ALM": "\u061c",
	"LINE SEPARATOR": "\u2028", "CR": "\r",
}

func TestTextFieldsRefuseControlAndBidiCharacters(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	d := h.DemoIDs()
	app := h.Must(201, d.Admin, "POST", "/admin/applications", map[string]any{"name": "Wiki", "url": "https://wiki.test"}).Str("id")
	req, _ := prepare(t, h, d.Bob, "alice@acme.test", "company:globex")
	reject := "/me/requests/" + req["id"].(string) + "/reject"
	for _, c := range []struct {
		name         string
		tok          string
		method, path string
		body         func(v string) map[string]any
		field        string
		multiline    bool
	}{
		{"a given name", d.Alice, "PATCH", "/me", func(v string) map[string]any { return map[string]any{"given_name": "A" + v + "b"} }, "given_name", false},
		{"a family name", d.Alice, "PATCH", "/me", func(v string) map[string]any { return map[string]any{"family_name": "A" + v + "b"} }, "family_name", false},
		{"a display name", d.Alice, "PATCH", "/me", func(v string) map[string]any { return map[string]any{"display_name": v + "Admin"} }, "display_name", false},
		{"a time zone", d.Alice, "PATCH", "/me", func(v string) map[string]any { return map[string]any{"timezone": "Europe/Brussels" + v} }, "timezone", false},
		{"a user's e-mail", d.Admin, "POST", "/admin/users", func(v string) map[string]any { return map[string]any{"email": "eve" + v + "@x.test"} }, "email", false},
		{"a persona's e-mail", d.Admin, "POST", "/admin/users/" + d.AliceID + "/personas", func(v string) map[string]any {
			return map[string]any{"type": "staff", "scope": []string{"dept:sales"}, "email": "a" + v + "@x.test"}
		}, "email", false},
		{"an invitation's user e-mail", d.Bob, "POST", "/persona-invitations", func(v string) map[string]any {
			return map[string]any{"type": "customer", "scope": []string{"company:acme"}, "user_email": "carol" + v + "@globex.test"}
		}, "user_email", false},
		{"a definition's display name", d.Admin, "POST", "/admin/persona-definitions", func(v string) map[string]any {
			return map[string]any{"type": "vendor", "display_name": "Ven" + v + "dor"}
		}, "display_name", false},
		{"a definition's description", d.Admin, "POST", "/admin/persona-definitions", func(v string) map[string]any {
			return map[string]any{"type": "vendor", "display_name": "Vendor", "description": "Sells" + v + "things"}
		}, "description", true},
		{"a definition's scope value", d.Admin, "POST", "/admin/persona-definitions", func(v string) map[string]any {
			return map[string]any{"type": "vendor", "display_name": "Vendor", "scope_values": []string{"company:" + v + "x"}}
		}, "scope_values", false},
		{"a definition's entitlement", d.Admin, "POST", "/admin/persona-definitions", func(v string) map[string]any {
			return map[string]any{"type": "vendor", "display_name": "Vendor", "entitlements": []string{"orders" + v + ":read"}}
		}, "entitlements", false},
		{"an application's name", d.Admin, "PUT", "/admin/applications/" + app, func(v string) map[string]any {
			return map[string]any{"name": "Wi" + v + "ki", "url": "https://wiki.test"}
		}, "name", false},
		{"an application's description", d.Admin, "PUT", "/admin/applications/" + app, func(v string) map[string]any {
			return map[string]any{"name": "Wiki", "url": "https://wiki.test", "description": "Notes" + v + "and docs"}
		}, "description", true},
		{"an application's URL", d.Admin, "PUT", "/admin/applications/" + app, func(v string) map[string]any {
			return map[string]any{"name": "Wiki", "url": "https://wiki.test/" + v + "x"}
		}, "url", false},
		{"the portal base URL", d.Admin, "PUT", "/admin/settings", func(v string) map[string]any {
			return map[string]any{"portal_base_url": "https://portal.test/" + v}
		}, "portal_base_url", false},
		{"a rejection's reason", d.Alice, "POST", reject, func(v string) map[string]any {
			return map[string]any{"reason": "Not" + v + "mine"}
		}, "reason", true},
	} {
		t.Run(c.name+" refuses control and bidi characters", func(t *testing.T) {
			bad := maps.Clone(badText)
			if !c.multiline {
				bad["LF"], bad["TAB"] = "\n", "\t"
			}
			for what, v := range bad {
				r := h.Do(c.tok, c.method, c.path, c.body(v))
				if r.Status != 400 || r.Code() != "invalid_request" || r.Fields()[c.field] == nil {
					t.Errorf("with %s: %d %s", what, r.Status, r.Raw)
				}
			}
		})
	}
	t.Run("multi-line fields accept line feeds and tabs", func(t *testing.T) {
		h.Must(201, d.Admin, "POST", "/admin/persona-definitions", map[string]any{"type": "vendor", "display_name": "Vendor",
			"description": "Sells things.\n\tMostly paper."})
		h.Must(200, d.Alice, "POST", reject, map[string]any{"reason": "Not mine.\nSorry."})
	})
	t.Run("names accept letters of every script, accents and emoji", func(t *testing.T) {
		h.Must(200, d.Alice, "PATCH", "/me", map[string]any{"given_name": "Zoë 李 أليس", "family_name": "O'Brien-Łukasz",
			"display_name": "Alice 👩\u200d💻"})
	})
	t.Run("invalid UTF-8 in a body is refused naming the field", func(t *testing.T) {
		r := h.Send(apitest.Request("PATCH", "/me", "{\"given_name\":\"A\xffb\"}", d.Alice, "application/json"))
		if r.Status != 400 || r.Fields()["given_name"] == nil {
			t.Fatalf("%d %s", r.Status, r.Raw)
		}
	})
	t.Run("a lone surrogate escape in a body is refused naming the field", func(t *testing.T) {
		r := h.Send(apitest.Request("PATCH", "/me", `{"family_name":"A\ud800b"}`, d.Alice, "application/json"))
		if r.Status != 400 || r.Fields()["family_name"] == nil {
			t.Fatalf("%d %s", r.Status, r.Raw)
		}
	})
	if me := h.Must(200, d.Alice, "GET", "/me", nil).JSON(); me["family_name"] != "O'Brien-Łukasz" {
		t.Fatalf("a refused body changed the profile: %v", me)
	}
}

func TestImportLinesObeyTheSameTextRules(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	d := h.DemoIDs()
	line := func(m map[string]any) string {
		b, _ := json.Marshal(m)
		return string(b)
	}
	for _, c := range []struct {
		name, contentType, body, wantInMessage string
	}{
		{"an NDJSON given name with a bidi override", ndjson, line(map[string]any{"email": "eve@x.test", "given_name": "Eve\u202e"}), "given_name"},
		{"an NDJSON persona e-mail with a control character", ndjson, line(map[string]any{"email": "eve@x.test",
			"personas": []any{map[string]any{"type": "staff", "scope": []string{"dept:sales"}, "email": "e\u0007@x.test"}}}), "personas[0].email"},
		{"an NDJSON status changed_by with a line feed", ndjson, line(map[string]any{"email": "eve@x.test",
			"personas": []any{map[string]any{"type": "staff", "scope": []string{"dept:sales"},
				"status": map[string]any{"value": "revoked", "changed_by": "system:\nx"}}}}), "personas[0].status.changed_by"},
		{"a CSV display name with a bidi isolate", "text/csv", "email,display_name\neve@x.test,Eve\u2066x\n", "display_name"},
		{"a CSV family name with a C1 control", "text/csv", "email,family_name\neve@x.test,Ev\u0085e\n", "family_name"},
		{"a CSV given name that is not UTF-8", "text/csv", "email,given_name\neve@x.test,Eve\xff\n", "given_name"},
		{"a CSV attribute that is not UTF-8", "text/csv", "email,attr:team\neve@x.test,blue\xfe\n", "attr:team"},
		{"a CSV e-mail with a bidi mark", "text/csv", "email\neve\u200f@x.test\n", "email"},
	} {
		t.Run(c.name+" fails its line", func(t *testing.T) {
			rep := importReport(h, d.Admin, "", c.contentType, c.body)
			if len(rep.Errors) != 1 || rep.Errors[0].Code != "invalid_request" || !strings.Contains(rep.Errors[0].Message, c.wantInMessage) {
				t.Fatalf("%+v", rep)
			}
		})
	}
	if r := h.Do(d.Admin, "GET", "/admin/users?q=eve", nil); len(r.Items()) != 0 {
		t.Fatalf("a refused line created a user: %s", r.Raw)
	}
}
