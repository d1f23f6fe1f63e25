package jwtauth

import (
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"github.com/personaportal/portal/internal/auth"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// DevIssuer signs the tokens of POST /dev/login (and of the tests) with the
// development OpenID Provider's RS256 key, under its issuer and for its
// client: the API verifies them as it verifies the provider's own tokens,
// through the provider's JWKS (JWKS), so scripts and the browser sign-in
// go through one verification path. It never runs in Lambda.
type DevIssuer struct {
	Key      *rsa.PrivateKey
	KeyID    string // the JWKS kid of Key
	Issuer   string // the provider's issuer URL
	Audience string // the provider's client id
	Config   auth.Config
	TTL      time.Duration
	Now      func() time.Time
}

// DevLogin is who a dev token is for: what POST /dev/login asks for, and
// what the development OpenID Provider's sign-in page picks.
type DevLogin struct {
	Email          string
	Tenant         string
	Admin          bool
	AuthAgeSeconds int
}

// Subject is the sub of a dev login's tokens: "dev|" and the lower-cased
// e-mail (API.md, Local development only).
func (l DevLogin) Subject() string { return "dev|" + normEmail(l.Email) }

func normEmail(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// DevClaims are the identity claims of a dev login besides the registered
// ones (iss, sub, aud, exp, iat): email, email_verified, the tenant and
// groups claims, auth_time and sid. POST /dev/login's tokens and the
// development OpenID Provider's tokens both carry exactly these, so a
// caller is the same whichever way it signed in.
func DevClaims(l DevLogin, cfg auth.Config, authTime time.Time, sid string) map[string]any {
	cfg = cfg.WithDefaults()
	groups := []string{}
	if l.Admin {
		groups = append(groups, cfg.AdminGroup)
	}
	return map[string]any{
		"email": normEmail(l.Email), "email_verified": true,
		cfg.TenantClaim: l.Tenant, cfg.GroupsClaim: groups,
		"auth_time": authTime.Unix(), "sid": sid,
	}
}

// NewSessionID is a random sid for a new sign-in.
func NewSessionID() string {
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// Issue signs a token for a dev login.
func (d DevIssuer) Issue(l DevLogin) (string, error) {
	now := d.Now()
	claims := jwt.MapClaims(DevClaims(l, d.Config, now.Add(-time.Duration(l.AuthAgeSeconds)*time.Second), NewSessionID()))
	claims["iss"], claims["aud"], claims["sub"] = d.Issuer, d.Audience, l.Subject()
	claims["iat"], claims["exp"] = now.Unix(), now.Add(d.TTL).Unix()
	tok := jwt.NewWithClaims(jwt.SigningMethodRS256, claims)
	tok.Header["kid"] = d.KeyID
	return tok.SignedString(d.Key)
}
