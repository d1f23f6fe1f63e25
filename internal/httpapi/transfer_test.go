package httpapi_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/personaportal/portal/internal/apitest"
)

const ndjson = "application/x-ndjson"

// importFile posts an import file as the given content type.
func importFile(h *apitest.Harness, tok, query, contentType, body string) apitest.Response {
	h.T.Helper()
	return h.Send(apitest.Request("POST", "/admin/import"+query, body, tok, contentType))
}

type report struct {
	Created, Updated, Unchanged int
	Errors                      []struct {
		Line          int
		Code, Message string
	}
}

func importReport(h *apitest.Harness, tok, query, contentType, body string) report {
	h.T.Helper()
	r := importFile(h, tok, query, contentType, body)
	if r.Status != 200 {
		h.T.Fatalf("import: %d %s", r.Status, r.Raw)
	}
	var rep report
	r.Decode(&rep)
	return rep
}

// exportAll reads every page of the export, following the Link header.
func exportAll(h *apitest.Harness, tok string, limit int) string {
	h.T.Helper()
	var out strings.Builder
	path := fmt.Sprintf("/admin/export?limit=%d", limit)
	for path != "" {
		r := h.Must(200, tok, "GET", path, nil)
		if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, ndjson) {
			h.T.Fatalf("export content type %q", ct)
		}
		out.Write(r.Raw)
		path = ""
		if link := r.Header.Get("Link"); link != "" {
			path = link[strings.Index(link, "<")+1 : strings.Index(link, ">")]
		}
	}
	return out.String()
}

// normalized is an export with what a tenant assigns itself (IDs, creation
// and update times, derived activity) left out, users by e-mail and lines
// of the same user merged: what must survive a move between tenants.
func normalized(t *testing.T, export string, skip ...string) map[string]any {
	t.Helper()
	users := map[string]any{}
	sc := bufio.NewScanner(strings.NewReader(export))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var u map[string]any
		if err := json.Unmarshal(sc.Bytes(), &u); err != nil {
			t.Fatalf("export line %q: %v", sc.Text(), err)
		}
		email := u["email"].(string)
		if slices.Contains(skip, email) {
			continue
		}
		ps := u["personas"].([]any)
		for _, p := range ps {
			for _, k := range []string{"id", "user_id", "created_at", "updated_at", "active"} {
				delete(p.(map[string]any), k)
			}
		}
		for _, k := range []string{"id", "created_at", "updated_at", "personas"} {
			delete(u, k)
		}
		if prev, ok := users[email].(map[string]any); ok {
			ps = append(prev["personas"].([]any), ps...)
		}
		slices.SortFunc(ps, func(a, b any) int {
			ja, _ := json.Marshal(a)
			jb, _ := json.Marshal(b)
			return strings.Compare(string(ja), string(jb))
		})
		u["personas"] = ps
		users[email] = u
	}
	return users
}

func lineCount(s string) int { return strings.Count(s, "\n") }

// copyDefinitions gives another tenant the demo tenant's definitions.
func copyDefinitions(h *apitest.Harness, from, to string) {
	h.T.Helper()
	for _, d := range h.Must(200, from, "GET", "/admin/persona-definitions", nil).Items() {
		for _, k := range []string{"created_at", "updated_at", "live_personas"} {
			delete(d, k)
		}
		h.Must(201, to, "POST", "/admin/persona-definitions", d)
	}
}

// enrich gives the demo tenant what an export must carry: an ended
// persona, custom attributes, a future validity, a user with more personas
// than one line holds, a disabled user.
func enrich(h *apitest.Harness, d apitest.Demo) {
	h.T.Helper()
	values := make([]string, 30)
	for i := range values {
		values[i] = fmt.Sprintf("project:p%02d", i)
	}
	h.Must(201, d.Admin, "POST", "/admin/persona-definitions", map[string]any{"type": "project", "display_name": "Project member",
		"scope_values": values, "entitlements": []string{"wiki:read"}})
	for _, v := range values {
		h.Must(201, d.Admin, "POST", "/admin/users/"+d.CarolID+"/personas", map[string]any{"type": "project", "scope": []string{v},
			"attributes": map[string]any{"role": "dev", "hours": 12.5}})
	}
	h.Must(200, d.Admin, "DELETE", "/admin/users/"+d.AliceID+"/personas/"+d.AliceCustomer, nil)
	h.Must(201, d.Admin, "POST", "/admin/users/"+d.AliceID+"/personas", map[string]any{"type": "customer", "scope": []string{"company:acme"},
		"valid_from": "2030-01-01T00:00:00Z", "valid_until": "2031-01-01T00:00:00Z", "email": "alice.buyer@acme.test"})
	h.Must(200, d.Admin, "PATCH", "/admin/users/"+d.AliceID, map[string]any{"locale": "nl-BE", "attributes": map[string]any{"badge": 42, "team": "blue"}})
	h.Must(200, d.Alice, "PUT", "/me/preferred-persona", map[string]any{"persona_id": d.AliceStaff})
	dave := h.Must(201, d.Admin, "POST", "/admin/users", map[string]any{"email": "dave@initech.test", "given_name": "Dave"}).Str("id")
	h.Must(200, d.Admin, "DELETE", "/admin/users/"+dave, nil)
}

