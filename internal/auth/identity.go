// Package auth turns a request's credentials into an Identity: from the API
// Gateway JWT authorizer's claims in Lambda, or from tokens of the local dev
// issuer. It only says who the caller is; which profile that is and what the
// caller may do is the portal package's business.
package auth

import (
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/personaportal/portal/internal/apierr"
)

// Config names the claims the portal reads.
type Config struct {
	TenantClaim string // default "tenant"
	GroupsClaim string // default "groups"
	AdminGroup  string // default "portal-admin"; also matches the group path "/portal-admin"
}

// WithDefaults fills empty fields with the defaults of API.md.
func (c Config) WithDefaults() Config {
	if c.TenantClaim == "" {
		c.TenantClaim = "tenant"
	}
	if c.GroupsClaim == "" {
		c.GroupsClaim = "groups"
	}
	if c.AdminGroup == "" {
		c.AdminGroup = "portal-admin"
	}
	return c
}

// Identity is who the caller is, by the token.
type Identity struct {
	Tenant        string
	Sub           string
	Email         string
	EmailVerified bool
	GivenName     string
	FamilyName    string
	Name          string
	AuthTime      time.Time // zero when the token does not say
	Groups        []string
	TenantAdmin   bool
	// Session keys per-session state (the active persona): the token's sid,
	// else its jti, else its sub.
	Session string
	Expires time.Time // zero when the token does not say
}

// Authenticator finds the identity of a request.
type Authenticator interface {
	Authenticate(r *http.Request) (Identity, error)
}

// ValidTenant reports whether s can be a tenant: 1-64 ASCII letters,
// digits, '.', '_' or '-', starting with a letter or digit. Every request
// checks it, so it is a loop rather than a regular expression compiled at
// cold start (a test holds it to ^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$).
func ValidTenant(s string) bool {
	if s == "" || len(s) > 64 || !alnum(s[0]) {
		return false
	}
	for i := 1; i < len(s); i++ {
		if c := s[i]; !alnum(c) && c != '.' && c != '_' && c != '-' {
			return false
		}
	}
	return true
}

func alnum(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' }

// FromClaims reads an identity from token claims. Values may be JSON-typed
// (a decoded JWT) or the strings the API Gateway JWT authorizer hands over
// ("true", "1763805600", "[portal-admin auditors]").
func FromClaims(claims map[string]any, cfg Config) (Identity, error) {
	cfg = cfg.WithDefaults()
	id := Identity{
		Tenant:        claimString(claims[cfg.TenantClaim]),
		Sub:           claimString(claims["sub"]),
		Email:         strings.ToLower(strings.TrimSpace(claimString(claims["email"]))),
		EmailVerified: claimBool(claims["email_verified"]),
		GivenName:     claimString(claims["given_name"]),
		FamilyName:    claimString(claims["family_name"]),
		Name:          claimString(claims["name"]),
		Groups:        claimList(claims[cfg.GroupsClaim]),
	}
	if id.Sub == "" {
		return Identity{}, apierr.Unauthenticated("the token has no subject")
	}
	if !ValidTenant(id.Tenant) {
		return Identity{}, apierr.Unauthenticated("the token names no valid tenant")
	}
	if t, ok := claimInt(claims["auth_time"]); ok {
		id.AuthTime = time.Unix(t, 0).UTC()
	}
	if t, ok := claimInt(claims["exp"]); ok {
		id.Expires = time.Unix(t, 0).UTC()
	}
	id.TenantAdmin = isAdmin(id.Groups, cfg.AdminGroup)
	id.Session = id.Sub
	for _, c := range []string{"sid", "jti"} {
		if v := claimString(claims[c]); v != "" {
			id.Session = id.Sub + "|" + v
			break
		}
	}
	return id, nil
}

// isAdmin says whether the groups hold the admin group: by its name, or,
// for a name without slashes, as the top-level group path Keycloak's group
// membership mapper sends by default ("/portal-admin"; a subgroup
// "/acme/portal-admin" is another group).
func isAdmin(groups []string, admin string) bool {
	return slices.Contains(groups, admin) || (!strings.Contains(admin, "/") && slices.Contains(groups, "/"+admin))
}

func claimString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case json.Number:
		return x.String()
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	return ""
}

func claimBool(v any) bool {
	switch x := v.(type) {
	case bool:
		return x
	case string:
		b, _ := strconv.ParseBool(x)
		return b
	}
	return false
}

func claimInt(v any) (int64, bool) {
	switch x := v.(type) {
	case float64:
		return int64(x), true
	case json.Number:
		n, err := x.Int64()
		return n, err == nil
	case string:
		n, err := strconv.ParseInt(x, 10, 64)
		return n, err == nil
	}
	return 0, false
}

// claimList reads a list claim: a JSON array, the authorizer's bracketed
// space-separated form, a JSON array inside a string, or a single value.
func claimList(v any) []string {
	switch x := v.(type) {
	case []any:
		out := make([]string, 0, len(x))
		for _, e := range x {
			if s := claimString(e); s != "" {
				out = append(out, s)
			}
		}
		return out
	case []string:
		return x
	case string:
		s := strings.TrimSpace(x)
		if strings.HasPrefix(s, "[\"") {
			var out []string
			if json.Unmarshal([]byte(s), &out) == nil {
				return out
			}
		}
		s = strings.TrimSuffix(strings.TrimPrefix(s, "["), "]")
		return strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ',' })
	}
	return nil
}
