package devoidc

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"errors"
	"slices"
	"sync"
	"time"

	jose "github.com/go-jose/go-jose/v4"
	"github.com/personaportal/portal/internal/auth"
	"github.com/personaportal/portal/internal/auth/jwtauth"
	"github.com/zitadel/oidc/v3/pkg/oidc"
	"github.com/zitadel/oidc/v3/pkg/op"
)

// authRequest is one authorization request, from /authorize until its code
// is exchanged (or it expires). The sign-in page fills in who signed in.
type authRequest struct {
	id            string
	clientID      string
	redirectURI   string
	state, nonce  string
	scopes        []string
	responseType  oidc.ResponseType
	responseMode  oidc.ResponseMode
	codeChallenge *oidc.CodeChallenge
	maxAge        *uint // nil: not asked; 0 after prompt=login (the op package maps it so)
	prompt        []string
	created       time.Time

	done     bool
	login    jwtauth.DevLogin
	authTime time.Time
	sid      string
	claims   auth.Config
}

func (a *authRequest) GetID() string                         { return a.id }
func (a *authRequest) GetACR() string                        { return "" }
func (a *authRequest) GetAMR() []string                      { return []string{"pwd"} }
func (a *authRequest) GetAudience() []string                 { return []string{a.clientID} }
func (a *authRequest) GetAuthTime() time.Time                { return a.authTime }
func (a *authRequest) GetClientID() string                   { return a.clientID }
func (a *authRequest) GetCodeChallenge() *oidc.CodeChallenge { return a.codeChallenge }
func (a *authRequest) GetNonce() string                      { return a.nonce }
func (a *authRequest) GetRedirectURI() string                { return a.redirectURI }
func (a *authRequest) GetResponseType() oidc.ResponseType    { return a.responseType }
func (a *authRequest) GetResponseMode() oidc.ResponseMode    { return a.responseMode }
func (a *authRequest) GetScopes() []string                   { return a.scopes }
func (a *authRequest) GetState() string                      { return a.state }
func (a *authRequest) Done() bool                            { return a.done }
func (a *authRequest) GetSubject() string {
	if !a.done {
		return ""
	}
	return a.login.Subject()
}

// identityClaims are the claims besides the registered ones that both the
// access token and the ID token carry: those of POST /dev/login's tokens.
func (a *authRequest) identityClaims() map[string]any {
	return jwtauth.DevClaims(a.login, a.claims, a.authTime, a.sid)
}

// requestTTL bounds how long an unfinished sign-in (and an unexchanged
// code) is kept.
const requestTTL = 10 * time.Minute

// storage is the provider's state, in memory: a restart forgets pending
// sign-ins and issued token IDs (userinfo answers 401 for older tokens),
// while the tokens themselves stay valid for the API, which only checks
// their signature against the persisted key.
type storage struct {
	client *client
	key    *rsa.PrivateKey
	kid    string
	claims auth.Config
	ttl    time.Duration
	now    func() time.Time

	mu       sync.Mutex
	requests map[string]*authRequest // by id
	codes    map[string]string       // code → request id
	tokens   map[string]*authRequest // access token id (jti) → the sign-in it was issued for
}

var (
	_ op.Storage                        = (*storage)(nil)
	_ op.CanGetPrivateClaimsFromRequest = (*storage)(nil)
	_ op.CanSetUserinfoFromRequest      = (*storage)(nil)
)