func TestExportImportIntoAnEmptyTenantGivesTheSameUsersAndPersonas(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	d := h.DemoIDs()
	enrich(h, d)
	before := exportAll(h, d.Admin, 2)  // small pages: the Link header is followed
	if n := lineCount(before); n != 6 { // admin, alice, bob, carol (31 personas: 2 lines), dave
		t.Fatalf("%d export lines:\n%s", n, before)
	}

	other := h.Token("admin@other.test", "other", true)
	copyDefinitions(h, d.Admin, other)
	rep := importReport(h, other, "", ndjson, before)
	if rep.Created != 5 || rep.Updated != 1 || rep.Unchanged != 0 || len(rep.Errors) != 0 {
		t.Fatalf("first import: %+v", rep)
	}
	moved := exportAll(h, other, 100)
	want, got := normalized(t, before), normalized(t, moved, "admin@other.test")
	if !reflect.DeepEqual(want, got) {
		wj, _ := json.MarshalIndent(want, "", " ")
		gj, _ := json.MarshalIndent(got, "", " ")
		t.Fatalf("export after import differs:\nwant %s\ngot  %s", wj, gj)
	}

	// The same file again changes nothing, not even a timestamp.
	rep = importReport(h, other, "", ndjson, before)
	if rep.Created != 0 || rep.Updated != 0 || rep.Unchanged != 6 || len(rep.Errors) != 0 {
		t.Fatalf("re-import: %+v", rep)
	}
	if again := exportAll(h, other, 100); again != moved {
		t.Fatalf("re-import changed the tenant:\n%s\n%s", moved, again)
	}
	// And the source tenant is untouched by all this.
	if after := exportAll(h, d.Admin, 100); after != before {
		t.Fatal("importing into another tenant changed this one")
	}
}

