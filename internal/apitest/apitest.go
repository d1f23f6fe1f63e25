// Package apitest drives the whole portal in tests: a fresh local portal
// (every operation, the dev issuer, the embedded DynamoDB reached through
// the real AWS SDK over HTTP) per test, requests through httptest, and the
// DynamoDB round trips each request made.
package apitest

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/personaportal/portal/internal/auth/jwtauth"
	"github.com/personaportal/portal/internal/localportal"
	"github.com/personaportal/portal/internal/portal"
	"github.com/personaportal/portal/internal/seed"
	"github.com/personaportal/portal/internal/store"
)

// Harness is one portal under test.
type Harness struct {
	T      testing.TB
	Portal *localportal.Portal

	mu  sync.Mutex
	now time.Time
	// failWrites makes the embedded DynamoDB answer every
	// TransactWriteItems with an InternalServerError.
	failWrites atomic.Bool
	// failAll makes it answer every call so.
	failAll atomic.Bool
}

// New starts a portal with an empty table. Its clock starts at a fixed
// instant and moves only with Advance.
func New(t testing.TB) *Harness { return NewWithMailer(t, nil) }

// NewWithMailer starts a portal whose send-email job delivers through m
// (nil: the local outbox).
func NewWithMailer(t testing.TB, m portal.Mailer) *Harness {
	t.Helper()
	h := &Harness{T: t, now: time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)}
	// Two attempts, as a real client makes at least: a transient loopback
	// hiccup under a loaded -race run is retried, while the injected faults
	// (which fail every attempt) still surface as 503s.
	p, err := localportal.New(context.Background(), localportal.Config{Now: h.Now, MaxAttempts: 2, Mailer: m,
		WrapDB: h.injectFaults, Log: slog.New(slog.NewTextHandler(testLog{t}, &slog.HandlerOptions{Level: slog.LevelWarn}))})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = p.Close() })
	h.Portal = p
	return h
}

// testLog sends the portal's warnings and errors to the test's log.
type testLog struct{ t testing.TB }

func (l testLog) Write(b []byte) (int, error) {
	l.t.Log(strings.TrimSpace(string(b)))
	return len(b), nil
}

// FailWrites makes every transaction fail (as DynamoDB does when it has an
// internal error) until called with false. Reads keep working, so a test
// sees the write itself fail after all checks passed.
func (h *Harness) FailWrites(on bool) { h.failWrites.Store(on) }

// FailAll makes every DynamoDB call fail with an InternalServerError
// until called with false.
func (h *Harness) FailAll(on bool) { h.failAll.Store(on) }

func (h *Harness) injectFaults(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if h.failAll.Load() || h.failWrites.Load() && strings.HasSuffix(r.Header.Get("X-Amz-Target"), ".TransactWriteItems") {
			w.Header().Set("Content-Type", "application/x-amz-json-1.0")
			w.WriteHeader(http.StatusInternalServerError)
			_, _ = w.Write([]byte(`{"__type":"com.amazonaws.dynamodb.v20120810#InternalServerError","message":"injected fault"}`))
			return
		}
		next.ServeHTTP(w, r)
	})
}

// NewDemo starts a portal seeded with the demo tenant.
func NewDemo(t testing.TB) *Harness { return NewDemoWithMailer(t, nil) }

// NewDemoWithMailer starts a demo portal whose e-mails go through m.
func NewDemoWithMailer(t testing.TB, m portal.Mailer) *Harness {
	h := NewWithMailer(t, m)
	if _, err := seed.Demo(context.Background(), h.Portal.Service, h.Portal.Store, "https://portal.demo.test"); err != nil {
		t.Fatal(err)
	}
	return h
}

// Now is the harness clock.
func (h *Harness) Now() time.Time {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.now
}

// Advance moves the clock.
func (h *Harness) Advance(d time.Duration) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.now = h.now.Add(d)
}

// Token signs a dev token.
func (h *Harness) Token(email, tenant string, admin bool) string {
	return h.TokenAged(email, tenant, admin, 0)
}

// TokenAged signs a dev token whose authentication is ageSeconds old.
func (h *Harness) TokenAged(email, tenant string, admin bool, ageSeconds int) string {
	h.T.Helper()
	tok, err := h.Portal.Issuer.Issue(jwtauth.DevLogin{Email: email, Tenant: tenant, Admin: admin, AuthAgeSeconds: ageSeconds})
	if err != nil {
		h.T.Fatal(err)
	}
	return tok
}

// Response is a recorded response.
type Response struct {
	Status int
	Header http.Header
	Raw    []byte
	// Calls is the number of DynamoDB round trips the request made.
	Calls int
	t     testing.TB
}

// JSON decodes the body into a generic map.
func (r Response) JSON() map[string]any {
	var m map[string]any
	if err := json.Unmarshal(r.Raw, &m); err != nil {
		r.t.Fatalf("response is not a JSON object: %v: %s", err, r.Raw)
	}
	return m
}

