package apitest

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/personaportal/portal/internal/localportal"
)

// recorder is a testing.TB that keeps what the hook reports instead of
// failing the real test.
type recorder struct {
	testing.TB
	errors []string
}

func (r *recorder) Errorf(format string, args ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}
func (r *recorder) Helper() {}

// fakePortal answers every request with one canned answer.
func fakePortal(status int, contentType, body string) *localportal.Portal {
	return &localportal.Portal{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if contentType != "" {
			w.Header().Set("Content-Type", contentType)
		}
		w.WriteHeader(status)
		_, _ = w.Write([]byte(body))
	})}
}

const persona = `{"id":"01a204f5-27ee-766b-8965-c03d198f1385","user_id":"01a204f5-27ee-766b-8965-c03d198f1386","type":"staff",
"scope":[],"preferred":true,"entitlements":[],"email":"a@b.test","valid_from":"2026-11-22T10:00:00Z","valid_until":null,
"status":{"value":"accepted","changed_at":"2026-11-22T10:00:00Z","changed_by":"x"},"active":true,"delegable":false,"attributes":{},
"delegation":null,"created_at":"2026-11-22T10:00:00Z","updated_at":"2026-11-22T10:00:00Z"}`

func TestTheContractHookReportsEveryAnswerTheDocumentDoesNotDescribe(t *testing.T) {
	const json = "application/json; charset=utf-8"
	setPreferred := func(body string) *http.Request {
		return Request("PUT", "/me/preferred-persona", body, "token", "application/json")
	}
	valid := `{"persona_id":"01a204f5-27ee-766b-8965-c03d198f1385"}`
	for _, c := range []struct {
		name        string
		req         *http.Request
		status      int
		contentType string
		body        string
		want        string // "" when the exchange is as documented
	}{
		{"a documented answer passes", setPreferred(valid), 200, json, persona, ""},
		{"a documented error passes", setPreferred(`{`), 400, json, `{"error":{"code":"invalid_request","message":"x"}}`, ""},
		{"a malformed request the server refused passes", setPreferred(`{"persona_id":1}`), 400, json,
			`{"error":{"code":"invalid_request","message":"x","details":{"fields":{"persona_id":"must be a string"}}}}`, ""},
		{"the router's 404 passes", httpRequest("GET", "/nowhere"), 404, json, `{"error":{"code":"not_found","message":"no such route"}}`, ""},
		{"a field of the wrong type is caught", httpRequest("GET", "/healthz"), 200, json, `{"status":5}`, "response"},
		{"an undocumented field is caught", httpRequest("GET", "/healthz"), 200, json, `{"status":"ok","uptime":3}`, "response"},
		{"a missing field is caught", setPreferred(valid), 200, json, strings.Replace(persona, `"active":true,`, "", 1), "response"},
		{"an undocumented status is caught", httpRequest("GET", "/healthz"), 418, json, `{}`, "response"},
		{"an error code its status does not document is caught", setPreferred(valid), 401, json,
			`{"error":{"code":"forbidden","message":"x"}}`, "response"},
		{"an error outside the error shape is caught", setPreferred(valid), 409, json, `{"message":"conflict"}`, "response"},
		{"a wrong content type is caught", httpRequest("GET", "/healthz"), 200, "text/plain", `{"status":"ok"}`, "response"},
		{"an accepted request the document forbids is caught", setPreferred(`{"persona_id":"01a204f5-27ee-766b-8965-c03d198f1385","x":1}`),
			200, json, persona, "accepted request"},
		{"a router 404 outside the error shape is caught", httpRequest("GET", "/nowhere"), 404, "text/plain",
			`{"error":{"code":"not_found","message":"no such route"}}`, "router's 404"},
	} {
		t.Run(c.name, func(t *testing.T) {
			rec := &recorder{TB: t}
			h := &Harness{T: rec, Portal: fakePortal(c.status, c.contentType, c.body)}
			h.Send(c.req)
			got := strings.Join(rec.errors, "\n")
			switch {
			case c.want == "" && got != "":
				t.Fatalf("reported a documented exchange:\n%s", got)
			case c.want != "" && !strings.Contains(got, c.want):
				t.Fatalf("did not report it (want %q):\n%s", c.want, got)
			}
		})
	}
}

func httpRequest(method, path string) *http.Request {
	r, _ := http.NewRequest(method, "http://portal.test"+path, nil)
	return r
}