func TestImportedPersonasKeepThePersonaRules(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	d := h.DemoIDs()
	rep := importReport(h, d.Admin, "", ndjson,
		`{"email":"alice@acme.test","personas":[{"type":"staff","scope":["dept:engineering"],"preferred":true},`+
			`{"type":"customer","scope":["company:acme"],"status":"revoked"}]}`)
	if rep.Updated != 1 || len(rep.Errors) != 0 {
		t.Fatalf("%+v", rep)
	}
	ps := h.Must(200, d.Admin, "GET", "/admin/users/"+d.AliceID+"/personas", nil).Items()
	for _, p := range ps {
		st := p["status"].(map[string]any)
		switch p["id"] {
		case d.AliceStaff:
			if p["preferred"] != true || st["value"] != "accepted" {
				t.Fatalf("staff: %v", p)
			}
		case d.AliceCustomer:
			if p["preferred"] != false || st["value"] != "revoked" || st["changed_by"] == "" {
				t.Fatalf("customer: %v", p)
			}
		}
	}
	// The type+scope guard was released: the persona can be given again.
	again := h.Must(201, d.Admin, "POST", "/admin/users/"+d.AliceID+"/personas", map[string]any{"type": "customer", "scope": []string{"company:acme"}}).Str("id")
	// Preferring it by import un-prefers the staff persona the line does not mention.
	rep = importReport(h, d.Admin, "", ndjson, `{"email":"alice@acme.test","personas":[{"type":"customer","scope":["company:acme"],"preferred":true}]}`)
	if rep.Updated != 1 {
		t.Fatalf("%+v", rep)
	}
	var preferred []any
	for _, p := range h.Must(200, d.Alice, "GET", "/me/personas", nil).Items() {
		if p["preferred"] == true {
			preferred = append(preferred, p["id"])
		}
	}
	if len(preferred) != 1 || preferred[0] != again {
		t.Fatalf("preferred: %v, want only %s", preferred, again)
	}
	if got := h.Must(200, d.Alice, "GET", "/me/active-persona", nil).JSON()["persona"].(map[string]any)["id"]; got != again {
		t.Fatalf("active persona follows the preferred one: %v", got)
	}
	// A live type+scope held twice is refused, and so is a second preferred.
	rep = importReport(h, d.Admin, "", ndjson,
		`{"email":"bob@acme.test","personas":[{"type":"staff","scope":["dept:sales"]},{"type":"staff","scope":["dept:sales"]}]}`+"\n"+
			`{"email":"bob@acme.test","personas":[{"type":"staff","scope":["dept:sales"],"preferred":true},{"type":"customer","scope":["company:acme"],"preferred":true}]}`+"\n"+
			`{"email":"bob@acme.test","personas":[{"type":"staff","scope":["dept:sales"],"preferred":true,"valid_from":"2099-01-01T00:00:00Z"}]}`)
	if len(rep.Errors) != 3 || rep.Errors[0].Line != 1 || rep.Errors[1].Line != 2 || rep.Errors[2].Line != 3 ||
		!strings.Contains(rep.Errors[2].Message, "only an active persona can be preferred") {
		t.Fatalf("%+v", rep)
	}
	if n := len(h.Must(200, d.Admin, "GET", "/admin/users/"+d.BobID+"/personas", nil).Items()); n != 1 {
		t.Fatalf("refused lines wrote personas: Bob has %d", n)
	}
	// One line may end a persona and start a new one of the same type and scope.
	rep = importReport(h, d.Admin, "", ndjson, `{"email":"carol@globex.test","personas":[{"type":"staff","scope":["dept:sales"]}]}`)
	rep2 := importReport(h, d.Admin, "", ndjson, `{"email":"carol@globex.test","personas":[`+
		`{"type":"staff","scope":["dept:sales"],"status":"revoked"},{"type":"staff","scope":["dept:sales"],"email":"c.white@globex.test"}]}`)
	if rep.Created+rep.Updated != 1 || rep2.Updated != 1 || len(rep2.Errors) != 0 {
		t.Fatalf("%+v %+v", rep, rep2)
	}
	var states []string
	for _, p := range h.Must(200, d.Admin, "GET", "/admin/users/"+d.CarolID+"/personas", nil).Items() {
		states = append(states, p["status"].(map[string]any)["value"].(string)+" "+p["email"].(string))
	}
	slices.Sort(states)
	if strings.Join(states, ", ") != "accepted c.white@globex.test, revoked carol@globex.test" {
		t.Fatalf("carol: %v", states)
	}
	// The new persona holds the guard.
	h.Must(409, d.Admin, "POST", "/admin/users/"+d.CarolID+"/personas", map[string]any{"type": "staff", "scope": []string{"dept:sales"}})
	// An admin cannot disable themself by import either.
	if rep := importReport(h, d.Admin, "", ndjson, `{"email":"admin@demo.test","status":"disabled"}`); len(rep.Errors) != 1 || rep.Errors[0].Code != "forbidden" {
		t.Fatalf("%+v", rep)
	}
}

func TestAnExportReimportsUnchangedAfterADefinitionIsArchived(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	d := h.DemoIDs()
	h.Must(201, d.Admin, "POST", "/admin/persona-definitions", map[string]any{"type": "temp", "display_name": "Temp", "scope_values": []string{"x"}})
	p := h.Must(201, d.Admin, "POST", "/admin/users/"+d.CarolID+"/personas", map[string]any{"type": "temp", "scope": []string{"x"}}).Str("id")
	h.Must(200, d.Admin, "DELETE", "/admin/users/"+d.CarolID+"/personas/"+p, nil)
	h.Must(204, d.Admin, "DELETE", "/admin/persona-definitions/temp", nil)
	export := exportAll(h, d.Admin, 100)
	if !strings.Contains(export, `"type":"temp"`) {
		t.Fatal("the ended persona of the archived type is not exported")
	}
	if rep := importReport(h, d.Admin, "", ndjson, export); rep.Unchanged != lineCount(export) || len(rep.Errors) != 0 {
		t.Fatalf("%+v", rep)
	}
	// A live persona of a type that is gone is still refused.
	rep := importReport(h, d.Admin, "", ndjson, `{"email":"carol@globex.test","personas":[{"type":"temp","scope":["x"]}]}`)
	if len(rep.Errors) != 1 || !strings.Contains(rep.Errors[0].Message, "personas[0].type") {
		t.Fatalf("%+v", rep)
	}
}

