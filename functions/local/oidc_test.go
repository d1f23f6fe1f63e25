package main

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/personaportal/portal/internal/auth/jwtauth"
)

// browser is a client that, like the portal's page, sees every redirect
// (it does not follow them) and keeps cookies.
func browser(t *testing.T) *http.Client {
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &http.Client{Jar: jar, Timeout: 10 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

func get(t *testing.T, c *http.Client, u string) (*http.Response, string) {
	t.Helper()
	res, err := c.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res, string(b)
}

func postForm(t *testing.T, c *http.Client, u string, f url.Values) (*http.Response, string) {
	t.Helper()
	res, err := c.PostForm(u, f)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res, string(b)
}

// pkce is a code_verifier and its S256 code_challenge (RFC 7636).
func pkce() (verifier, challenge string) {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	verifier = base64.RawURLEncoding.EncodeToString(b)
	sum := sha256.Sum256([]byte(verifier))
	return verifier, base64.RawURLEncoding.EncodeToString(sum[:])
}

type discovery struct {
	Issuer                string   `json:"issuer"`
	AuthorizationEndpoint string   `json:"authorization_endpoint"`
	TokenEndpoint         string   `json:"token_endpoint"`
	UserinfoEndpoint      string   `json:"userinfo_endpoint"`
	JWKSURI               string   `json:"jwks_uri"`
	EndSessionEndpoint    string   `json:"end_session_endpoint"`
	CodeChallengeMethods  []string `json:"code_challenge_methods_supported"`
}

func discover(t *testing.T, base string) discovery {
	t.Helper()
	res, body := get(t, http.DefaultClient, base+"/oidc/.well-known/openid-configuration")
	var d discovery
	if res.StatusCode != 200 || json.Unmarshal([]byte(body), &d) != nil {
		t.Fatalf("discovery: %d %s", res.StatusCode, body)
	}
	return d
}

var hidden = regexp.MustCompile(`name="(authRequestID|csrf)" value="([^"]+)"`)

// authorize starts a sign-in and returns the response of the authorize
// endpoint.
func authorize(t *testing.T, c *http.Client, d discovery, q url.Values) *http.Response {
	t.Helper()
	res, _ := get(t, c, d.AuthorizationEndpoint+"?"+q.Encode())
	return res
}

func authParams(redirect, challenge string, extra ...string) url.Values {
	q := url.Values{"client_id": {"persona-portal"}, "response_type": {"code"}, "scope": {"openid email profile"},
		"redirect_uri": {redirect}, "state": {"st-123"}, "nonce": {"n-456"}}
	if challenge != "" {
		q.Set("code_challenge", challenge)
		q.Set("code_challenge_method", "S256")
	}
	for i := 0; i+1 < len(extra); i += 2 {
		q.Set(extra[i], extra[i+1])
	}
	return q
}

// signIn plays the browser from authorize to the redirect back to the
// portal, picking form on the sign-in page; it returns the code.
func signIn(t *testing.T, d discovery, q url.Values, form url.Values) string {
	t.Helper()
	c := browser(t)
	res := authorize(t, c, d, q)
	loc, _ := res.Location()
	if res.StatusCode != http.StatusFound || loc == nil || !strings.HasPrefix(loc.String(), d.Issuer+"/login?") {
		t.Fatalf("authorize: %d → %v", res.StatusCode, loc)
	}
	res, page := get(t, c, loc.String())
	csp := res.Header.Get("Content-Security-Policy")
	if res.StatusCode != 200 || !strings.Contains(page, "alice@acme.test") || !strings.Contains(page, `<label for="email">`) ||
		!strings.Contains(csp, "default-src 'none'") || !strings.Contains(csp, "frame-ancestors 'none'") {
		t.Fatalf("sign-in page: %d %s\n%s", res.StatusCode, csp, page)
	}
	for _, m := range hidden.FindAllStringSubmatch(page, -1) {
		form.Set(m[1], m[2])
	}
	res, body := postForm(t, c, d.Issuer+"/login", form)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign-in: %d %s", res.StatusCode, body)
	}
	loc, _ = res.Location()
	res, body = get(t, c, loc.String())
	back, _ := res.Location()
	if res.StatusCode != http.StatusFound || back == nil || !strings.HasPrefix(back.String(), q.Get("redirect_uri")+"?") {
		t.Fatalf("callback: %d → %v %s", res.StatusCode, back, body)
	}
	if got := back.Query().Get("state"); got != q.Get("state") {
		t.Fatalf("state %q, want %q", got, q.Get("state"))
	}
	code := back.Query().Get("code")
	if code == "" {
		t.Fatalf("no code: %v", back)
	}
	return code
}

type tokens struct {
	AccessToken string `json:"access_token"`
	IDToken     string `json:"id_token"`
	TokenType   string `json:"token_type"`
	Error       string `json:"error"`
}

func exchange(t *testing.T, d discovery, code, redirect, verifier string) (int, tokens) {
	t.Helper()
	f := url.Values{"grant_type": {"authorization_code"}, "code": {code}, "redirect_uri": {redirect}, "client_id": {"persona-portal"}}
	if verifier != "" {
		f.Set("code_verifier", verifier)
	}
	res, body := postForm(t, http.DefaultClient, d.TokenEndpoint, f)
	var tk tokens
	_ = json.Unmarshal([]byte(body), &tk)
	return res.StatusCode, tk
}

// payload is a JWT's claims, unverified (the API verifies; the test reads).
func payload(t *testing.T, jwt string) map[string]any {
	t.Helper()
	parts := strings.Split(jwt, ".")
	if len(parts) != 3 {
		t.Fatalf("not a JWT: %q", jwt)
	}
	b, err := base64.RawURLEncoding.DecodeString(parts[1])
	var m map[string]any
	if err != nil || json.Unmarshal(b, &m) != nil {
		t.Fatalf("JWT payload: %v", err)
	}
	return m
}

func header(t *testing.T, jwt string) map[string]any {
	t.Helper()
	b, _ := base64.RawURLEncoding.DecodeString(strings.Split(jwt, ".")[0])
	var m map[string]any
	_ = json.Unmarshal(b, &m)
	return m
}

func authTime(t *testing.T, claims map[string]any) time.Time {
	t.Helper()
	f, ok := claims["auth_time"].(float64)
	if !ok {
		t.Fatalf("no auth_time in %v", claims)
	}
	return time.Unix(int64(f), 0)
}

func near(a, b time.Time) bool { d := a.Sub(b); return d > -10*time.Second && d < 10*time.Second }

// The portal's whole sign-in against the real local server: discovery,
// authorize with PKCE (S256), state and nonce, the sign-in page, the code,
// the token exchange, and the API answering the access token.
func TestTheCodeFlowWithPKCESignsInToTheAPI(t *testing.T) {
	base, stop := startLocal(t, t.TempDir())
	defer stop()
	d := discover(t, base)
	if d.Issuer != base+"/oidc" || d.AuthorizationEndpoint != d.Issuer+"/authorize" || d.TokenEndpoint != d.Issuer+"/oauth/token" ||
		d.JWKSURI != d.Issuer+"/keys" || d.EndSessionEndpoint == "" || !slices.Contains(d.CodeChallengeMethods, "S256") {
		t.Fatalf("discovery: %+v", d)
	}
	redirect := base + "/callback"
	verifier, challenge := pkce()
	code := signIn(t, d, authParams(redirect, challenge), url.Values{"user": {"alice@acme.test"}, "tenant": {"demo"}, "age": {"0"}})
	status, tk := exchange(t, d, code, redirect, verifier)
	if status != 200 || tk.AccessToken == "" || tk.IDToken == "" || !strings.EqualFold(tk.TokenType, "bearer") {
		t.Fatalf("token: %d %+v", status, tk)
	}
	// The access token carries what POST /dev/login's tokens carry.
	now := time.Now()
	at := payload(t, tk.AccessToken)
	if at["sub"] != "dev|alice@acme.test" || at["email"] != "alice@acme.test" || at["email_verified"] != true ||
		at["tenant"] != "demo" || at["iss"] != d.Issuer || at["sid"] == nil || at["exp"] == nil ||
		!near(authTime(t, at), now) || header(t, tk.AccessToken)["alg"] != "RS256" {
		t.Fatalf("access token: %v %v", header(t, tk.AccessToken), at)
	}
	if aud, _ := at["aud"].([]any); !slices.Contains(aud, any("persona-portal")) {
		t.Fatalf("access token aud %v", at["aud"])
	}
	if g, ok := at["groups"].([]any); !ok || len(g) != 0 {
		t.Fatalf("groups %v", at["groups"])
	}
	id := payload(t, tk.IDToken)
	if id["nonce"] != "n-456" || id["sub"] != at["sub"] || id["email"] != "alice@acme.test" || id["tenant"] != "demo" ||
		id["sid"] != at["sid"] || id["auth_time"] != at["auth_time"] {
		t.Fatalf("id token: %v", id)
	}
	// Its key is the one the provider publishes at its jwks_uri.
	_, jwks := get(t, http.DefaultClient, d.JWKSURI)
	keys, err := jwtauth.ParseJWKS([]byte(jwks))
	if err != nil || keys[header(t, tk.AccessToken)["kid"].(string)] == nil {
		t.Fatalf("jwks %s: %v", jwks, err)
	}
	// The API takes it.
	req, _ := http.NewRequest("GET", base+"/me", nil)
	req.Header.Set("Authorization", "Bearer "+tk.AccessToken)
	if me := do(t, req); me["email"] != "alice@acme.test" || me["given_name"] != "Alice" {
		t.Fatalf("/me: %v", me)
	}
	// So does the provider's userinfo endpoint.
	req, _ = http.NewRequest("GET", d.UserinfoEndpoint, nil)
	req.Header.Set("Authorization", "Bearer "+tk.AccessToken)
	if ui := do(t, req); ui["email"] != "alice@acme.test" || ui["tenant"] != "demo" {
		t.Fatalf("userinfo: %v", ui)
	}
	// A code is good once.
	if status, _ := exchange(t, d, code, redirect, verifier); status == 200 {
		t.Fatal("a code was exchanged twice")
	}
}

// Step-up (RFC 9470): a client asking for max_age gets a fresh auth_time
// when the chosen authentication is older; prompt=login always does.
func TestMaxAgeAndPromptLoginGiveAFreshAuthTime(t *testing.T) {
	base, stop := startLocal(t, t.TempDir())
	defer stop()
	d := discover(t, base)
	redirect := base + "/callback"
	for _, c := range []struct {
		name  string
		extra []string
		fresh bool
	}{
		{"no max_age keeps the chosen age", nil, false},
		{"max_age=7200 allows an hour-old authentication", []string{"max_age", "7200"}, false},
		{"max_age=60 asks for a fresh one", []string{"max_age", "60"}, true},
		{"prompt=login asks for a fresh one", []string{"prompt", "login"}, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			verifier, challenge := pkce()
			code := signIn(t, d, authParams(redirect, challenge, c.extra...),
				url.Values{"user": {"admin@demo.test"}, "tenant": {"demo"}, "age": {"60"}})
			status, tk := exchange(t, d, code, redirect, verifier)
			if status != 200 {
				t.Fatalf("token: %d %+v", status, tk)
			}
			at := payload(t, tk.AccessToken)
			want := time.Now().Add(-time.Hour)
			if c.fresh {
				want = time.Now()
			}
			if got := authTime(t, at); !near(got, want) {
				t.Fatalf("auth_time %v, want about %v", got, want)
			}
			if g, _ := at["groups"].([]any); !slices.Equal(g, []any{"portal-admin"}) {
				t.Fatalf("groups %v", at["groups"])
			}
			if idt := authTime(t, payload(t, tk.IDToken)); !idt.Equal(authTime(t, at)) {
				t.Fatalf("id token auth_time %v", idt)
			}
		})
	}
}

