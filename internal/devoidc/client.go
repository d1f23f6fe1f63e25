package devoidc

import (
	"strings"
	"time"

	"github.com/zitadel/oidc/v3/pkg/oidc"
	"github.com/zitadel/oidc/v3/pkg/op"
)

// client is the one registered client: the web portal, a public client
// (a single-page application has no secret to keep) that must use PKCE.
type client struct {
	id           string
	redirects    []string
	postLogout   []string
	loginURL     string // the sign-in page, to which ?authRequestID= is added
	idTokenTTL   time.Duration
	httpRedirect bool
}

var _ op.Client = (*client)(nil)

func (c *client) GetID() string                       { return c.id }
func (c *client) RedirectURIs() []string              { return c.redirects }
func (c *client) PostLogoutRedirectURIs() []string    { return c.postLogout }
func (c *client) ApplicationType() op.ApplicationType { return op.ApplicationTypeUserAgent }
func (c *client) AuthMethod() oidc.AuthMethod         { return oidc.AuthMethodNone }
func (c *client) ResponseTypes() []oidc.ResponseType {
	return []oidc.ResponseType{oidc.ResponseTypeCode}
}
func (c *client) GrantTypes() []oidc.GrantType         { return []oidc.GrantType{oidc.GrantTypeCode} }
func (c *client) LoginURL(id string) string            { return c.loginURL + "?authRequestID=" + id }
func (c *client) AccessTokenType() op.AccessTokenType  { return op.AccessTokenTypeJWT }
func (c *client) IDTokenLifetime() time.Duration       { return c.idTokenTTL }
func (c *client) IDTokenUserinfoClaimsAssertion() bool { return true }
func (c *client) ClockSkew() time.Duration             { return 0 }

// DevMode lets the op package accept http:// redirect URIs, which a local
// portal has; exact matching against the registered ones still applies.
func (c *client) DevMode() bool { return c.httpRedirect }

func (c *client) RestrictAdditionalIdTokenScopes() func([]string) []string {
	return func(s []string) []string { return s }
}

func (c *client) RestrictAdditionalAccessTokenScopes() func([]string) []string {
	return func(s []string) []string { return s }
}

// IsScopeAllowed: only the standard OpenID scopes, which op knows itself.
func (c *client) IsScopeAllowed(string) bool { return false }

func anyHTTP(uris []string) bool {
	for _, u := range uris {
		if strings.HasPrefix(u, "http://") {
			return true
		}
	}
	return false
}
