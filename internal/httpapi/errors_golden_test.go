package httpapi_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/personaportal/portal/internal/apitest"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestErrorBodiesMatchTheContract snapshots the public error bodies, so any
// change to their shape, codes or messages is a visible diff in review.
func TestErrorBodiesMatchTheContract(t *testing.T) {
	h := apitest.NewDemo(t)
	d := h.DemoIDs()
	type shot struct {
		Name   string          `json:"name"`
		Status int             `json:"status"`
		Header string          `json:"www_authenticate,omitempty"`
		Body   json.RawMessage `json:"body"`
	}
	var shots []shot
	add := func(name string, r apitest.Response) {
		shots = append(shots, shot{Name: name, Status: r.Status, Header: r.Header.Get("WWW-Authenticate"), Body: bytes.TrimSpace(r.Raw)})
	}
	add("unauthenticated", h.Do("", "GET", "/me", nil))
	add("invalid_request", h.Do(d.Alice, "PATCH", "/me", map[string]any{"timezone": "Nowhere/Else"}))
	add("field_not_editable", h.Do(d.Alice, "PATCH", "/me", map[string]any{"email": "x@y.test"}))
	add("unknown_field", h.Do(d.Alice, "PATCH", "/me", map[string]any{"nick": "x"}))
	add("step_up_required", h.Do(h.TokenAged("bob@acme.test", "demo", false, 9999), "PUT", "/me/active-persona", map[string]any{"persona_id": d.BobAdmin}))
	add("forbidden", h.Do(d.Alice, "GET", "/admin/users", nil))
	add("not_found", h.Do(d.Alice, "GET", "/me/personas/"+d.BobAdmin, nil))
	add("conflict", h.Do(d.Admin, "POST", "/admin/users", map[string]any{"email": "alice@acme.test"}))
	withdrawn, link := prepare(t, h, d.Bob, "carol@globex.test", "company:globex")
	h.Must(200, d.Bob, "DELETE", "/me/requests/"+withdrawn["id"].(string), nil)
	add("gone", h.Do(d.Carol, "GET", "/magic-links/"+link, nil))
	add("payload_too_large", h.Do(d.Alice, "PATCH", "/me", map[string]any{"given_name": strings.Repeat("x", 70000)}))
	add("unsupported_media_type", h.Send(apitest.Request("PATCH", "/me", "a=b", d.Alice, "text/plain")))
	h.FailAll(true)
	add("unavailable", h.Do(d.Alice, "GET", "/me", nil))
	h.FailAll(false)

	got, _ := json.MarshalIndent(shots, "", "  ")
	got = append(got, '\n')
	const path = "testdata/errors.golden.json"
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run: go test ./internal/httpapi -run ErrorBodies -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("error bodies changed; if intended, run with -update and review the diff.\ngot:\n%s", got)
	}
}