func TestTheProviderRefusesWhatTheCodeFlowForbids(t *testing.T) {
	base, stop := startLocal(t, t.TempDir())
	defer stop()
	d := discover(t, base)
	redirect := base + "/callback"

	t.Run("an authorization request without PKCE", func(t *testing.T) {
		res := authorize(t, browser(t), d, authParams(redirect, ""))
		loc, _ := res.Location()
		if res.StatusCode != http.StatusFound || loc == nil || loc.Query().Get("error") != "invalid_request" ||
			!strings.HasPrefix(loc.String(), redirect+"?") {
			t.Fatalf("%d → %v", res.StatusCode, loc)
		}
	})
	t.Run("a plain code challenge", func(t *testing.T) {
		q := authParams(redirect, "x")
		q.Set("code_challenge", strings.Repeat("a", 43))
		q.Set("code_challenge_method", "plain")
		res := authorize(t, browser(t), d, q)
		if loc, _ := res.Location(); loc == nil || loc.Query().Get("error") == "" {
			t.Fatalf("%d → %v", res.StatusCode, loc)
		}
	})
	t.Run("a token request without the code verifier", func(t *testing.T) {
		_, challenge := pkce()
		code := signIn(t, d, authParams(redirect, challenge), url.Values{"user": {"bob@acme.test"}, "tenant": {"demo"}, "age": {"0"}})
		if status, tk := exchange(t, d, code, redirect, ""); status != http.StatusBadRequest || tk.AccessToken != "" {
			t.Fatalf("%d %+v", status, tk)
		}
	})
	t.Run("a token request with the wrong code verifier", func(t *testing.T) {
		_, challenge := pkce()
		other, _ := pkce()
		code := signIn(t, d, authParams(redirect, challenge), url.Values{"user": {"bob@acme.test"}, "tenant": {"demo"}, "age": {"0"}})
		if status, tk := exchange(t, d, code, redirect, other); status != http.StatusBadRequest || tk.Error != "invalid_grant" || tk.AccessToken != "" {
			t.Fatalf("%d %+v", status, tk)
		}
	})
	t.Run("a redirect URI that is not registered", func(t *testing.T) {
		// /silent-callback too: the portal has no silent renewal (docs/decisions.md, 16).
		for _, uri := range []string{"https://evil.test/callback", base + "/callback/../evil", base + "/other", base + "/silent-callback"} {
			_, challenge := pkce()
			res := authorize(t, browser(t), d, authParams(uri, challenge))
			if loc, _ := res.Location(); res.StatusCode < 400 || loc != nil {
				t.Fatalf("%s: %d → %v", uri, res.StatusCode, loc)
			}
		}
	})
	t.Run("prompt=none, as there is no session", func(t *testing.T) {
		_, challenge := pkce()
		res := authorize(t, browser(t), d, authParams(redirect, challenge, "prompt", "none"))
		if loc, _ := res.Location(); loc == nil || loc.Query().Get("error") != "login_required" {
			t.Fatalf("%d → %v", res.StatusCode, loc)
		}
	})
	t.Run("a sign-in form posted without the page's CSRF cookie", func(t *testing.T) {
		_, challenge := pkce()
		c := browser(t)
		loc, _ := authorize(t, c, d, authParams(redirect, challenge)).Location()
		_, page := get(t, c, loc.String())
		f := url.Values{"user": {"alice@acme.test"}, "tenant": {"demo"}, "age": {"0"}}
		for _, m := range hidden.FindAllStringSubmatch(page, -1) {
			f.Set(m[1], m[2])
		}
		if res, _ := postForm(t, browser(t), d.Issuer+"/login", f); res.StatusCode != http.StatusForbidden {
			t.Fatalf("without the cookie: %d", res.StatusCode)
		}
		bad := url.Values{"user": {"other"}, "email": {"not-an-address"}, "tenant": {"demo"}, "age": {"0"}}
		bad.Set("authRequestID", f.Get("authRequestID"))
		bad.Set("csrf", f.Get("csrf"))
		if res, body := postForm(t, c, d.Issuer+"/login", bad); res.StatusCode != http.StatusBadRequest || !strings.Contains(body, `role="alert"`) {
			t.Fatalf("a bad address: %d %s", res.StatusCode, body)
		}
	})
}

