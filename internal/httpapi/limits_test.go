package httpapi_test

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/personaportal/portal/internal/apitest"
)

// deepAttribute is an attribute value that makes the attributes map n
// levels deep as DynamoDB counts them (the map itself is level 1).
func deepAttribute(n int) any {
	var v any = "leaf"
	for range n - 1 {
		v = map[string]any{"a": v}
	}
	return v
}

func TestWritesDynamoDBWouldRefuseAreClientErrors(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	d := h.DemoIDs()
	big := strings.Repeat("x", 40<<10)
	h.Must(200, d.Alice, "PATCH", "/me", map[string]any{"attributes": map[string]any{"first": big}})
	for _, c := range []struct {
		name, tok, method, path string
		body                    any
		field                   string
	}{
		{"profile attributes nested 33 levels deep are refused", d.Alice, "PATCH", "/me",
			map[string]any{"attributes": map[string]any{"a": deepAttribute(33)}}, "attributes.a"},
		{"profile attributes nested thousands of levels deep are refused", d.Alice, "PATCH", "/me",
			`{"attributes":{"a":` + nested(5000) + `}}`, ""},
		{"persona attributes nested 33 levels deep are refused", d.Admin, "POST", "/admin/users/" + d.AliceID + "/personas",
			map[string]any{"type": "staff", "scope": []string{"dept:sales"}, "attributes": map[string]any{"a": deepAttribute(33)}}, "attributes.a"},
		{"an invitation's attributes nested 33 levels deep are refused", d.Bob, "POST", "/persona-invitations",
			map[string]any{"type": "customer", "scope": []string{"company:globex"}, "user_email": "alice@acme.test",
				"attributes": map[string]any{"a": deepAttribute(33)}}, "attributes.a"},
		{"lists count as levels too", d.Alice, "PATCH", "/me",
			`{"attributes":{"l":` + nested(32) + `}}`, "attributes.l"},
		{"a number DynamoDB cannot hold is refused", d.Alice, "PATCH", "/me", `{"attributes":{"n":1e200}}`, "attributes.n"},
		{"a number just past DynamoDB's range is refused", d.Alice, "PATCH", "/me", `{"attributes":{"n":{"m":1e126}}}`, "attributes.n"},
		{"a tiny number DynamoDB cannot hold is refused", d.Alice, "PATCH", "/me", `{"attributes":{"n":[1e-200]}}`, "attributes.n"},
		{"attributes merged past 64 KiB are refused", d.Alice, "PATCH", "/me",
			map[string]any{"attributes": map[string]any{"second": big}}, "attributes"},
		{"an overlong search is refused", d.Admin, "GET", "/admin/users?q=" + strings.Repeat("a", 2000), nil, "q"},
		{"an overlong request search is refused", d.Alice, "GET", "/me/requests/history?q=" + strings.Repeat("a", 2000), nil, "q"},
		{"a delegated admin's overlong search is refused", d.Bob, "GET", "/users?q=" + strings.Repeat("a", 2000), nil, "q"},
		{"an overlong e-mail filter is refused", d.Admin, "GET", "/admin/personas?email=" + strings.Repeat("a", 2000) + "@x.test", nil, "email"},
		{"a cursor whose sort key DynamoDB would refuse is refused", d.Admin, "GET", "/admin/users?cursor=" +
			forgeCursor("/admin/users", "GET /admin/users", map[string]string{"gsi1pk": "T#demo#USERS", "gsi1sk": strings.Repeat("z", 1100),
				"pk": "T#demo#U#x", "sk": "PROFILE"}), nil, "cursor"},
		{"a cursor with an empty key is refused", d.Admin, "GET", "/admin/users?cursor=" +
			forgeCursor("/admin/users", "GET /admin/users", map[string]string{"gsi1pk": "T#demo#USERS", "gsi1sk": "",
				"pk": "T#demo#U#x", "sk": "PROFILE"}), nil, "cursor"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := h.Do(c.tok, c.method, c.path, c.body)
			if r.Status != 400 || r.Code() != "invalid_request" {
				t.Fatalf("%d %.300s", r.Status, r.Raw)
			}
			if c.field != "" && r.Fields()[c.field] == nil {
				t.Fatalf("details.fields does not name %s: %.300s", c.field, r.Raw)
			}
		})
	}
	attrs := h.Must(200, d.Alice, "GET", "/me", nil).JSON()["attributes"].(map[string]any)
	if len(attrs) != 1 {
		t.Fatalf("a refused body changed the attributes: %d of them", len(attrs))
	}
}

