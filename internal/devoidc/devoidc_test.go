package devoidc

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/personaportal/portal/internal/auth/jwtauth"
)

// The key survives a restart: read back from its file, same kid.
func TestTheSigningKeyIsKeptInItsFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "dev-oidc-key.pem")
	k1, err := LoadOrCreateKey(path)
	if err != nil {
		t.Fatal(err)
	}
	k2, err := LoadOrCreateKey(path)
	if err != nil || !k1.Equal(k2) || KeyID(&k1.PublicKey) != KeyID(&k2.PublicKey) {
		t.Fatalf("the key changed: %v", err)
	}
}

// What the provider serves at its jwks_uri is the key set the API is
// given in-process.
func TestTheServedJWKSIsTheKeySetTheAPIUses(t *testing.T) {
	k, err := LoadOrCreateKey(filepath.Join(t.TempDir(), "k.pem"))
	if err != nil {
		t.Fatal(err)
	}
	p, err := New(Config{BaseURL: "http://127.0.0.1:8080", Key: k})
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	p.Mount(mux)
	rec := httptest.NewRecorder()
	mux.ServeHTTP(rec, httptest.NewRequest("GET", "/oidc/keys", nil))
	served, err := jwtauth.ParseJWKS(rec.Body.Bytes())
	if err != nil {
		t.Fatalf("%d %s: %v", rec.Code, rec.Body, err)
	}
	given, _ := jwtauth.ParseJWKS(p.JWKS())
	if len(served) != 1 || served[p.KeyID] == nil || !served[p.KeyID].Equal(given[p.KeyID]) {
		t.Fatalf("served %v, given %v", served, given)
	}
	// The redirect URIs default to the server's own callback (there is no silent renewal).
	if got := strings.Join(p.RedirectURIs(), " "); got != "http://127.0.0.1:8080/callback" {
		t.Fatal(got)
	}
}

func TestAnIssuerThatIsNotAnOriginIsRefused(t *testing.T) {
	k, _ := LoadOrCreateKey(filepath.Join(t.TempDir(), "k.pem"))
	for _, base := range []string{"", "127.0.0.1:8080", "http://127.0.0.1:8080/app", "ftp://x"} {
		if _, err := New(Config{BaseURL: base, Key: k}); err == nil {
			t.Errorf("%q accepted", base)
		}
	}
}

// The sign-in page for an unknown request says so, without a form.
func TestAnUnknownSignInRequestGetsNoForm(t *testing.T) {
	k, _ := LoadOrCreateKey(filepath.Join(t.TempDir(), "k.pem"))
	p, err := New(Config{BaseURL: "http://127.0.0.1:8080", Key: k})
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	p.Mount(mux)
	rec := httptest.NewRecorder()
	mux.ServeHTTP(rec, httptest.NewRequest("GET", "/oidc/login?authRequestID=nope", nil))
	body, _ := io.ReadAll(rec.Body)
	if rec.Code != http.StatusBadRequest || bytes.Contains(body, []byte("<form")) ||
		!strings.Contains(rec.Header().Get("Content-Security-Policy"), "default-src 'none'") {
		t.Fatalf("%d %s", rec.Code, body)
	}
	// A cross-site POST is refused before anything else.
	req := httptest.NewRequest("POST", "/oidc/login", strings.NewReader("authRequestID=nope"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	rec = httptest.NewRecorder()
	mux.ServeHTTP(rec, req)
	if rec.Code != http.StatusForbidden {
		t.Fatalf("cross-site POST: %d", rec.Code)
	}
}