// The portal's step-up (RFC 9470): with an hour-old authentication Bob's
// admin persona answers 401 step_up_required and names max_age; signing in
// again with that max_age (picking "60 minutes ago" once more) gives a
// fresh auth_time, and the retry passes.
func TestStepUpThroughTheProviderWithMaxAge(t *testing.T) {
	base, stop := startLocal(t, t.TempDir())
	defer stop()
	d := discover(t, base)
	redirect := base + "/callback"
	bob := func(extra ...string) string {
		verifier, challenge := pkce()
		code := signIn(t, d, authParams(redirect, challenge, extra...), url.Values{"user": {"bob@acme.test"}, "tenant": {"demo"}, "age": {"60"}})
		status, tk := exchange(t, d, code, redirect, verifier)
		if status != 200 {
			t.Fatalf("token: %d %+v", status, tk)
		}
		return tk.AccessToken
	}
	selectAdmin := func(tok string) *http.Response {
		req, _ := http.NewRequest("GET", base+"/me/personas", nil)
		req.Header.Set("Authorization", "Bearer "+tok)
		items := do(t, req)["items"].([]any)
		body := `{"persona_id":"` + items[0].(map[string]any)["id"].(string) + `"}`
		req, _ = http.NewRequest("PUT", base+"/me/active-persona", strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+tok)
		req.Header.Set("Content-Type", "application/json")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res
	}
	res := selectAdmin(bob())
	challenge := res.Header.Get("WWW-Authenticate")
	m := regexp.MustCompile(`max_age=(\d+)`).FindStringSubmatch(challenge)
	if res.StatusCode != http.StatusUnauthorized || !strings.Contains(challenge, "insufficient_user_authentication") || m == nil {
		t.Fatalf("with an hour-old authentication: %d %q", res.StatusCode, challenge)
	}
	if res := selectAdmin(bob("max_age", m[1])); res.StatusCode != http.StatusOK {
		t.Fatalf("after the step-up: %d %q", res.StatusCode, res.Header.Get("WWW-Authenticate"))
	}
}