func TestAttributesAtTheLimitsAreStoredAndReadBack(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	d := h.DemoIDs()
	attrs := map[string]any{"deep": deepAttribute(32), "list": json.RawMessage(nested(31)),
		"big": 9.999999999999998e125, "small": -1e-130, "zero": 0, "html": strings.Repeat("<>&", 5000)}
	patch := func(attrs map[string]any) {
		var b strings.Builder
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(map[string]any{"attributes": attrs}); err != nil {
			t.Fatal(err)
		}
		if r := h.Send(apitest.Request("PATCH", "/me", b.String(), d.Alice, "application/json")); r.Status != 200 {
			t.Fatalf("%d %.300s", r.Status, r.Raw)
		}
	}
	patch(attrs)
	// Written twice, the audit record holds it before and after.
	attrs["html"] = strings.Repeat("&<", 13000)
	patch(map[string]any{"html": attrs["html"]})
	got := h.Must(200, d.Alice, "GET", "/me", nil).JSON()["attributes"]
	if want := roundTrip(t, attrs); !reflect.DeepEqual(got, want) {
		t.Fatalf("read back differs")
	}
}

func TestAnImportLineWhoseAuditRecordWouldBeTooLargeFailsAlone(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	d := h.DemoIDs()
	big := strings.Repeat("y", 50<<10)
	var personas []any
	for _, v := range []string{"company:acme", "company:globex", "company:initech"} {
		h.Must(201, d.Admin, "POST", "/admin/users/"+d.BobID+"/personas", map[string]any{"type": "customer", "scope": []string{v},
			"attributes": map[string]any{"blob": big}})
		personas = append(personas, map[string]any{"type": "customer", "scope": []string{v}, "attributes": map[string]any{"more": big[:5<<10]}})
	}
	for _, v := range []string{"dept:engineering", "dept:sales", "dept:support"} {
		h.Must(201, d.Admin, "POST", "/admin/users/"+d.BobID+"/personas", map[string]any{"type": "staff", "scope": []string{v},
			"attributes": map[string]any{"blob": big}})
		personas = append(personas, map[string]any{"type": "staff", "scope": []string{v}, "attributes": map[string]any{"more": big[:5<<10]}})
	}
	line, _ := json.Marshal(map[string]any{"email": "bob@acme.test", "personas": personas})
	rep := importReport(h, d.Admin, "", ndjson, string(line)+"\n"+`{"email":"carol@globex.test","given_name":"Caroline"}`+"\n")
	if len(rep.Errors) != 1 || rep.Errors[0].Line != 1 || rep.Errors[0].Code != "invalid_request" || rep.Updated != 1 {
		t.Fatalf("%+v", rep)
	}
}

// forgeCursor builds a cursor the way the portal seals one (cursors are
// tagged, not keyed: anyone can build one for their own lists).
func forgeCursor(path, pattern string, pos map[string]string) string {
	p, _ := json.Marshal(pos)
	h := sha256.New()
	h.Write([]byte("persona-portal cursor v1\ndemo\ndev|admin@demo.test\n" + pattern + "\n"))
	h.Write([]byte("\n"))
	h.Write(p)
	_ = path
	return base64.RawURLEncoding.EncodeToString(append(h.Sum(nil)[:16], p...))
}

func roundTrip(t *testing.T, v any) any {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}
