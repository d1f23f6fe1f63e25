package httpapi_test

import (
	"bufio"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/personaportal/portal/internal/apitest"
)

// rawGet sends a request line as written (no client cleans the path) to a
// real server and returns the response.
func rawGet(t *testing.T, srv *httptest.Server, target, token string) (*http.Response, []byte) {
	t.Helper()
	conn, err := net.Dial("tcp", srv.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\nConnection: close\r\n\r\n", target, token)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp, body
}

func TestPathsThatAreNotCanonicalAreNotRoutes(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	d := h.DemoIDs()
	srv := httptest.NewServer(h.Portal.Handler)
	defer srv.Close()
	for _, target := range []string{
		"/me/personas/../../admin/users", "/me/./personas", "//admin/users", "/admin//users",
		"/me/personas/%2e%2e/%2E%2E/admin/users", "/me/%2e/personas", "/me/personas/.", "/./me",
	} {
		resp, body := rawGet(t, srv, target, d.Admin)
		var e struct {
			Error struct{ Code, Message string } `json:"error"`
		}
		if resp.StatusCode != 404 || json.Unmarshal(body, &e) != nil || e.Error.Code != "not_found" {
			t.Errorf("%s: %d %s, want 404 in the error shape", target, resp.StatusCode, body)
		}
		if loc := resp.Header.Get("Location"); loc != "" {
			t.Errorf("%s: redirects to %q", target, loc)
		}
	}
	// The canonical forms still answer.
	if resp, body := rawGet(t, srv, "/admin/users", d.Admin); resp.StatusCode != 200 {
		t.Fatalf("/admin/users: %d %s", resp.StatusCode, body)
	}
}

func TestEveryAnswerCarriesTheSecurityHeaders(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	d := h.DemoIDs()
	srv := httptest.NewServer(h.Portal.Handler)
	defer srv.Close()
	cases := []struct{ name, method, path, token, body string }{
		{"an authenticated read", "GET", "/me", d.Alice, ""},
		{"an authenticated write", "PATCH", "/me", d.Alice, `{"phone":"+41 79 000 00 00"}`},
		{"a 400", "PATCH", "/me", d.Alice, `{"nope":1}`},
		{"a 401", "GET", "/me", "", ""},
		{"a 403", "GET", "/admin/users", d.Alice, ""},
		{"a 404 of a route", "GET", "/me/personas/0190a3c0-0000-7000-8000-000000000000", d.Alice, ""},
		{"an unknown route", "GET", "/nope", d.Alice, ""},
		{"the health check", "GET", "/healthz", "", ""},
		{"the dev login", "POST", "/dev/login", "", `{"email":"alice@acme.test","tenant":"demo"}`},
	}
	for _, c := range cases {
		req, _ := http.NewRequest(c.method, srv.URL+c.path, strings.NewReader(c.body))
		if c.body != "" {
			req.Header.Set("Content-Type", "application/json")
		}
		if c.token != "" {
			req.Header.Set("Authorization", "Bearer "+c.token)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		hd := resp.Header
		if hd.Get("X-Content-Type-Options") != "nosniff" || hd.Get("Cache-Control") != "no-store" {
			t.Errorf("%s (%d): X-Content-Type-Options %q, Cache-Control %q", c.name, resp.StatusCode,
				hd.Get("X-Content-Type-Options"), hd.Get("Cache-Control"))
		}
		for _, name := range []string{"Server", "X-Powered-By", "X-AspNet-Version", "Via"} {
			if v := hd.Get(name); v != "" {
				t.Errorf("%s: %s: %q names the server's software", c.name, name, v)
			}
		}
		if !strings.HasPrefix(hd.Get("Content-Security-Policy"), "default-src 'none'") {
			t.Errorf("%s: Content-Security-Policy %q", c.name, hd.Get("Content-Security-Policy"))
		}
	}
}

func randomToken() string {
	b := make([]byte, 48)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

func TestEveryNotFoundOfAMagicLinkSaysTheSameWhateverTheCause(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	d := h.DemoIDs()
	_, token := prepare(t, h, d.Bob, "carol@globex.test", "company:globex")
	raw, _ := base64.RawURLEncoding.DecodeString(token)
	wrongSecret := append([]byte{}, raw...)
	wrongSecret[len(wrongSecret)-1] ^= 0xff
	causes := []struct{ name, caller, token string }{
		{"another user's link", d.Alice, token},
		{"a random token", d.Alice, randomToken()},
		{"a real request ID with a wrong secret", d.Carol, base64.RawURLEncoding.EncodeToString(wrongSecret)},
		{"a token that is not base64", d.Carol, "not*a*token"},
		{"a short token", d.Carol, "abc"},
		{"another tenant", h.Token("carol@globex.test", "other", false), token},
	}
	for _, ep := range []struct{ method, suffix string }{{"GET", ""}, {"POST", "/accept"}, {"POST", "/reject"}} {
		var first string
		for _, c := range causes {
			r := h.Do(c.caller, ep.method, "/magic-links/"+c.token+ep.suffix, nil)
			if r.Status != 404 {
				t.Fatalf("%s %s: %d %s", ep.method, c.name, r.Status, r.Raw)
			}
			if first == "" {
				first = string(r.Raw)
			}
			if string(r.Raw) != first {
				t.Errorf("%s %s: %s, while the first cause answered %s", ep.method+ep.suffix, c.name, r.Raw, first)
			}
		}
	}
	// The link still works for its subject: nothing above spent it.
	h.Must(200, d.Carol, "GET", "/magic-links/"+token, nil)
}

func TestEveryNotFoundOfAUsersPersonaSaysTheSameWhateverTheCause(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	d := h.DemoIDs()
	unknown := "0190a3c0-0000-7000-8000-000000000000"
	for _, c := range []struct {
		name, token, prefix string
		paths               []string
	}{
		{"tenant admin", d.Admin, "/admin/users/", []string{
			d.AliceID + "/personas/" + unknown, unknown + "/personas/" + d.AliceStaff, "not-an-id/personas/" + unknown}},
		{"delegated admin", h.Token("bob@acme.test", "demo", false), "/users/", []string{
			d.AliceID + "/personas/" + unknown, unknown + "/personas/" + unknown, d.CarolID + "/personas/" + unknown}},
	} {
		var first string
		for _, p := range c.paths {
			r := h.Do(c.token, "DELETE", c.prefix+p, nil)
			if r.Status != 404 {
				t.Fatalf("%s DELETE %s: %d %s", c.name, p, r.Status, r.Raw)
			}
			if first == "" {
				first = string(r.Raw)
			}
			if string(r.Raw) != first {
				t.Errorf("%s DELETE %s: %s, while the first answered %s", c.name, p, r.Raw, first)
			}
		}
	}
}