func TestAMalformedImportLineIsReportedByItsNumberAndNothingOfItIsWritten(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	d := h.DemoIDs()
	file := strings.Join([]string{
		`{"email":"nina@initech.test","given_name":"Nina"}`,
		`{"email":"oscar@initech.test", "given_name": }`,
		``,
		// A valid profile change with an invalid persona: the line lands whole or not at all.
		`{"email":"carol@globex.test","given_name":"Caroline","personas":[{"type":"customer","scope":["company:nowhere"]}]}`,
		`{"email":"pia@initech.test","personas":[{"type":"customer","scope":["company:initech"],"valid_until":"next week"}]}`,
		`{"email":"quinn@initech.test","shoe_size":44}`,
		`{"email":"rita@initech.test","given_name":"Rita"}`,
	}, "\n")
	rep := importReport(h, d.Admin, "", ndjson, file)
	type e struct {
		line  int
		field string
	}
	want := []e{{2, "valid JSON"}, {4, "personas[0].scope"}, {5, "personas[0].valid_until"}, {6, "shoe_size"}}
	if rep.Created != 2 || len(rep.Errors) != len(want) {
		t.Fatalf("%+v", rep)
	}
	for i, w := range want {
		got := rep.Errors[i]
		if got.Line != w.line || got.Code != "invalid_request" || !strings.Contains(got.Message, w.field) {
			t.Errorf("error %d: %+v, want line %d about %s", i, got, w.line, w.field)
		}
	}
	if g := h.Must(200, d.Admin, "GET", "/admin/users/"+d.CarolID, nil).Str("given_name"); g != "Carol" {
		t.Fatalf("a refused line changed the profile: %q", g)
	}
	users := normalized(t, exportAll(h, d.Admin, 100))
	for _, email := range []string{"oscar@initech.test", "pia@initech.test", "quinn@initech.test"} {
		if users[email] != nil {
			t.Errorf("refused line created %s", email)
		}
	}
	if users["nina@initech.test"] == nil || users["rita@initech.test"] == nil {
		t.Fatal("valid lines around the refused ones were not imported")
	}
}

func TestTheSampleCSVImportsAndReimportsUnchanged(t *testing.T) {
	t.Parallel()
	sample, err := os.ReadFile("../../docs/import-sample.csv")
	if err != nil {
		t.Fatal(err)
	}
	h := apitest.NewDemo(t)
	d := h.DemoIDs()
	before := exportAll(h, d.Admin, 100)

	dry := importReport(h, d.Admin, "?dry_run=true", "text/csv", string(sample))
	if after := exportAll(h, d.Admin, 100); after != before {
		t.Fatal("a dry run wrote")
	}
	rep := importReport(h, d.Admin, "", "text/csv; charset=utf-8", string(sample))
	if rep.Created != 3 || rep.Updated != 3 || rep.Unchanged != 0 || len(rep.Errors) != 0 {
		t.Fatalf("%+v", rep)
	}
	if !reflect.DeepEqual(dry, rep) {
		t.Fatalf("dry run reported %+v, the import %+v", dry, rep)
	}
	users := normalized(t, exportAll(h, d.Admin, 100))
	dave := users["dave@initech.test"].(map[string]any)
	if dave["locale"] != "en-GB" || dave["attributes"].(map[string]any)["employee_id"] != "E-1042" {
		t.Fatalf("dave: %v", dave)
	}
	var customer map[string]any
	for _, p := range dave["personas"].([]any) {
		if p.(map[string]any)["type"] == "customer" {
			customer = p.(map[string]any)
		}
	}
	if customer == nil || customer["email"] != "dave.buyer@initech.test" || customer["valid_until"] != "2027-01-01T00:00:00Z" ||
		!reflect.DeepEqual(customer["entitlements"], []any{"orders:read", "orders:write", "reports:read"}) {
		t.Fatalf("dave's customer persona: %v", customer)
	}
	imported := func() int {
		n := 0
		for _, a := range h.Must(200, d.Admin, "GET", "/admin/audit?limit=100", nil).Items() {
			if a["action"] == "user.imported" {
				n++
			}
		}
		return n
	}
	if n := imported(); n != 6 {
		t.Fatalf("%d import audit records for 6 changed lines", n)
	}
	if again := importReport(h, d.Admin, "", "text/csv", string(sample)); again.Unchanged != 6 || again.Created+again.Updated != 0 {
		t.Fatalf("re-import: %+v", again)
	}
	if n := imported(); n != 6 {
		t.Fatalf("an unchanged re-import wrote audit records: %d", n)
	}
}