// Decode decodes the body into v.
func (r Response) Decode(v any) {
	if err := json.Unmarshal(r.Raw, v); err != nil {
		r.t.Fatalf("decode: %v: %s", err, r.Raw)
	}
}

// Str returns a top-level string field.
func (r Response) Str(field string) string {
	s, _ := r.JSON()[field].(string)
	return s
}

// Items returns the items of a list response.
func (r Response) Items() []map[string]any {
	var l struct {
		Items []map[string]any `json:"items"`
	}
	r.Decode(&l)
	return l.Items
}

// Code returns the error code of an error response ("" otherwise).
func (r Response) Code() string {
	var e struct {
		Error struct {
			Code string `json:"code"`
		} `json:"error"`
	}
	_ = json.Unmarshal(r.Raw, &e)
	return e.Error.Code
}

// Fields returns details.fields of a 400 invalid_request.
func (r Response) Fields() map[string]any {
	var e struct {
		Error struct {
			Details struct {
				Fields map[string]any `json:"fields"`
			} `json:"details"`
		} `json:"error"`
	}
	_ = json.Unmarshal(r.Raw, &e)
	return e.Error.Details.Fields
}

// Details returns the details of an error response (nil when it has none).
func (r Response) Details() map[string]any {
	var e struct {
		Error struct {
			Details map[string]any `json:"details"`
		} `json:"error"`
	}
	_ = json.Unmarshal(r.Raw, &e)
	return e.Error.Details
}

// Do sends a request; body may be nil, a string (sent as is) or a value
// (sent as JSON). token may be empty.
func (h *Harness) Do(token, method, path string, body any) Response {
	h.T.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	default:
		j, err := json.Marshal(b)
		if err != nil {
			h.T.Fatal(err)
		}
		rd = bytes.NewReader(j)
	}
	req := httptest.NewRequest(method, path, rd)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	return h.Send(req)
}

// Send sends a prepared request, and fails the test (without stopping
// it) when the exchange disagrees with the OpenAPI document (see
// CheckContract).
func (h *Harness) Send(req *http.Request) Response {
	h.T.Helper()
	var body []byte
	if req.Body != nil {
		var err error
		if body, err = io.ReadAll(req.Body); err != nil {
			h.T.Fatal(err)
		}
		req.Body = io.NopCloser(bytes.NewReader(body))
	}
	ctx, calls := store.WithCallCounter(req.Context())
	rec := httptest.NewRecorder()
	h.Portal.Handler.ServeHTTP(rec, req.WithContext(ctx))
	for _, p := range CheckContract(req, body, rec.Code, rec.Header(), rec.Body.Bytes()) {
		h.T.Errorf("%s %s answered %d, which disagrees with docs/openapi.json: %s", req.Method, req.URL.RequestURI(), rec.Code, p)
	}
	return Response{Status: rec.Code, Header: rec.Header(), Raw: rec.Body.Bytes(), Calls: calls.Count(), t: h.T}
}

// Must sends a request and fails the test unless it answers want.
func (h *Harness) Must(want int, token, method, path string, body any) Response {
	h.T.Helper()
	r := h.Do(token, method, path, body)
	if r.Status != want {
		h.T.Fatalf("%s %s: status %d, want %d: %s", method, path, r.Status, want, r.Raw)
	}
	return r
}

// Demo holds the demo tenant's IDs, read through the API.
type Demo struct {
	Admin, Alice, Bob, Carol string // tokens
	AliceID, BobID, CarolID  string
	AliceStaff               string // persona IDs
	AliceCustomer            string
	BobAdmin                 string
}

// DemoIDs logs the demo users in and finds their IDs.
func (h *Harness) DemoIDs() Demo {
	h.T.Helper()
	d := Demo{Admin: h.Token("admin@demo.test", "demo", true), Alice: h.Token(seed.Alice, "demo", false),
		Bob: h.Token(seed.Bob, "demo", false), Carol: h.Token(seed.Carol, "demo", false)}
	d.AliceID = h.Must(200, d.Alice, "GET", "/me", nil).Str("id")
	d.BobID = h.Must(200, d.Bob, "GET", "/me", nil).Str("id")
	d.CarolID = h.Must(200, d.Carol, "GET", "/me", nil).Str("id")
	for _, p := range h.Must(200, d.Alice, "GET", "/me/personas", nil).Items() {
		switch p["type"] {
		case "staff":
			d.AliceStaff = p["id"].(string)
		case "customer":
			d.AliceCustomer = p["id"].(string)
		}
	}
	d.BobAdmin = h.Must(200, d.Bob, "GET", "/me/personas", nil).Items()[0]["id"].(string)
	return d
}

// Request builds a request with a raw body and content type.
func Request(method, path, body, token, contentType string) *http.Request {
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	req.Header.Set("Content-Type", contentType)
	req.Header.Set("Authorization", "Bearer "+token)
	return req
}
