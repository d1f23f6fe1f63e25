// Package devtools serves the local-only routes: /dev/login, /dev/outbox,
// the OpenAPI document and the API reference page rendered from it. They
// are mounted by the local server only, never by a Lambda function.
package devtools

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/personaportal/portal/internal/apierr"
	"github.com/personaportal/portal/internal/auth"
	"github.com/personaportal/portal/internal/auth/jwtauth"
	"github.com/personaportal/portal/internal/domain"
	"github.com/personaportal/portal/internal/mail"
	"github.com/personaportal/portal/internal/operations"
)

// Local lists the local-only routes as operations (no handler, no role,
// no AWS needs): Mount serves exactly these, and the OpenAPI document
// describes them under the "dev" tag beside operations.All.
var Local = []operations.Operation{
	{Name: "dev-login", Method: "POST", Path: "/dev/login", Doc: operations.Doc{
		// The body is read as JSON whatever its Content-Type: scripts that
		// post it with a bare `curl -d` (form-encoded) keep working.
		Summary: "Sign a dev token (local server only)", Body: LoginBody{}, BodyMedia: []string{"application/json", "*/*"}, Response: Token{},
		Errors: []string{operations.InvalidRequest, operations.Internal}}},
	{Name: "dev-outbox", Method: "GET", Path: "/dev/outbox", Doc: operations.Doc{
		Summary:  "Every e-mail the local mailer sent, newest first (local server only)",
		Query:    []operations.Param{{Name: "to", Description: "Only messages to this address (case-insensitive).", Schema: map[string]any{"type": "string"}}},
		Response: Outbox{}, Errors: []string{operations.Unavailable, operations.Internal}}},
	{Name: "get-openapi", Method: "GET", Path: "/openapi.json", Doc: operations.Doc{
		Summary: "This OpenAPI document (local server only)", Response: map[string]any{}, Errors: []string{operations.Internal}}},
	{Name: "get-api-reference", Method: "GET", Path: "/docs/api", Doc: operations.Doc{
		Summary: "The API reference page, rendered from this document (local server only)", Response: "",
		ResponseMedia: []string{"text/html"}, Errors: []string{operations.Internal}}},
	{Name: "get-api-reference-asset", Method: "GET", Path: "/docs/api/assets/{asset}", Doc: operations.Doc{
		Summary: "A file of the reference page's renderer (local server only)", Response: "",
		ResponseMedia: []string{"text/javascript", "text/css"}, Errors: []string{operations.NotFound, operations.Internal}}},
}

// Routes serves the dev routes.
type Routes struct {
	Issuer jwtauth.DevIssuer
	Outbox *mail.Outbox
	// Deliver runs the send-email job first, so the outbox shows every
	// message already queued.
	Deliver func(context.Context) error
	// Document is the OpenAPI document served at /openapi.json.
	Document []byte
	// Renderer is the folder npm installed the reference page's renderer
	// into (see docs/reference/package.json).
	Renderer string
}

// Mount registers the dev routes on mux: every entry of Local, each with
// its handler (a missing one is a bug and panics at start).
func (d Routes) Mount(mux *http.ServeMux) {
	handlers := map[string]http.HandlerFunc{"dev-login": d.login, "dev-outbox": d.outbox,
		"get-openapi": d.openAPI, "get-api-reference": d.reference, "get-api-reference-asset": d.asset}
	for _, o := range Local {
		h, ok := handlers[o.Name]
		if !ok {
			panic(fmt.Sprintf("devtools: no handler for %s", o.Name))
		}
		mux.HandleFunc(o.Pattern(), h)
	}
}

// LoginBody is the body of POST /dev/login.
type LoginBody struct {
	Email          string `json:"email"`
	Tenant         string `json:"tenant"`
	Admin          bool   `json:"admin"`
	AuthAgeSeconds int    `json:"auth_age_seconds"`
}

// Token is the answer of POST /dev/login.
type Token struct {
	AccessToken string `json:"access_token"`
	TokenType   string `json:"token_type"`
	ExpiresIn   int    `json:"expires_in"`
}

// Outbox is the answer of GET /dev/outbox.
type Outbox struct {
	Items []mail.Message `json:"items"`
}

func (d Routes) login(w http.ResponseWriter, r *http.Request) {
	var b LoginBody
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 4096))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&b); err != nil {
		fail(w, "the body must be {\"email\", \"tenant\", \"admin\", \"auth_age_seconds\"}", nil)
		return
	}
	fields := map[string]string{}
	fe := apierr.FieldErrors{}
	domain.CheckEmail(fe, "email", domain.NormalizeEmail(b.Email))
	for f, reason := range fe {
		fields[f] = reason
	}
	if !auth.ValidTenant(b.Tenant) {
		// The API refuses such a token (401): refuse to issue it.
		fields["tenant"] = "must be 1-64 letters, digits, '.', '_' or '-'"
	}
	if b.AuthAgeSeconds < 0 {
		fields["auth_age_seconds"] = "must not be negative"
	}
	if len(fields) > 0 {
		fail(w, "the request is not valid", fields)
		return
	}
	tok, err := d.Issuer.Issue(jwtauth.DevLogin{Email: b.Email, Tenant: b.Tenant, Admin: b.Admin, AuthAgeSeconds: b.AuthAgeSeconds})
	if err != nil {
		write(w, http.StatusInternalServerError, errorBody("internal", "could not sign a token"))
		return
	}
	write(w, http.StatusOK, Token{AccessToken: tok, TokenType: "Bearer", ExpiresIn: int(d.Issuer.TTL.Seconds())})
}

func (d Routes) outbox(w http.ResponseWriter, r *http.Request) {
	if d.Deliver != nil {
		if err := d.Deliver(r.Context()); err != nil {
			write(w, http.StatusServiceUnavailable, errorBody("unavailable", "the outbox could not be delivered"))
			return
		}
	}
	write(w, http.StatusOK, Outbox{Items: d.Outbox.List(r.URL.Query().Get("to"))})
}

func errorBody(code, msg string) map[string]any {
	return map[string]any{"error": map[string]any{"code": code, "message": msg}}
}

func fail(w http.ResponseWriter, msg string, fields map[string]string) {
	e := map[string]any{"code": "invalid_request", "message": msg}
	if fields != nil {
		e["details"] = map[string]any{"fields": fields}
	}
	write(w, http.StatusBadRequest, map[string]any{"error": e})
}

func write(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
