// Package localportal assembles the whole portal in one process: every
// operation of the operations table plus the dev routes, on an embedded
// DynamoDB (or one named by endpoint), with the development OpenID
// Provider (whose JWKS the API verifies tokens through), the dev token
// issuer and the local outbox. The local server runs it; the HTTP tests run it through
// httptest.
package localportal

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/personaportal/portal/internal/auth"
	"github.com/personaportal/portal/internal/auth/jwtauth"
	"github.com/personaportal/portal/internal/devoidc"
	"github.com/personaportal/portal/internal/devtools"
	"github.com/personaportal/portal/internal/domain"
	"github.com/personaportal/portal/internal/embedded"
	"github.com/personaportal/portal/internal/httpapi"
	"github.com/personaportal/portal/internal/mail"
	"github.com/personaportal/portal/internal/openapi"
	"github.com/personaportal/portal/internal/operations"
	"github.com/personaportal/portal/internal/portal"
	"github.com/personaportal/portal/internal/seed"
	"github.com/personaportal/portal/internal/store"
	"github.com/personaportal/portal/internal/webportal"
)

// Config configures a local portal.
type Config struct {
	Table string // default "portal"
	// Endpoint aims at an external DynamoDB; empty runs the embedded one.
	Endpoint string
	// WrapDB wraps the embedded DynamoDB's handler (write tracking).
	WrapDB func(http.Handler) http.Handler
	// SigningKey is the development OpenID Provider's RS256 key, which
	// also signs POST /dev/login's tokens; nil: one random key per process
	// (generating an RSA key per test portal would be slow).
	SigningKey *rsa.PrivateKey
	// BaseURL is the local server's origin; the provider's issuer is
	// BaseURL + devoidc.PathPrefix (default http://127.0.0.1:8080).
	BaseURL string
	// RedirectURIs are the web portal's allowed redirect URIs (default:
	// BaseURL + /callback).
	RedirectURIs []string
	Claims       auth.Config
	Now          domain.Clock
	Log          *slog.Logger
	// MaxAttempts caps SDK retries (0: SDK default).
	MaxAttempts int
	// Mailer delivers the outbox (default: the local outbox of /dev/outbox).
	Mailer portal.Mailer
	// PortalBaseURL is the portal_base_url of tenants that have not set
	// their own (the local server: its own base URL).
	PortalBaseURL string
	// Renderer is where npm installed the API reference page's renderer
	// (default: RendererDir, relative to the working directory).
	Renderer string
	// WebDir is the built web portal, served at / (default: WebDir,
	// relative to the working directory).
	WebDir string
}

// RendererDir is where `npm ci` in docs/reference puts the renderer of
// GET /docs/api, from the module root.
const RendererDir = "docs/reference/node_modules/swagger-ui-dist"

// WebDir is where `make web` builds the web portal, from the module root.
const WebDir = "web/dist"

// Operations are every route the local server serves: the operations
// table, then the local-only routes. The OpenAPI document describes
// exactly these.
func Operations() []operations.Operation {
	return append(append([]operations.Operation{}, operations.All...), devtools.Local...)
}

// Portal is a running local portal.
type Portal struct {
	Handler  http.Handler
	Service  *portal.Service
	Store    *store.Store
	DB       *dynamodb.Client
	Embedded *embedded.DynamoDB // nil with an external endpoint
	// OIDC is the development OpenID Provider.
	OIDC *devoidc.Provider
	// Issuer signs POST /dev/login's tokens (and the tests') with the
	// provider's key; Auth verifies every token through its JWKS.
	Issuer jwtauth.DevIssuer
	Auth   jwtauth.JWKS
	Outbox *mail.Outbox
	// Sender is the send-email job (the local server runs it on a timer,
	// and GET /dev/outbox runs it before answering).
	Sender *portal.MailSender
	// Expirer is the expire job (the local server runs it on a timer).
	Expirer *portal.Expirer
}

