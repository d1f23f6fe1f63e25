package userfile

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/personaportal/portal/internal/domain"
	"github.com/personaportal/portal/internal/portal"
)

func TestFormatsAreChosenByContentType(t *testing.T) {
	for ct, want := range map[string]Format{"text/csv": CSV, "text/csv; charset=utf-8": CSV, "application/x-ndjson": NDJSON,
		"application/json": NDJSON, "application/jsonl": NDJSON} {
		if f, ok := FormatOf(ct); !ok || f != want {
			t.Errorf("%s: %v %v", ct, f, ok)
		}
	}
	for _, ct := range []string{"", "text/plain", "application/xml", "multipart/form-data; boundary=x"} {
		if _, ok := FormatOf(ct); ok {
			t.Errorf("%q accepted", ct)
		}
	}
}

func TestCSVRowsReadAsUsersWithOnePersona(t *testing.T) {
	sample, err := os.ReadFile("../../docs/import-sample.csv")
	if err != nil {
		t.Fatal(err)
	}
	lines, err := Read(append([]byte("\uFEFF"), sample...), CSV)
	if err != nil {
		t.Fatal(err)
	}
	if len(lines) != 6 || lines[0].Line != 2 || lines[5].Line != 7 {
		t.Fatalf("%+v", lines)
	}
	dave := lines[1]
	p := dave.User.Personas[0]
	if dave.Err != nil || dave.User.Email != "dave@initech.test" || dave.User.Profile.GivenName != nil ||
		p.Type != "customer" || *p.Email != "dave.buyer@initech.test" || strings.Join(*p.Entitlements, ",") != "orders:read,reports:read" ||
		!p.ValidUntil.Set || !p.ValidUntil.Time.Equal(time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)) {
		t.Fatalf("%+v %+v", dave, p)
	}
	if frank := lines[5].User; len(frank.Personas) != 0 || *frank.Profile.GivenName != "Frank" {
		t.Fatalf("a row without persona cells read a persona: %+v", frank)
	}
	if lines[0].User.Profile.Attributes["employee_id"] != "E-1042" || lines[0].User.Personas[0].Attributes["cost_center"] != "CC-310" {
		t.Fatalf("attributes: %+v", lines[0].User)
	}
}

func TestCSVNamesColumnsInMessages(t *testing.T) {
	for path, col := range map[string]string{"email": "email", "status": "user_status", "attributes.team": "attr:team",
		"personas[0].scope": "persona_scope", "personas[0].status.changed_by": "persona_status_changed_by",
		"personas[0].attributes.cc": "persona_attr:cc", "personas[0]": "persona", "personas[0].valid_until": "persona_valid_until"} {
		if got := CSV.FieldName(path); got != col {
			t.Errorf("%s: %s, want %s", path, got, col)
		}
		if got := NDJSON.FieldName(path); got != path {
			t.Errorf("NDJSON renamed %s to %s", path, got)
		}
	}
}

func TestNDJSONStatusIsAnObjectOrAString(t *testing.T) {
	lines, err := Read([]byte(`{"email":"a@x.test","personas":[{"type":"t","status":"revoked"},`+
		`{"type":"t","status":{"value":"expired","changed_at":"2026-01-02T03:04:05Z","changed_by":"system:expire"}}]}`+"\n"+
		`{"email":"b@x.test","personas":[{"type":"t","status":{"value":"expired","why":"?"}}]}`), NDJSON)
	if err != nil || len(lines) != 2 {
		t.Fatal(err, lines)
	}
	ps := lines[0].User.Personas
	if lines[0].Err != nil || ps[0].Status.Value != "revoked" || ps[1].Status.Value != "expired" ||
		*ps[1].Status.ChangedBy != "system:expire" || ps[1].Status.ChangedAt.Hour() != 3 {
		t.Fatalf("%+v", lines[0])
	}
	if lines[1].Err == nil {
		t.Fatal("an unknown field in a status object was accepted")
	}
}

func TestExportSplitsAUserOverLinesOfAtMost25Personas(t *testing.T) {
	u := portal.ExportUser{Profile: domain.Profile{ID: "u1", Email: "a@x.test"}}
	for range 51 {
		u.Personas = append(u.Personas, domain.Persona{ID: domain.NewID(), Type: "t"})
	}
	var buf bytes.Buffer
	if err := Write(&buf, []portal.ExportUser{u, {Profile: domain.Profile{Email: "b@x.test"}}}); err != nil {
		t.Fatal(err)
	}
	lines, err := Read(buf.Bytes(), NDJSON)
	if err != nil {
		t.Fatal(err)
	}
	var sizes []int
	for _, l := range lines {
		if l.Err != nil {
			t.Fatal(l.Err)
		}
		sizes = append(sizes, len(l.User.Personas))
	}
	if len(sizes) != 4 || sizes[0] != 25 || sizes[1] != 25 || sizes[2] != 1 || sizes[3] != 0 {
		t.Fatalf("line sizes %v", sizes)
	}
}

func TestExportKeepsEveryLineUnderTheLineLimit(t *testing.T) {
	big := strings.Repeat("x", 60<<10) // as large as the API lets one attribute be
	u := portal.ExportUser{Profile: domain.Profile{Email: "a@x.test"}}
	for range 40 {
		u.Personas = append(u.Personas, domain.Persona{ID: domain.NewID(), Type: "t", Attributes: map[string]any{"blob": big}})
	}
	var buf bytes.Buffer
	if err := Write(&buf, []portal.ExportUser{u}); err != nil {
		t.Fatal(err)
	}
	lines, err := Read(buf.Bytes(), NDJSON)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, l := range lines {
		if l.Err != nil {
			t.Fatalf("line %d: %v", l.Line, l.Err)
		}
		n += len(l.User.Personas)
	}
	if n != 40 || len(lines) < 3 {
		t.Fatalf("%d personas over %d lines", n, len(lines))
	}
}

// FuzzRead: whatever the bytes, reading never panics, and every line it
// returns carries a line number inside the file.
func FuzzRead(f *testing.F) {
	sample, _ := os.ReadFile("../../docs/import-sample.csv")
	f.Add(sample, true)
	f.Add([]byte(`{"email":"a@x.test","personas":[{"type":"t","scope":["a"],"valid_until":null,"status":"revoked"}]}`), false)
	f.Add([]byte("email,persona_type\n\"a@x\n.test\",t\n\"broken,\n"), true)
	f.Fuzz(func(t *testing.T, body []byte, csv bool) {
		format := NDJSON
		if csv {
			format = CSV
		}
		lines, err := Read(body, format)
		if err != nil {
			return
		}
		n := bytes.Count(body, []byte("\n")) + 1
		for _, l := range lines {
			if l.Line < 1 || l.Line > n {
				t.Fatalf("line %d in a file of %d lines", l.Line, n)
			}
		}
	})
}
