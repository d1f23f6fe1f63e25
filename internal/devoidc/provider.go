// Package devoidc is the local server's development OpenID Provider, built
// on zitadel/oidc's certified op package: one public client (the web
// portal) signs in with the authorization code flow and PKCE (S256) on a
// page that lets a developer pick a demo user, a tenant and how long ago
// they "authenticated" (to try step-up). Its JWT access tokens carry what
// POST /dev/login's tokens carry and the API verifies both through the
// provider's JWKS, as the HTTP API JWT authorizer verifies Cognito's or
// Entra's tokens in AWS. The Lambda functions never import it.
package devoidc

import (
	"crypto/rand"
	"crypto/rsa"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/personaportal/portal/internal/auth"
	"github.com/personaportal/portal/internal/auth/jwtauth"
	"github.com/zitadel/oidc/v3/pkg/op"
	"golang.org/x/text/language"
)

// PathPrefix is where the provider is mounted on the local server; its
// issuer is the server's base URL followed by it. The API owns /me…,
// /users…, /admin/…, /persona-…, /magic-links/…, /healthz and, locally,
// /dev/…, /openapi.json and /docs/api: /oidc is none of them, and
// TestProviderPathsNeverCollideWithTheAPI (localportal) derives the API's
// paths from the operations table to keep it so.
const PathPrefix = "/oidc"

// ClientID is the web portal's client id, and the audience of every token
// the API accepts locally.
const ClientID = "persona-portal"

// Routes are the provider's paths under PathPrefix (the op package's
// defaults, plus the sign-in page). They are left out of the OpenAPI
// document on purpose: OpenID Connect Discovery describes them (GET
// {issuer}/.well-known/openid-configuration), they answer OAuth's errors
// rather than the API's, and the portal reaches them through an OIDC
// client library, never through the generated API client.
var Routes = []string{
	"/.well-known/openid-configuration", "/keys", "/authorize", "/authorize/callback", "/oauth/token",
	"/userinfo", "/end_session", "/revoke", "/oauth/introspect", "/device_authorization", "/healthz", "/ready",
	"/login", "/logged-out",
}

// DemoUser is a user the sign-in page offers.
type DemoUser struct {
	Email string
	Name  string
	Admin bool // a tenant admin: the groups claim holds the admin group
}

// Config configures the provider.
type Config struct {
	// BaseURL is the local server's origin ("http://127.0.0.1:8080"); the
	// issuer is BaseURL + PathPrefix.
	BaseURL string
	// Key signs every token (RS256); keep it across restarts
	// (LoadOrCreateKey) so tokens stay valid.
	Key *rsa.PrivateKey
	// RedirectURIs are the client's allowed redirect URIs, matched
	// exactly (default: BaseURL + "/callback"; no silent renewal, so no
	// "/silent-callback": docs/decisions.md, 16).
	RedirectURIs []string
	// PostLogoutRedirectURIs are where end_session may send the browser
	// back to (default: the root of each origin of RedirectURIs, so a web
	// portal served elsewhere than the server gets its own).
	PostLogoutRedirectURIs []string
	Users                  []DemoUser
	DefaultTenant          string      // default "demo"
	Claims                 auth.Config // the tenant and groups claim names, the admin group
	TokenTTL               time.Duration
	Now                    func() time.Time // auth_time's clock (default time.Now)
	Log                    *slog.Logger
}

// Provider is a running development OpenID Provider.
type Provider struct {
	Issuer  string
	KeyID   string
	cfg     Config
	storage *storage
	op      *op.Provider
}

