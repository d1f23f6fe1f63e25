package auth

import (
	"crypto/rand"
	"encoding/base64"
	"net/http"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/personaportal/portal/internal/apierr"
)

const (
	devIssuer   = "persona-portal-dev"
	devAudience = "persona-portal"
)

// DevIssuer signs and verifies the local server's tokens (HS256 with a key
// kept in the data directory). It never runs in Lambda.
type DevIssuer struct {
	Key    []byte
	Config Config
	TTL    time.Duration
	Now    func() time.Time
}

// DevLogin is what POST /dev/login asks for.
type DevLogin struct {
	Email          string
	Tenant         string
	Admin          bool
	AuthAgeSeconds int
}

// Issue signs a token for a dev login.
func (d DevIssuer) Issue(l DevLogin) (string, error) {
	cfg := d.Config.WithDefaults()
	now := d.Now()
	email := strings.ToLower(strings.TrimSpace(l.Email))
	groups := []string{}
	if l.Admin {
		groups = append(groups, cfg.AdminGroup)
	}
	sid := make([]byte, 12)
	_, _ = rand.Read(sid)
	claims := jwt.MapClaims{
		"iss": devIssuer, "aud": devAudience, "sub": "dev|" + email, "email": email, "email_verified": true,
		cfg.TenantClaim: l.Tenant, cfg.GroupsClaim: groups,
		"auth_time": now.Add(-time.Duration(l.AuthAgeSeconds) * time.Second).Unix(),
		"iat":       now.Unix(), "exp": now.Add(d.TTL).Unix(),
		"sid": base64.RawURLEncoding.EncodeToString(sid),
	}
	return jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString(d.Key)
}

// Authenticate implements Authenticator for dev tokens.
func (d DevIssuer) Authenticate(r *http.Request) (Identity, error) {
	h := r.Header.Get("Authorization")
	raw, ok := strings.CutPrefix(h, "Bearer ")
	if !ok || raw == "" {
		return Identity{}, apierr.Unauthenticated("missing bearer token")
	}
	claims := jwt.MapClaims{}
	_, err := jwt.ParseWithClaims(raw, claims, func(*jwt.Token) (any, error) { return d.Key, nil },
		jwt.WithValidMethods([]string{"HS256"}), jwt.WithIssuer(devIssuer), jwt.WithAudience(devAudience),
		jwt.WithExpirationRequired(), jwt.WithTimeFunc(d.Now))
	if err != nil {
		return Identity{}, apierr.Unauthenticated("invalid or expired token")
	}
	return FromClaims(claims, d.Config)
}
