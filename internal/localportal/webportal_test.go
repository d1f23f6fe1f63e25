package localportal_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/personaportal/portal/internal/devoidc"
	"github.com/personaportal/portal/internal/localportal"
	"github.com/personaportal/portal/internal/portal"
	"github.com/personaportal/portal/internal/webportal"
)

var methods = []string{"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"}

// The portal's pages and the API's paths never overlap: no page reaches an
// API route or the provider, and the portal's fallback answers no API
// path (operations.All, the local-only routes, the provider's), whatever
// the method.
func TestPortalPathsNeverCollideWithTheAPI(t *testing.T) {
	p, err := devoidc.New(devoidc.Config{BaseURL: "http://127.0.0.1:8080", Key: testKey(t)})
	if err != nil {
		t.Fatal(err)
	}
	apiMux := http.NewServeMux()
	p.Mount(apiMux)
	var apiPaths []string
	for _, o := range localportal.Operations() {
		apiMux.HandleFunc(o.Pattern(), func(http.ResponseWriter, *http.Request) {})
		apiPaths = append(apiPaths, param.ReplaceAllString(o.Path, "x"))
	}
	for _, r := range devoidc.Routes {
		apiPaths = append(apiPaths, devoidc.PathPrefix+r)
	}
	site := webportal.Site{Dir: t.TempDir()}
	for _, page := range webportal.Pages {
		path := param.ReplaceAllString(page, "x")
		for _, m := range methods {
			if _, pattern := apiMux.Handler(httptest.NewRequest(m, path, nil)); pattern != "" {
				t.Errorf("the portal's page %s reaches the API's %q (%s)", page, pattern, m)
			}
		}
		if !site.Handles(httptest.NewRequest("GET", path, nil)) {
			t.Errorf("the portal does not serve its page %s", page)
		}
	}
	for _, path := range apiPaths {
		for _, sub := range []string{"", "/unknown"} {
			for _, m := range methods {
				if site.Handles(httptest.NewRequest(m, path+sub, nil)) {
					t.Errorf("the portal's fallback answers the API path %s %s", m, path+sub)
				}
			}
		}
	}
}

// Every page an e-mail links to is a page of the portal.
func TestEmailsLinkToThePortalsPages(t *testing.T) {
	site := webportal.Site{Dir: t.TempDir()}
	pages := http.NewServeMux()
	for _, page := range webportal.Pages {
		pages.HandleFunc("GET "+page, func(http.ResponseWriter, *http.Request) {})
	}
	for _, link := range []string{portal.PageMyWork, portal.PagePersonas, portal.PageMagic + "AaIF-token"} {
		r := httptest.NewRequest("GET", link, nil)
		if _, pattern := pages.Handler(r); pattern == "" || !site.Handles(r) {
			t.Errorf("e-mails link to %s, which is no page of the portal", link)
		}
	}
}

// The local server serves the built portal: index.html for every page
// (never cached, a strict CSP, no Referer), the hashed bundles for good,
// a /config.json aimed at its own API and provider; the API's answers,
// and its JSON 404 for unknown paths, stay as they were.
func TestTheLocalServerServesTheBuiltPortal(t *testing.T) {
	dist := t.TempDir()
	write(t, filepath.Join(dist, "index.html"), "<!doctype html><title>portal</title>")
	write(t, filepath.Join(dist, "assets", "index-AbC123.js"), "console.log(1)")
	write(t, filepath.Join(dist, ".vite", "manifest.json"), "{}")
	p, err := localportal.New(context.Background(), localportal.Config{BaseURL: "http://127.0.0.1:9999", WebDir: dist})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	get := func(path string) *httptest.ResponseRecorder {
		rec := httptest.NewRecorder()
		p.Handler.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		return rec
	}
	for _, path := range []string{"/", "/account/general", "/account/personas/p-1", "/my-work", "/magic/tok_abc",
		"/callback?code=1&state=2", "/applications", "/account/nothing-here"} {
		rec := get(path)
		if rec.Code != 200 || !strings.Contains(rec.Body.String(), "<title>portal</title>") {
			t.Errorf("GET %s: %d %q", path, rec.Code, rec.Body)
		}
		h := rec.Header()
		if h.Get("Cache-Control") != "no-store" || h.Get("Content-Security-Policy") != webportal.CSP ||
			h.Get("Referrer-Policy") != "no-referrer" || !strings.HasPrefix(h.Get("Content-Type"), "text/html") {
			t.Errorf("GET %s: headers %v", path, h)
		}
	}
	if rec := get("/assets/index-AbC123.js"); rec.Code != 200 || rec.Header().Get("Cache-Control") != "public, max-age=31536000, immutable" ||
		!strings.Contains(rec.Header().Get("Content-Type"), "javascript") {
		t.Errorf("asset: %d %v", rec.Code, rec.Header())
	}
	for _, path := range []string{"/assets/missing.js", "/assets/", "/.vite/manifest.json"} {
		if rec := get(path); rec.Code != 404 {
			t.Errorf("GET %s: %d", path, rec.Code)
		}
	}
	rec := get("/config.json")
	var settings webportal.Settings
	if err := json.Unmarshal(rec.Body.Bytes(), &settings); err != nil || rec.Header().Get("Cache-Control") != "no-store" ||
		settings != (webportal.Settings{APIURL: "", Issuer: "http://127.0.0.1:9999/oidc", ClientID: devoidc.ClientID}) {
		t.Errorf("config.json: %s %v", rec.Body, err)
	}
	if !strings.Contains(rec.Body.String(), `"api_url":""`) {
		t.Errorf("config.json lacks api_url: %s", rec.Body)
	}
	// /silent-callback is no page: the portal has no silent renewal (docs/decisions.md, 16).
	for _, path := range []string{"/me/nothing", "/nothing", "/account/../me", "/admin/nothing", "/silent-callback"} {
		rec := get(path)
		if rec.Code != 404 || !strings.Contains(rec.Body.String(), `"not_found"`) {
			t.Errorf("GET %s: %d %s, want the API's JSON 404", path, rec.Code, rec.Body)
		}
	}
	if rec := get("/healthz"); rec.Code != 200 || rec.Header().Get("Content-Security-Policy") == webportal.CSP {
		t.Errorf("healthz: %d %v", rec.Code, rec.Header())
	}
}

// Before `make web` the server still starts, and its root says how to
// build the portal.
func TestTheLocalServerSaysHowToBuildThePortal(t *testing.T) {
	p, err := localportal.New(context.Background(), localportal.Config{BaseURL: "http://127.0.0.1:9999",
		WebDir: filepath.Join(t.TempDir(), "missing")})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	rec := httptest.NewRecorder()
	p.Handler.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	if rec.Code != http.StatusServiceUnavailable || !strings.Contains(rec.Body.String(), "make web") {
		t.Fatalf("%d %s", rec.Code, rec.Body)
	}
}

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