// New builds a provider.
func New(cfg Config) (*Provider, error) {
	if cfg.Key == nil {
		return nil, errors.New("devoidc: no signing key")
	}
	base := strings.TrimSuffix(cfg.BaseURL, "/")
	if u, err := url.Parse(base); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.Path != "" {
		return nil, fmt.Errorf("devoidc: BaseURL %q is not an origin", cfg.BaseURL)
	}
	if len(cfg.RedirectURIs) == 0 {
		cfg.RedirectURIs = []string{base + "/callback"}
	}
	if len(cfg.PostLogoutRedirectURIs) == 0 {
		cfg.PostLogoutRedirectURIs = origins(cfg.RedirectURIs, "/")
	}
	if cfg.DefaultTenant == "" {
		cfg.DefaultTenant = "demo"
	}
	if cfg.TokenTTL == 0 {
		cfg.TokenTTL = time.Hour
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	issuer := base + PathPrefix
	p := &Provider{Issuer: issuer, KeyID: KeyID(&cfg.Key.PublicKey), cfg: cfg}
	p.storage = &storage{
		client: &client{id: ClientID, redirects: cfg.RedirectURIs, postLogout: cfg.PostLogoutRedirectURIs,
			loginURL: issuer + "/login", idTokenTTL: cfg.TokenTTL,
			httpRedirect: anyHTTP(cfg.RedirectURIs) || anyHTTP(cfg.PostLogoutRedirectURIs)},
		key: cfg.Key, kid: p.KeyID, claims: cfg.Claims, ttl: cfg.TokenTTL, now: cfg.Now,
		requests: map[string]*authRequest{}, codes: map[string]string{}, tokens: map[string]*authRequest{},
	}
	opCfg := &op.Config{
		CodeMethodS256:           true,
		SupportedUILocales:       []language.Tag{language.English},
		DefaultLogoutRedirectURI: issuer + "/logged-out",
	}
	// The key encrypts authorization codes; codes live minutes, so a
	// fresh key per start is enough.
	if _, err := rand.Read(opCfg.CryptoKey[:]); err != nil {
		return nil, err
	}
	opts := []op.Option{op.WithLogger(cfg.Log)}
	if strings.HasPrefix(issuer, "http://") {
		opts = append(opts, op.WithAllowInsecure())
	}
	prov, err := op.NewProvider(opCfg, p.storage, op.StaticIssuer(issuer), opts...)
	if err != nil {
		return nil, err
	}
	p.op = prov
	return p, nil
}

// Mount registers the provider on mux: the op package's endpoints under
// PathPrefix and the sign-in page.
func (p *Provider) Mount(mux *http.ServeMux) {
	mux.Handle(PathPrefix+"/", http.StripPrefix(PathPrefix, p.op))
	mux.HandleFunc("GET "+PathPrefix+"/login", p.loginPage)
	mux.Handle("POST "+PathPrefix+"/login", http.NewCrossOriginProtection().Handler(http.HandlerFunc(p.loginSubmit)))
	mux.HandleFunc("GET "+PathPrefix+"/logged-out", p.loggedOut)
}

// JWKS is the provider's key set, as served at its jwks_uri.
func (p *Provider) JWKS() []byte { return JWKS(&p.cfg.Key.PublicKey) }

// RedirectURIs are the client's allowed redirect URIs.
func (p *Provider) RedirectURIs() []string { return p.cfg.RedirectURIs }

// DevIssuer signs POST /dev/login's tokens with the provider's key, under
// its issuer and for its client, so the API verifies them like the
// provider's own.
func (p *Provider) DevIssuer(now func() time.Time) jwtauth.DevIssuer {
	return jwtauth.DevIssuer{Key: p.cfg.Key, KeyID: p.KeyID, Issuer: p.Issuer, Audience: ClientID,
		Config: p.cfg.Claims, TTL: p.cfg.TokenTTL, Now: now}
}

// Authenticator verifies tokens through the provider's JWKS, by kid, with
// the issuer and audience checks the HTTP API JWT authorizer makes.
func (p *Provider) Authenticator(now func() time.Time) (jwtauth.JWKS, error) {
	keys, err := jwtauth.ParseJWKS(p.JWKS())
	if err != nil {
		return jwtauth.JWKS{}, err
	}
	return jwtauth.JWKS{Issuer: p.Issuer, Audience: ClientID, Keys: keys, Config: p.cfg.Claims, Now: now}, nil
}

// origins are the distinct origins of uris, each followed by suffix.
func origins(uris []string, suffix string) []string {
	var out []string
	for _, u := range uris {
		p, err := url.Parse(u)
		if err != nil || p.Host == "" {
			continue
		}
		if o := p.Scheme + "://" + p.Host + suffix; !slices.Contains(out, o) {
			out = append(out, o)
		}
	}
	return out
}