func TestCSVErrorsNameTheRowAndColumn(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	d := h.DemoIDs()
	file := "email,given_name,persona_type,persona_scope,persona_valid_until,attr:team\n" +
		"sam@initech.test,Sam,customer,company:initech,,red\n" +
		"tom@initech.test,Tom,customer\n" +
		"uma@initech.test,\"Uma\nMulti-line\",customer,company:initech,tomorrow,\n" +
		"vic@initech.test,Vic,,company:initech,,\n" +
		"wes@initech.test,Wes,customer,company:initech,,bad value\"\n"
	rep := importReport(h, d.Admin, "", "text/csv", file)
	want := map[int]string{3: "cells", 4: "persona_valid_until", 6: "persona_type", 7: "CSV"}
	if rep.Created != 1 || len(rep.Errors) != len(want) {
		t.Fatalf("%+v", rep)
	}
	for _, e := range rep.Errors {
		if !strings.Contains(e.Message, want[e.Line]) || want[e.Line] == "" {
			t.Errorf("line %d: %q, want it to mention %q", e.Line, e.Message, want[e.Line])
		}
	}
}

func TestImportRefusesWhatItCannotRead(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	d := h.DemoIDs()
	line := `{"email":"x@initech.test"}` + "\n"
	cases := []struct {
		name, query, ct, body string
		status                int
		code                  string
	}{
		{"xml", "", "application/xml", "<users/>", 415, "unsupported_media_type"},
		{"no content type", "", "", line, 415, "unsupported_media_type"},
		{"bad dry_run", "?dry_run=maybe", ndjson, line, 400, "invalid_request"},
		{"empty", "", ndjson, "\n\n", 400, "invalid_request"},
		{"unknown CSV column", "", "text/csv", "email,shoe_size\nx@initech.test,44\n", 400, "invalid_request"},
		{"CSV without email", "", "text/csv", "given_name\nX\n", 400, "invalid_request"},
		{"too many lines", "", ndjson, strings.Repeat(line, 5001), 413, "payload_too_large"},
		{"too many bytes", "", ndjson, line + strings.Repeat(" ", 4<<20), 413, "payload_too_large"},
	}
	for _, c := range cases {
		r := importFile(h, d.Admin, c.query, c.ct, c.body)
		if r.Status != c.status || r.Code() != c.code {
			t.Errorf("%s: %d %s", c.name, r.Status, r.Raw)
		}
	}
	// Line limits are reported against the line.
	long := `{"email":"y@initech.test","attributes":{"blob":"` + strings.Repeat("a", 170<<10) + `"}}`
	var many []string
	for i := range 26 {
		many = append(many, fmt.Sprintf(`{"type":"customer","scope":["company:acme"],"status":"revoked","valid_from":"2020-01-%02dT00:00:00Z"}`, i+1))
	}
	rep := importReport(h, d.Admin, "", ndjson, long+"\n"+`{"email":"z@initech.test","personas":[`+strings.Join(many, ",")+`]}`)
	if len(rep.Errors) != 2 || !strings.Contains(rep.Errors[0].Message, "longer than") || !strings.Contains(rep.Errors[1].Message, "at most 25") {
		t.Fatalf("%+v", rep)
	}
	if users := normalized(t, exportAll(h, d.Admin, 100)); users["x@initech.test"] != nil || users["z@initech.test"] != nil {
		t.Fatal("a refused file wrote")
	}
}