// New starts a local portal.
func New(ctx context.Context, cfg Config) (*Portal, error) {
	if cfg.Table == "" {
		cfg.Table = "portal"
	}
	if cfg.Now == nil {
		cfg.Now = domain.SystemClock
	}
	if cfg.SigningKey == nil {
		k, err := processKey()
		if err != nil {
			return nil, err
		}
		cfg.SigningKey = k
	}
	if cfg.BaseURL == "" {
		cfg.BaseURL = "http://127.0.0.1:8080"
	}
	p := &Portal{Outbox: &mail.Outbox{}}
	endpoint := cfg.Endpoint
	if endpoint == "" {
		emb, err := embedded.Start(cfg.WrapDB)
		if err != nil {
			return nil, err
		}
		p.Embedded, endpoint = emb, emb.URL
	}
	db, err := store.NewClient(store.ClientConfig{Endpoint: endpoint, MaxAttempts: cfg.MaxAttempts})
	if err != nil {
		return nil, err
	}
	if err := store.EnsureTable(ctx, db, cfg.Table); err != nil {
		return nil, err
	}
	p.DB, p.Store = db, store.New(db, cfg.Table)
	p.Service = portal.New(p.Store, cfg.Now).WithPortalBaseURL(cfg.PortalBaseURL)
	var mailer portal.Mailer = p.Outbox
	if cfg.Mailer != nil {
		mailer = cfg.Mailer
	}
	p.Sender = portal.NewMailSender(p.Store, mailer, cfg.Now)
	p.Expirer = portal.NewExpirer(p.Store, cfg.Now)
	now := func() time.Time { return cfg.Now() }
	p.OIDC, err = devoidc.New(devoidc.Config{BaseURL: cfg.BaseURL, Key: cfg.SigningKey, RedirectURIs: cfg.RedirectURIs,
		Users: DemoUsers(), DefaultTenant: seed.DemoTenant, Claims: cfg.Claims, TokenTTL: time.Hour, Now: now, Log: cfg.Log})
	if err != nil {
		return nil, err
	}
	p.Issuer = p.OIDC.DevIssuer(now)
	if p.Auth, err = p.OIDC.Authenticator(now); err != nil {
		return nil, err
	}
	api := &httpapi.API{Service: p.Service, Auth: p.Auth, Log: cfg.Log}
	mux := http.NewServeMux()
	operations.Mount(mux, api, operations.All...)
	p.OIDC.Mount(mux)
	doc, err := openapi.Generate(Operations())
	if err != nil {
		return nil, err
	}
	if cfg.Renderer == "" {
		cfg.Renderer = RendererDir
	}
	devtools.Routes{Issuer: p.Issuer, Outbox: p.Outbox, Deliver: p.DeliverMail, Document: doc, Renderer: cfg.Renderer}.Mount(mux)
	if cfg.WebDir == "" {
		cfg.WebDir = WebDir
	}
	// The built portal signs in at this server's provider and calls this
	// server's API (api_url "": its own origin, so no CORS).
	site := webportal.Site{Dir: cfg.WebDir, Settings: webportal.Settings{
		Issuer: cfg.BaseURL + devoidc.PathPrefix, ClientID: devoidc.ClientID}}
	p.Handler = site.Wrap(mux, api.Serve(mux))
	return p, nil
}

// DemoUsers are the users the provider's sign-in page offers: the demo
// tenant's seeded users and its tenant admin.
func DemoUsers() []devoidc.DemoUser {
	return []devoidc.DemoUser{
		{Email: seed.Alice, Name: "Alice Purple"}, {Email: seed.Bob, Name: "Bob Green"},
		{Email: seed.Carol, Name: "Carol White"}, {Email: seed.Admin, Name: "Demo admin", Admin: true},
	}
}

var (
	keyOnce sync.Once
	key     *rsa.PrivateKey
	keyErr  error
)

// processKey is the signing key of portals started without one.
func processKey() (*rsa.PrivateKey, error) {
	keyOnce.Do(func() { key, keyErr = rsa.GenerateKey(rand.Reader, 2048) })
	return key, keyErr
}

// Close stops the embedded DynamoDB, if any.
func (p *Portal) Close() error {
	if p.Embedded != nil {
		return p.Embedded.Close()
	}
	return nil
}

// DeliverMail runs the send-email job until the outbox has nothing due.
func (p *Portal) DeliverMail(ctx context.Context) error {
	for range 20 {
		rep, err := p.Sender.RunOnce(ctx)
		if err != nil || rep.Sent+rep.Retrying+rep.Rejected+rep.Abandoned+rep.Skipped == 0 {
			return err
		}
	}
	return nil
}
