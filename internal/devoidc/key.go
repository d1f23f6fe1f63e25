package devoidc

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"os"

	jose "github.com/go-jose/go-jose/v4"
)

// LoadOrCreateKey reads the provider's RSA signing key from a PEM file
// (PKCS #8), creating the file on first use. The local server keeps it in
// its --data directory, so tokens signed before a restart stay valid.
func LoadOrCreateKey(path string) (*rsa.PrivateKey, error) {
	if b, err := os.ReadFile(path); err == nil {
		block, _ := pem.Decode(b)
		if block == nil {
			return nil, fmt.Errorf("%s: no PEM block", path)
		}
		k, err := x509.ParsePKCS8PrivateKey(block.Bytes)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		rk, ok := k.(*rsa.PrivateKey)
		if !ok {
			return nil, fmt.Errorf("%s: not an RSA key", path)
		}
		return rk, nil
	} else if !errors.Is(err, os.ErrNotExist) {
		return nil, err
	}
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return nil, err
	}
	der, err := x509.MarshalPKCS8PrivateKey(k)
	if err != nil {
		return nil, err
	}
	return k, os.WriteFile(path, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}), 0o600)
}

// KeyID is the kid of a key: its RFC 7638 thumbprint, so it stays the same
// for the same key across restarts and changes with the key.
func KeyID(k *rsa.PublicKey) string {
	tp, err := (&jose.JSONWebKey{Key: k}).Thumbprint(crypto.SHA256)
	if err != nil {
		panic(err) // an RSA public key always has a thumbprint
	}
	return base64.RawURLEncoding.EncodeToString(tp)
}

// JWKS is the JSON Web Key Set of key as the provider serves it at its
// jwks_uri.
func JWKS(k *rsa.PublicKey) []byte {
	b, err := json.Marshal(jose.JSONWebKeySet{Keys: []jose.JSONWebKey{{Key: k, KeyID: KeyID(k), Algorithm: string(jose.RS256), Use: "sig"}}})
	if err != nil {
		panic(err)
	}
	return b
}
