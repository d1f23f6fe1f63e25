package httpapi_test

import (
	"testing"

	"github.com/personaportal/portal/internal/apitest"
)

// JSON keys are matched exactly: encoding/json alone would match "PREFERRED"
// to the preferred field and let it past the read-only check.
func TestJSONKeysAreMatchedExactly(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	d := h.DemoIDs()
	app := h.Must(201, d.Admin, "POST", "/admin/applications", map[string]any{"name": "Wiki", "url": "https://wiki.test"}).Str("id")
	for _, c := range []struct {
		name         string
		tok          func() string
		method, path string
		body         string
		wantCode     string
		wantField    string
	}{
		{"a delegated admin cannot set preferred by writing PREFERRED", func() string { return d.Bob }, "POST",
			"/users/" + d.AliceID + "/personas", `{"type":"customer","scope":["company:globex"],"PREFERRED":true}`,
			"invalid_request", "PREFERRED"},
		{"an application's ID in capitals is an unknown field", func() string { return d.Admin }, "PUT",
			"/admin/applications/" + app, `{"ID":"01a204f6-0000-7000-8000-000000000000","name":"Wiki","url":"https://wiki.test"}`,
			"invalid_request", "ID"},
		{"an application's CREATED_AT is an unknown field", func() string { return d.Admin }, "POST",
			"/admin/applications", `{"name":"Wiki","url":"https://wiki.test","CREATED_AT":"2020-01-01T00:00:00Z"}`,
			"invalid_request", "CREATED_AT"},
		{"the settings' UPDATED_AT is an unknown field", func() string { return d.Admin }, "PUT",
			"/admin/settings", `{"UPDATED_AT":"2020-01-01T00:00:00Z"}`, "invalid_request", "UPDATED_AT"},
		{"a profile field in another case is an unknown field", func() string { return d.Alice }, "PATCH",
			"/me", `{"Given_Name":"Mallory"}`, "invalid_request", "Given_Name"},
		{"a persona edit cannot set STATUS", func() string { return d.Admin }, "PATCH",
			"/admin/users/" + d.AliceID + "/personas/" + d.AliceStaff, `{"Status":"accepted","valid_until":null}`,
			"invalid_request", "Status"},
		{"a nested field in another case is an unknown field", func() string { return d.Alice }, "PUT",
			"/me/active-persona", `{"Persona_ID":"` + d.AliceStaff + `"}`, "invalid_request", "Persona_ID"},
		{"the read-only preferred field written exactly is still not editable", func() string { return d.Bob }, "POST",
			"/users/" + d.AliceID + "/personas", `{"type":"customer","scope":["company:globex"],"preferred":true}`,
			"field_not_editable", ""},
		{"a key given twice is refused", func() string { return d.Alice }, "PATCH",
			"/me", `{"given_name":"A","given_name":"B"}`, "invalid_request", "given_name"},
		{"a read-only key given twice is refused", func() string { return d.Alice }, "PATCH",
			"/me", `{"email":"a@x.test","email":"b@x.test"}`, "invalid_request", "email"},
		{"a key given twice inside attributes is refused", func() string { return d.Alice }, "PATCH",
			"/me", `{"attributes":{"team":"a","team":"b"}}`, "invalid_request", "attributes.team"},
		{"a key given twice deep inside attributes is refused", func() string { return d.Alice }, "PATCH",
			"/me", `{"attributes":{"x":[{"k":1},{"k":1,"k":2}]}}`, "invalid_request", "attributes.x[1].k"},
		{"a body nested deeper than any request needs is refused", func() string { return d.Alice }, "PATCH",
			"/me", `{"attributes":{"a":` + nested(200) + `}}`, "invalid_request", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := h.Send(apitest.Request(c.method, c.path, c.body, c.tok(), "application/json"))
			if r.Status != 400 || r.Code() != c.wantCode {
				t.Fatalf("%d %s", r.Status, r.Raw)
			}
			if c.wantField != "" && r.Fields()[c.wantField] == nil {
				t.Fatalf("details.fields does not name %q: %s", c.wantField, r.Raw)
			}
		})
	}
	// Nothing of the refused bodies landed.
	if n := len(h.Must(200, d.Alice, "GET", "/me/personas", nil).Items()); n != 3 {
		t.Fatalf("a refused body added a persona: Alice holds %d", n)
	}
	if me := h.Must(200, d.Alice, "GET", "/me", nil).JSON(); me["given_name"] != "Alice" {
		t.Fatalf("profile changed: %v", me)
	}
}

func TestAttributeKeysThatDifferOnlyByCaseAreDistinct(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	d := h.DemoIDs()
	h.Must(200, d.Alice, "PATCH", "/me", `{"attributes":{"Team":"a","team":"b","x":{"K":1,"k":2}}}`)
	attrs := h.Must(200, d.Alice, "GET", "/me", nil).JSON()["attributes"].(map[string]any)
	if attrs["Team"] != "a" || attrs["team"] != "b" || attrs["x"].(map[string]any)["K"] != 1.0 {
		t.Fatalf("%v", attrs)
	}
}

// nested is n levels of JSON arrays around a number.
func nested(n int) string {
	b := make([]byte, 0, 2*n+1)
	for range n {
		b = append(b, '[')
	}
	b = append(b, '1')
	for range n {
		b = append(b, ']')
	}
	return string(b)
}