func TestOnlyTenantAdminsImportAndExportAndOnlyTheirTenant(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	d := h.DemoIDs()
	line := `{"email":"alice@acme.test","given_name":"Mallory"}`
	for _, tok := range []string{d.Alice, d.Bob} { // a user; a delegated admin
		if r := importFile(h, tok, "", ndjson, line); r.Status != 403 || r.Code() != "forbidden" {
			t.Errorf("import: %d %s", r.Status, r.Raw)
		}
		if r := h.Do(tok, "GET", "/admin/export", nil); r.Status != 403 {
			t.Errorf("export: %d %s", r.Status, r.Raw)
		}
	}
	if r := importFile(h, "", "", ndjson, line); r.Status != 401 {
		t.Errorf("anonymous import: %d", r.Status)
	}
	if r := h.Do("", "GET", "/admin/export", nil); r.Status != 401 {
		t.Errorf("anonymous export: %d", r.Status)
	}

	// Another tenant's admin importing the same e-mail gets their own user.
	other := h.Token("admin@other.test", "other", true)
	if rep := importReport(h, other, "", ndjson, line); rep.Created != 1 {
		t.Fatalf("%+v", rep)
	}
	if g := h.Must(200, d.Admin, "GET", "/admin/users/"+d.AliceID, nil).Str("given_name"); g != "Alice" {
		t.Fatalf("another tenant's import changed this one: %q", g)
	}
	if users := normalized(t, exportAll(h, other, 100)); len(users) != 2 || users["bob@acme.test"] != nil {
		t.Fatalf("other tenant's export: %v", users)
	}
	// An export cursor is bound to its tenant and caller.
	r := h.Must(200, d.Admin, "GET", "/admin/export?limit=1", nil)
	link := r.Header.Get("Link")
	next := link[strings.Index(link, "<")+1 : strings.Index(link, ">")]
	if r := h.Do(other, "GET", next, nil); r.Status != 400 {
		t.Fatalf("foreign cursor: %d %s", r.Status, r.Raw)
	}
	for _, q := range []string{"limit=0", "limit=1001", "cursor=abc"} {
		if r := h.Do(d.Admin, "GET", "/admin/export?"+q, nil); r.Status != 400 {
			t.Errorf("%s: %d", q, r.Status)
		}
	}
}

func TestImportingEndsTheLoansOfAPersonaItEnds(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	d := h.DemoIDs()
	week := h.Now().Add(7 * 24 * time.Hour).Format(time.RFC3339)
	h.Must(201, d.Alice, "POST", "/me/personas/"+d.AliceStaff+"/delegations", map[string]any{"to_email": "carol@globex.test", "valid_until": week})
	if n := len(h.Must(200, d.Carol, "GET", "/me/personas", nil).Items()); n != 1 {
		t.Fatalf("carol holds %d personas", n)
	}
	rep := importReport(h, d.Admin, "", "text/csv", "email,persona_type,persona_scope,persona_status\nalice@acme.test,staff,dept:engineering,revoked\n")
	if rep.Updated != 1 {
		t.Fatalf("%+v", rep)
	}
	if n := len(h.Must(200, d.Carol, "GET", "/me/personas", nil).Items()); n != 0 {
		t.Fatalf("the loan outlived the persona: carol holds %d", n)
	}
	dl := h.Must(200, d.Alice, "GET", "/me/delegations?direction=granted", nil).Items()
	if len(dl) != 1 || dl[0]["status"] != "revoked" {
		t.Fatalf("%v", dl)
	}
}

func TestTwoConcurrentImportsCreateEachUserOnce(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	d := h.DemoIDs()
	var file strings.Builder
	for i := range 12 {
		fmt.Fprintf(&file, `{"email":"u%02d@initech.test","personas":[{"type":"customer","scope":["company:initech"]}]}`+"\n", i)
	}
	reps := make([]report, 3)
	var wg sync.WaitGroup
	for i := range reps {
		wg.Go(func() { reps[i] = importReport(h, d.Admin, "", ndjson, file.String()) })
	}
	wg.Wait()
	created := 0
	for _, r := range reps {
		created += r.Created
		if r.Created+r.Unchanged+len(r.Errors) != 12 || r.Updated != 0 {
			t.Fatalf("%+v", r)
		}
		for _, e := range r.Errors {
			if e.Code != "conflict" {
				t.Fatalf("%+v", e)
			}
		}
	}
	if created != 12 {
		t.Fatalf("created %d users across %+v", created, reps)
	}
	users := normalized(t, exportAll(h, d.Admin, 100))
	for i := range 12 {
		u := users[fmt.Sprintf("u%02d@initech.test", i)].(map[string]any)
		if n := len(u["personas"].([]any)); n != 1 {
			t.Fatalf("user %d has %d personas", i, n)
		}
	}
	// Whatever raced, the same file now changes nothing.
	if rep := importReport(h, d.Admin, "", ndjson, file.String()); rep.Unchanged != 12 {
		t.Fatalf("%+v", rep)
	}
}

