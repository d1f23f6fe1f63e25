// Package webportal serves the built web portal (web/dist) beside the API
// on the local server: index.html for the portal's pages (React Router
// routes them in the browser), the hashed bundles under /assets, and a
// /config.json that points the portal at this server's API and its
// development OpenID Provider. Deployed, CloudFront serves the same files.
package webportal

import (
	"encoding/json"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path"
	"strings"
	"time"
)

// Pages are the portal's pages (web/src/App.tsx's routes, as ServeMux
// patterns). E-mails link to some of them (internal/portal/mails.go).
var Pages = []string{
	"/account/general", "/account/personas", "/account/personas/{persona_id}", "/applications",
	"/my-work", "/magic/{token}", "/callback",
	"/manage/users", "/manage/users/{user_id}", "/manage/invitations",
	"/console/definitions", "/console/users", "/console/users/{user_id}", "/console/applications",
	"/console/settings", "/console/import-export", "/console/audit",
}

// sections are the first segments of the portal's pages: any GET under
// them is answered with index.html, so a mistyped page shows the portal's
// own "not found" rather than the API's JSON. No API path starts with one
// (TestPortalPathsNeverCollideWithTheAPI).
var sections = map[string]bool{
	"account": true, "applications": true, "my-work": true, "magic": true, "callback": true,
	"manage": true, "console": true,
}

// CSP is the portal's Content-Security-Policy: only this origin's scripts,
// styles, fonts and API (the development OpenID Provider is on the same
// origin). PatternFly sets positions through the CSSOM, which style-src
// does not govern, so no 'unsafe-inline' is needed.
const CSP = "default-src 'self'; script-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self'; " +
	"font-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"

// Settings is the portal's /config.json (web/src/config/settings.ts).
type Settings struct {
	// APIURL is the API's base URL; "" is this origin.
	APIURL   string `json:"api_url"`
	Issuer   string `json:"issuer"`
	ClientID string `json:"client_id"`
}

// Site serves the portal from Dir.
type Site struct {
	// Dir is Vite's output (web/dist); read on every request, so a
	// `make web` while the server runs is served at once, and a server
	// started before any build says how to make one.
	Dir      string
	Settings Settings
}

// Handles reports whether r is the portal's: a GET or HEAD of "/", of
// /config.json, of a file under /assets, of a file at the root of Dir, or
// of a page under one of the portal's sections. Callers ask it only for
// requests no API route matched.
func (s Site) Handles(r *http.Request) bool {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		return false
	}
	p := r.URL.Path
	if p == "/" || p == "/config.json" || strings.HasPrefix(p, "/assets/") {
		return true
	}
	if !clean(r.URL.EscapedPath()) {
		return false
	}
	first, _, _ := strings.Cut(p[1:], "/")
	if sections[first] {
		return true
	}
	// A file Vite copied from public/ (a favicon, say): only names with a
	// dot at the root, which no API path is.
	if name := p[1:]; !strings.Contains(name, "/") && strings.Contains(name, ".") && name != "index.html" {
		st, err := os.Stat(path.Join(s.Dir, name))
		return err == nil && st.Mode().IsRegular()
	}
	return false
}

// clean reports whether p has no empty, "." or ".." segment: those are
// left to the API, which answers them 404.
func clean(p string) bool {
	for _, seg := range strings.Split(p[1:], "/") {
		if seg == "" || seg == "." || seg == ".." || strings.Contains(seg, "%") {
			return p == "/"
		}
	}
	return true
}

// Wrap answers the requests no API route matches and the portal Handles;
// everything else goes to api, whose 404 stays JSON.
func (s Site) Wrap(mux *http.ServeMux, api http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, pattern := mux.Handler(r); pattern == "" && s.Handles(r) {
			s.ServeHTTP(w, r)
			return
		}
		api.ServeHTTP(w, r)
	})
}

func (s Site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", CSP)
	// A magic link's token is in the page's path: no Referer may carry it
	// to any other request.
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	switch p := r.URL.Path; {
	case p == "/config.json":
		h.Set("Cache-Control", "no-store")
		h.Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(s.Settings)
	case strings.HasPrefix(p, "/assets/"):
		// Vite names every bundle after its content: a name never changes
		// its bytes, so browsers may keep it for good.
		s.file(w, r, p[1:], "public, max-age=31536000, immutable")
	case strings.Contains(p[1:], ".") && !strings.Contains(p[1:], "/"):
		s.file(w, r, p[1:], "no-cache")
	default:
		s.index(w, r)
	}
}

// index answers a page: index.html, never cached (it names the current
// bundles), or a page saying how to build the portal.
func (s Site) index(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	f, err := os.Open(path.Join(s.Dir, "index.html"))
	if err != nil {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = w.Write([]byte(notBuilt))
		return
	}
	defer f.Close()
	var mod time.Time
	if st, err := f.Stat(); err == nil {
		mod = st.ModTime()
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	http.ServeContent(w, r, "index.html", mod, f)
}

const notBuilt = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Persona Portal is not built</title></head>
<body><h1>The web portal is not built</h1>
<p>Run <code>make web</code> (or <code>make dev</code>, which builds it first) from the repository root, then reload.</p>
<p>The API is served here all the same.</p></body></html>
`

func (s Site) file(w http.ResponseWriter, r *http.Request, name, cacheControl string) {
	if !fs.ValidPath(name) || strings.HasPrefix(path.Base(name), ".") {
		http.NotFound(w, r)
		return
	}
	f, err := os.DirFS(s.Dir).Open(name)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	defer f.Close()
	st, err := f.Stat()
	rs, ok := f.(io.ReadSeeker)
	if err != nil || !st.Mode().IsRegular() || !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Cache-Control", cacheControl)
	http.ServeContent(w, r, name, st.ModTime(), rs)
}
