package jwtauth

import (
	"crypto/rand"
	"crypto/rsa"
	"encoding/json"
	"github.com/personaportal/portal/internal/auth"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	jose "github.com/go-jose/go-jose/v4"
	"github.com/golang-jwt/jwt/v5"
)

var (
	testKeyOnce sync.Once
	testKey     *rsa.PrivateKey
)

func rsaKey(t *testing.T) *rsa.PrivateKey {
	testKeyOnce.Do(func() {
		var err error
		if testKey, err = rsa.GenerateKey(rand.Reader, 2048); err != nil {
			panic(err)
		}
	})
	return testKey
}

// jwksOf is the JWKS document a provider would serve for key.
func jwksOf(t *testing.T, kid string, key *rsa.PrivateKey) []byte {
	t.Helper()
	b, err := json.Marshal(jose.JSONWebKeySet{Keys: []jose.JSONWebKey{{Key: &key.PublicKey, KeyID: kid, Algorithm: "RS256", Use: "sig"}}})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func testVerifier(t *testing.T, now time.Time) (JWKS, DevIssuer) {
	key := rsaKey(t)
	keys, err := ParseJWKS(jwksOf(t, "k1", key))
	if err != nil {
		t.Fatal(err)
	}
	clock := func() time.Time { return now }
	iss := DevIssuer{Key: key, KeyID: "k1", Issuer: "http://127.0.0.1:8080/oidc", Audience: "persona-portal", TTL: time.Hour, Now: clock}
	return JWKS{Issuer: iss.Issuer, Audience: iss.Audience, Keys: keys, Now: clock}, iss
}

func authenticate(v JWKS, tok string) (auth.Identity, error) {
	req := httptest.NewRequest("GET", "/me", nil)
	req.Header.Set("Authorization", "Bearer "+tok)
	return v.Authenticate(req)
}

func TestDevTokensAreVerifiedThroughTheJWKS(t *testing.T) {
	now := time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)
	v, iss := testVerifier(t, now)
	tok, err := iss.Issue(DevLogin{Email: "A@x.test", Tenant: "demo", Admin: true, AuthAgeSeconds: 60})
	if err != nil {
		t.Fatal(err)
	}
	id, err := authenticate(v, tok)
	if err != nil || id.Sub != "dev|a@x.test" || id.Email != "a@x.test" || !id.EmailVerified || !id.TenantAdmin ||
		id.Tenant != "demo" || !id.AuthTime.Equal(now.Add(-time.Minute)) || !strings.HasPrefix(id.Session, "dev|a@x.test|") {
		t.Fatalf("%+v %v", id, err)
	}
	// Within the leeway an expired token still passes; past it, not.
	v.Now = func() time.Time { return now.Add(time.Hour + 10*time.Second) }
	if _, err := authenticate(v, tok); err != nil {
		t.Fatalf("within the leeway: %v", err)
	}
	v.Now = func() time.Time { return now.Add(time.Hour + time.Minute) }
	if _, err := authenticate(v, tok); err == nil {
		t.Fatal("an expired token was accepted")
	}
}

func TestForgedTokensAreRefused(t *testing.T) {
	now := time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)
	v, iss := testVerifier(t, now)
	claims := func() jwt.MapClaims {
		c := jwt.MapClaims(DevClaims(DevLogin{Email: "eve@x.test", Tenant: "demo", Admin: true}, auth.Config{}, now, "s"))
		c["iss"], c["aud"], c["sub"], c["exp"], c["iat"] = iss.Issuer, iss.Audience, "dev|eve@x.test", now.Add(time.Hour).Unix(), now.Unix()
		return c
	}
	sign := func(c jwt.MapClaims, kid string, key *rsa.PrivateKey) string {
		tok := jwt.NewWithClaims(jwt.SigningMethodRS256, c)
		tok.Header["kid"] = kid
		s, err := tok.SignedString(key)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	// The control: the same claims, properly signed, pass.
	if _, err := authenticate(v, sign(claims(), "k1", iss.Key)); err != nil {
		t.Fatalf("a good token was refused: %v", err)
	}
	none, _ := jwt.NewWithClaims(jwt.SigningMethodNone, claims()).SignedString(jwt.UnsafeAllowNoneSignatureType)
	pemLike, _ := json.Marshal(iss.Key.PublicKey) // any bytes an attacker knows of the public key
	hsTok := jwt.NewWithClaims(jwt.SigningMethodHS256, claims())
	hsTok.Header["kid"] = "k1"
	hs, _ := hsTok.SignedString(pemLike)
	hsN, _ := hsTok.SignedString(iss.Key.PublicKey.N.Bytes())
	other, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	wrongIss, wrongAud, expired, noExp, future := claims(), claims(), claims(), claims(), claims()
	wrongIss["iss"] = "https://evil.test/oidc"
	wrongAud["aud"] = "another-client"
	expired["exp"] = now.Add(-time.Hour).Unix()
	delete(noExp, "exp")
	future["nbf"] = now.Add(time.Hour).Unix()
	for name, tok := range map[string]string{
		"alg none":                        none,
		"HS256 keyed with the public key": hs,
		"HS256 keyed with the modulus":    hsN,
		"wrong issuer":                    sign(wrongIss, "k1", iss.Key),
		"wrong audience":                  sign(wrongAud, "k1", iss.Key),
		"expired":                         sign(expired, "k1", iss.Key),
		"no exp":                          sign(noExp, "k1", iss.Key),
		"not yet valid":                   sign(future, "k1", iss.Key),
		"unknown kid":                     sign(claims(), "k2", iss.Key),
		"no kid":                          sign(claims(), "", iss.Key),
		"another key under a known kid":   sign(claims(), "k1", other),
		"garbage":                         "not.a.jwt",
	} {
		if id, err := authenticate(v, tok); err == nil {
			t.Errorf("%s: accepted as %+v", name, id)
		}
	}
}

func TestParseJWKSKeepsOnlyRS256SigningKeys(t *testing.T) {
	key := rsaKey(t)
	doc, _ := json.Marshal(jose.JSONWebKeySet{Keys: []jose.JSONWebKey{
		{Key: &key.PublicKey, KeyID: "sig", Algorithm: "RS256", Use: "sig"},
		{Key: &key.PublicKey, KeyID: "enc", Algorithm: "RSA-OAEP", Use: "enc"},
		{Key: &key.PublicKey, KeyID: "ps", Algorithm: "PS256", Use: "sig"},
	}})
	set, err := ParseJWKS(doc)
	if err != nil || len(set) != 1 || set["sig"] == nil || !set["sig"].Equal(&key.PublicKey) {
		t.Fatalf("%v %v", set, err)
	}
	if _, err := ParseJWKS([]byte(`{"keys":[]}`)); err == nil {
		t.Fatal("an empty JWKS was accepted")
	}
}