func TestAnImportThatMeetsADynamoDBFailureReportsTheLinesAndFinishesWhenRepeated(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	d := h.DemoIDs()
	file := `{"email":"ann@initech.test","personas":[{"type":"customer","scope":["company:initech"],"preferred":true}]}` + "\n" +
		`{"email":"alice@acme.test","given_name":"Alicia"}` + "\n"
	before := exportAll(h, d.Admin, 100)
	h.FailWrites(true)
	rep := importReport(h, d.Admin, "", ndjson, file)
	h.FailWrites(false)
	if len(rep.Errors) != 2 || rep.Errors[0].Code != "unavailable" || rep.Errors[1].Code != "unavailable" {
		t.Fatalf("%+v", rep)
	}
	if after := exportAll(h, d.Admin, 100); after != before {
		t.Fatal("failed lines were half-written")
	}
	if rep := importReport(h, d.Admin, "", ndjson, file); rep.Created != 1 || rep.Updated != 1 {
		t.Fatalf("%+v", rep)
	}
	// Reads failing before anything is written fail the whole import.
	h.FailAll(true)
	r := importFile(h, d.Admin, "", ndjson, file)
	h.FailAll(false)
	if r.Status != 503 || r.Header.Get("Retry-After") == "" {
		t.Fatalf("%d %s", r.Status, r.Raw)
	}
}

func TestExportPagesReadOnlyTheirUsers(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	d := h.DemoIDs()
	h.Must(200, d.Admin, "GET", "/admin/settings", nil) // the admin's first sight is behind us
	r := h.Must(200, d.Admin, "GET", "/admin/export?limit=3", nil)
	if n := lineCount(string(r.Raw)); n != 3 || r.Header.Get("Link") == "" {
		t.Fatalf("%d lines, link %q", n, r.Header.Get("Link"))
	}
	var first map[string]any
	if err := json.NewDecoder(bytes.NewReader(r.Raw)).Decode(&first); err != nil || first["email"] != "admin@demo.test" {
		t.Fatalf("%v %v", first, err)
	}
	if r.Calls != 1+1+3 { // authentication, the page of users, each user's personas
		t.Fatalf("%d round trips for a page of 3", r.Calls)
	}
}

func TestUsersAsLargeAsTheAPIAllowsMoveBetweenTenants(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	d := h.DemoIDs()
	blob := strings.Repeat("x", 60<<10)
	h.Must(200, d.Admin, "PATCH", "/admin/users/"+d.AliceID, map[string]any{"attributes": map[string]any{"blob": blob}})
	for _, p := range []string{d.AliceStaff, d.AliceCustomer} {
		h.Must(200, d.Admin, "PATCH", "/admin/users/"+d.AliceID+"/personas/"+p, map[string]any{"attributes": map[string]any{"blob": blob}})
	}
	export := exportAll(h, d.Admin, 100)
	other := h.Token("admin@other.test", "other", true)
	copyDefinitions(h, d.Admin, other)
	rep := importReport(h, other, "", ndjson, export)
	if len(rep.Errors) != 0 || rep.Created != 4 {
		t.Fatalf("%+v", rep)
	}
	if !reflect.DeepEqual(normalized(t, export), normalized(t, exportAll(h, other, 100), "admin@other.test")) {
		t.Fatal("the large user did not move whole")
	}
	// The emulator does not enforce DynamoDB's 400 KB item limit: check the
	// largest items these lines wrote, their audit records, against it.
	n, largest := 0, 0
	for _, a := range h.Must(200, other, "GET", "/admin/audit?limit=100", nil).Items() {
		if a["action"] == "user.imported" {
			b, _ := json.Marshal(a)
			n, largest = n+1, max(largest, len(b))
		}
	}
	if largest > 350_000 {
		t.Fatalf("an import audit record of %d bytes is too close to the 400 KB item limit", largest)
	}
	t.Logf("largest import audit record: %d bytes", largest)
	if n != lineCount(export) || n != 5 { // Alice's profile and two personas need two lines
		t.Fatalf("%d import audit records for %d lines", n, lineCount(export))
	}
}