func randomID() string {
	b := make([]byte, 24)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// CreateAuthRequest keeps an authorization request. It enforces what the
// op package leaves to the storage: PKCE with S256 (a public client has no
// other proof that the code exchanger is the requester), and prompt=none,
// which this provider cannot satisfy since it keeps no sign-in session.
func (s *storage) CreateAuthRequest(_ context.Context, r *oidc.AuthRequest, _ string) (op.AuthRequest, error) {
	if r.CodeChallenge == "" || r.CodeChallengeMethod != oidc.CodeChallengeMethodS256 {
		return nil, oidc.ErrInvalidRequest().WithDescription("PKCE is required: send code_challenge with code_challenge_method=S256")
	}
	if slices.Contains(r.Prompt, oidc.PromptNone) {
		return nil, oidc.ErrLoginRequired().WithDescription("the development provider keeps no session: sign in interactively")
	}
	a := &authRequest{
		id: randomID(), clientID: r.ClientID, redirectURI: r.RedirectURI, state: r.State, nonce: r.Nonce,
		scopes: r.Scopes, responseType: r.ResponseType, responseMode: r.ResponseMode,
		codeChallenge: &oidc.CodeChallenge{Challenge: r.CodeChallenge, Method: r.CodeChallengeMethod},
		maxAge:        r.MaxAge, prompt: r.Prompt, created: s.now(), claims: s.claims,
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.expire()
	s.requests[a.id] = a
	return a, nil
}

// expire drops requests older than requestTTL. Callers hold mu.
func (s *storage) expire() {
	cutoff := s.now().Add(-requestTTL)
	for id, a := range s.requests {
		if a.created.Before(cutoff) {
			delete(s.requests, id)
		}
	}
	for code, id := range s.codes {
		if _, ok := s.requests[id]; !ok {
			delete(s.codes, code)
		}
	}
}

func (s *storage) AuthRequestByID(_ context.Context, id string) (op.AuthRequest, error) {
	if a := s.request(id); a != nil {
		return a, nil
	}
	return nil, oidc.ErrInvalidRequest().WithDescription("unknown or expired authorization request")
}

// request is a pending request by id, or nil.
func (s *storage) request(id string) *authRequest {
	s.mu.Lock()
	defer s.mu.Unlock()
	a := s.requests[id]
	if a == nil || a.created.Before(s.now().Add(-requestTTL)) {
		return nil
	}
	return a
}

// signIn records who signed in for a pending request.
func (s *storage) signIn(id string, login jwtauth.DevLogin, authTime time.Time) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	a := s.requests[id]
	if a == nil || a.done {
		return false
	}
	a.login, a.authTime, a.sid, a.done = login, authTime, jwtauth.NewSessionID(), true
	return true
}

func (s *storage) AuthRequestByCode(_ context.Context, code string) (op.AuthRequest, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if a := s.requests[s.codes[code]]; a != nil && a.created.After(s.now().Add(-requestTTL)) {
		return a, nil
	}
	return nil, oidc.ErrInvalidGrant().WithDescription("unknown or expired code")
}

func (s *storage) SaveAuthCode(_ context.Context, id, code string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.codes[code] = id
	return nil
}

// DeleteAuthRequest runs once the code is exchanged: a code is good once.
func (s *storage) DeleteAuthRequest(_ context.Context, id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.requests, id)
	for code, rid := range s.codes {
		if rid == id {
			delete(s.codes, code)
		}
	}
	return nil
}

func (s *storage) CreateAccessToken(_ context.Context, r op.TokenRequest) (string, time.Time, error) {
	a, ok := r.(*authRequest)
	if !ok {
		return "", time.Time{}, oidc.ErrUnsupportedGrantType()
	}
	id := randomID()
	s.mu.Lock()
	defer s.mu.Unlock()
	s.tokens[id] = a
	return id, s.now().Add(s.ttl), nil // the clock the API checks it against
}

// The client is not granted refresh tokens: the portal signs in again
// (the API's tokens live an hour, like /dev/login's).
func (s *storage) CreateAccessAndRefreshTokens(context.Context, op.TokenRequest, string) (string, string, time.Time, error) {
	return "", "", time.Time{}, oidc.ErrUnsupportedGrantType()
}

func (s *storage) TokenRequestByRefreshToken(context.Context, string) (op.RefreshTokenRequest, error) {
	return nil, oidc.ErrInvalidGrant()
}

// TerminateSession forgets the user's tokens (end_session).
func (s *storage) TerminateSession(_ context.Context, userID, _ string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for id, a := range s.tokens {
		if a.GetSubject() == userID {
			delete(s.tokens, id)
		}
	}
	return nil
}

func (s *storage) RevokeToken(_ context.Context, tokenID, _, _ string) *oidc.Error {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.tokens, tokenID)
	return nil
}

func (s *storage) GetRefreshTokenInfo(context.Context, string, string) (string, string, error) {
	return "", "", op.ErrInvalidRefreshToken
}

type signingKey struct {
	id  string
	key *rsa.PrivateKey
}