// end_session sends the browser back to a registered address and forgets
// the session's tokens at the provider (userinfo refuses them); the API,
// like the HTTP API JWT authorizer, goes on accepting them until they
// expire.
func TestEndSessionReturnsToThePortal(t *testing.T) {
	base, stop := startLocal(t, t.TempDir())
	defer stop()
	d := discover(t, base)
	redirect := base + "/callback"
	verifier, challenge := pkce()
	code := signIn(t, d, authParams(redirect, challenge), url.Values{"user": {"carol@globex.test"}, "tenant": {"demo"}, "age": {"0"}})
	_, tk := exchange(t, d, code, redirect, verifier)
	q := url.Values{"id_token_hint": {tk.IDToken}, "post_logout_redirect_uri": {base + "/"}, "state": {"bye"}, "client_id": {"persona-portal"}}
	res, body := get(t, browser(t), d.EndSessionEndpoint+"?"+q.Encode())
	loc, _ := res.Location()
	if res.StatusCode != http.StatusFound || loc == nil || loc.String() != base+"/?state=bye" {
		t.Fatalf("end_session: %d → %v %s", res.StatusCode, loc, body)
	}
	req, _ := http.NewRequest("GET", d.UserinfoEndpoint, nil)
	req.Header.Set("Authorization", "Bearer "+tk.AccessToken)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode < 400 {
		t.Fatalf("userinfo after end_session: %d", res.StatusCode)
	}
}
