package httpapi_test

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/personaportal/portal/internal/apitest"
	"github.com/personaportal/portal/internal/httpapi"
	"github.com/personaportal/portal/internal/operations"
)

// syncBuffer is a log sink the handler writes from several goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// Every request leaves one JSON log line naming its request ID, operation,
// route, tenant, caller, status and duration, which is also a CloudWatch
// embedded-metric-format record; no line carries a token, a magic-link
// token, an e-mail body or an attribute value.
func TestEveryRequestLogsOneLineWithItsFieldsAndNoSecret(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	d := h.DemoIDs()
	logs := &syncBuffer{}
	api := &httpapi.API{Service: h.Portal.Service, Auth: h.Portal.Auth, EMF: true,
		Log: slog.New(slog.NewJSONHandler(logs, nil))}
	mux := http.NewServeMux()
	operations.Mount(mux, api, operations.All...)
	srv := api.Serve(mux)
	send := func(token, method, path, body string) int {
		req := httptest.NewRequest(method, path, strings.NewReader(body))
		if body != "" {
			req.Header.Set("Content-Type", "application/json")
		}
		req.Header.Set("Authorization", "Bearer "+token)
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		return rec.Code
	}
	req, magic := prepare(t, h, d.Bob, "carol@globex.test", "company:globex")
	secretAttr := "s3cr3t-attribute-value"
	for _, c := range []struct {
		token, method, path, body string
		want                      int
	}{
		{d.Carol, "GET", "/magic-links/" + magic, "", 200},
		{d.Carol, "POST", "/magic-links/" + magic + "/accept", "", 200},
		{d.Alice, "PATCH", "/me", `{"attributes":{"badge":"` + secretAttr + `"}}`, 200},
		{d.Alice, "GET", "/admin/users", "", 403},
		{"forged", "GET", "/me", "", 401},
		{d.Alice, "GET", "/nowhere", "", 404},
	} {
		if got := send(c.token, c.method, c.path, c.body); got != c.want {
			t.Fatalf("%s %s: %d, want %d", c.method, c.path, got, c.want)
		}
	}
	out := logs.String()
	for _, secret := range []string{magic, d.Carol, d.Alice, secretAttr, "forged", req["id"].(string) + "/"} {
		if strings.Contains(out, secret) {
			t.Errorf("a log line carries a secret (%.24s…):\n%s", secret, out)
		}
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 6 {
		t.Fatalf("%d log lines for 6 requests:\n%s", len(lines), out)
	}
	wantOps := []string{"get-magic-link", "accept-magic-link", "patch-me", "list-users", "get-me", "unrouted"}
	for i, l := range lines {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("not JSON: %s", l)
		}
		for _, f := range []string{"request_id", "operation", "route", "method", "status", "outcome", "duration_ms", "tenant", "user_id", "_aws"} {
			if _, ok := m[f]; !ok {
				t.Errorf("line %d has no %s: %s", i, f, l)
			}
		}
		if m["operation"] != wantOps[i] || m["Operation"] != wantOps[i] || m["Requests"] != 1.0 {
			t.Errorf("line %d: operation %v, want %s: %s", i, m["operation"], wantOps[i], l)
		}
		if i < 4 && (m["tenant"] != "demo" || m["user_id"] == "") {
			t.Errorf("line %d names no tenant or caller: %s", i, l)
		}
		aws := m["_aws"].(map[string]any)
		cw := aws["CloudWatchMetrics"].([]any)[0].(map[string]any)
		if cw["Namespace"] != httpapi.MetricNamespace || aws["Timestamp"] == nil {
			t.Errorf("line %d: EMF metadata %v", i, aws)
		}
	}
	if lines[1] == "" || !strings.Contains(lines[1], `"route":"POST /magic-links/{token}/accept"`) {
		t.Errorf("the accept line names no route pattern: %s", lines[1])
	}
	for i, want := range []string{"success", "success", "success", "client_error", "client_error", "client_error"} {
		if !strings.Contains(lines[i], `"Outcome":"`+want+`"`) {
			t.Errorf("line %d: outcome is not %s: %s", i, want, lines[i])
		}
	}
}
