package jwtauth

import (
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/personaportal/portal/internal/auth"
	"math/big"
	"net/http"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/personaportal/portal/internal/apierr"
)

// JWKS verifies bearer JWTs against a JSON Web Key Set, as the HTTP API JWT
// authorizer does in AWS: the key is picked by the token's kid, only RS256
// is accepted (so neither "none" nor an HMAC keyed with a public key can
// pass), the issuer and audience must match, exp is required and exp/nbf
// get a small leeway for clock skew. The claims then map to an auth.Identity by
// the same rules as the authorizer's (auth.FromClaims).
type JWKS struct {
	Issuer   string
	Audience string
	Keys     KeySet
	Config   auth.Config
	Now      func() time.Time // default time.Now
	Leeway   time.Duration    // default DefaultLeeway
}

// DefaultLeeway is the clock skew exp and nbf tolerate.
const DefaultLeeway = 30 * time.Second

// KeySet is a JWKS's RSA signing keys by kid.
type KeySet map[string]*rsa.PublicKey

// ParseJWKS reads a JWKS document (RFC 7517): its RSA keys usable for
// RS256 signatures. Other keys are left out, as a verifier would never
// pick them.
func ParseJWKS(doc []byte) (KeySet, error) {
	var set struct {
		Keys []struct {
			Kty string `json:"kty"`
			Kid string `json:"kid"`
			Use string `json:"use"`
			Alg string `json:"alg"`
			N   string `json:"n"`
			E   string `json:"e"`
		} `json:"keys"`
	}
	if err := json.Unmarshal(doc, &set); err != nil {
		return nil, fmt.Errorf("jwks: %w", err)
	}
	out := KeySet{}
	for _, k := range set.Keys {
		if k.Kty != "RSA" || k.Kid == "" || (k.Use != "" && k.Use != "sig") || (k.Alg != "" && k.Alg != "RS256") {
			continue
		}
		n, err1 := base64.RawURLEncoding.DecodeString(k.N)
		e, err2 := base64.RawURLEncoding.DecodeString(k.E)
		if err := errors.Join(err1, err2); err != nil || len(e) == 0 || len(e) > 4 {
			return nil, fmt.Errorf("jwks: key %q is malformed", k.Kid)
		}
		out[k.Kid] = &rsa.PublicKey{N: new(big.Int).SetBytes(n), E: int(new(big.Int).SetBytes(e).Int64())}
	}
	if len(out) == 0 {
		return nil, errors.New("jwks: no RS256 signing key")
	}
	return out, nil
}

// Authenticate implements auth.Authenticator.
func (v JWKS) Authenticate(r *http.Request) (auth.Identity, error) {
	raw, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok || raw == "" {
		return auth.Identity{}, apierr.Unauthenticated("missing bearer token")
	}
	claims, err := v.Verify(raw)
	if err != nil {
		return auth.Identity{}, apierr.Unauthenticated("invalid or expired token")
	}
	return auth.FromClaims(claims, v.Config)
}

// Verify checks a JWT's signature and registered claims and returns its
// claims.
func (v JWKS) Verify(raw string) (map[string]any, error) {
	now, leeway := v.Now, v.Leeway
	if now == nil {
		now = time.Now
	}
	if leeway == 0 {
		leeway = DefaultLeeway
	}
	claims := jwt.MapClaims{}
	_, err := jwt.ParseWithClaims(raw, claims, func(t *jwt.Token) (any, error) {
		kid, _ := t.Header["kid"].(string)
		if k, ok := v.Keys[kid]; ok {
			return k, nil
		}
		return nil, fmt.Errorf("no key %q in the JWKS", kid)
	}, jwt.WithValidMethods([]string{"RS256"}), jwt.WithIssuer(v.Issuer), jwt.WithAudience(v.Audience),
		jwt.WithExpirationRequired(), jwt.WithLeeway(leeway), jwt.WithTimeFunc(now))
	if err != nil {
		return nil, err
	}
	return claims, nil
}