func (k signingKey) SignatureAlgorithm() jose.SignatureAlgorithm { return jose.RS256 }
func (k signingKey) Key() any                                    { return k.key }
func (k signingKey) ID() string                                  { return k.id }

type publicKey struct{ signingKey }

func (k publicKey) Algorithm() jose.SignatureAlgorithm { return jose.RS256 }
func (k publicKey) Use() string                        { return "sig" }
func (k publicKey) Key() any                           { return &k.key.PublicKey }

func (s *storage) SigningKey(context.Context) (op.SigningKey, error) {
	return signingKey{s.kid, s.key}, nil
}

func (s *storage) SignatureAlgorithms(context.Context) ([]jose.SignatureAlgorithm, error) {
	return []jose.SignatureAlgorithm{jose.RS256}, nil
}

func (s *storage) KeySet(context.Context) ([]op.Key, error) {
	return []op.Key{publicKey{signingKey{s.kid, s.key}}}, nil
}

func (s *storage) GetClientByClientID(_ context.Context, id string) (op.Client, error) {
	if id != s.client.id {
		return nil, oidc.ErrInvalidClient().WithDescription("unknown client")
	}
	return s.client, nil
}

// AuthorizeClientIDSecret: the only client is public and has no secret.
func (s *storage) AuthorizeClientIDSecret(context.Context, string, string) error {
	return oidc.ErrInvalidClient().WithDescription("the client has no secret")
}

// SetUserinfoFromScopes is deprecated in op; SetUserinfoFromRequest does it.
func (s *storage) SetUserinfoFromScopes(context.Context, *oidc.UserInfo, string, string, []string) error {
	return nil
}

// SetUserinfoFromRequest gives the ID token the identity claims of the
// access token, whatever the scopes: the portal reads the same caller from
// both.
func (s *storage) SetUserinfoFromRequest(_ context.Context, ui *oidc.UserInfo, r op.IDTokenRequest, _ []string) error {
	a, ok := r.(*authRequest)
	if !ok {
		return errors.New("devoidc: not an authorization request")
	}
	setUserinfo(ui, a)
	return nil
}

func setUserinfo(ui *oidc.UserInfo, a *authRequest) {
	ui.Subject = a.GetSubject()
	for k, v := range a.identityClaims() {
		switch k {
		case "email":
			ui.Email = v.(string)
		case "email_verified":
			ui.EmailVerified = oidc.Bool(true)
		default:
			ui.AppendClaims(k, v)
		}
	}
}

func (s *storage) SetUserinfoFromToken(_ context.Context, ui *oidc.UserInfo, tokenID, subject, _ string) error {
	s.mu.Lock()
	a := s.tokens[tokenID]
	s.mu.Unlock()
	if a == nil || a.GetSubject() != subject {
		return oidc.ErrAccessDenied().WithDescription("unknown or revoked token")
	}
	setUserinfo(ui, a)
	return nil
}

func (s *storage) SetIntrospectionFromToken(context.Context, *oidc.IntrospectionResponse, string, string, string) error {
	return oidc.ErrAccessDenied().WithDescription("introspection is not offered")
}

// GetPrivateClaimsFromScopes is only reached for token requests that are
// not sign-ins, which this provider does not grant.
func (s *storage) GetPrivateClaimsFromScopes(context.Context, string, string, []string) (map[string]any, error) {
	return nil, oidc.ErrUnsupportedGrantType()
}

// GetPrivateClaimsFromRequest gives the JWT access token the identity
// claims POST /dev/login's tokens carry.
func (s *storage) GetPrivateClaimsFromRequest(_ context.Context, r op.TokenRequest, _ []string) (map[string]any, error) {
	a, ok := r.(*authRequest)
	if !ok {
		return nil, oidc.ErrUnsupportedGrantType()
	}
	return a.identityClaims(), nil
}

func (s *storage) GetKeyByIDAndClientID(context.Context, string, string) (*jose.JSONWebKey, error) {
	return nil, oidc.ErrInvalidClient().WithDescription("JWT profile grants are not offered")
}

func (s *storage) ValidateJWTProfileScopes(context.Context, string, []string) ([]string, error) {
	return nil, oidc.ErrInvalidClient().WithDescription("JWT profile grants are not offered")
}

func (s *storage) Health(context.Context) error { return nil }
