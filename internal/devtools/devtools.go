// Package devtools serves the local-only routes (/dev/login, /dev/outbox).
// They are mounted by the local server only, never by a Lambda function.
package devtools

import (
	"context"
	"encoding/json"
	"net/http"

	"github.com/personaportal/portal/internal/apierr"
	"github.com/personaportal/portal/internal/auth"
	"github.com/personaportal/portal/internal/domain"
	"github.com/personaportal/portal/internal/mail"
)

// Routes serves the dev routes.
type Routes struct {
	Issuer auth.DevIssuer
	Outbox *mail.Outbox
	// Deliver runs the send-email job first, so the outbox shows every
	// message already queued.
	Deliver func(context.Context) error
}

// Mount registers the dev routes on mux.
func (d Routes) Mount(mux *http.ServeMux) {
	mux.HandleFunc("POST /dev/login", d.login)
	mux.HandleFunc("GET /dev/outbox", d.outbox)
}

type loginBody struct {
	Email          string `json:"email"`
	Tenant         string `json:"tenant"`
	Admin          bool   `json:"admin"`
	AuthAgeSeconds int    `json:"auth_age_seconds"`
}

func (d Routes) login(w http.ResponseWriter, r *http.Request) {
	var b loginBody
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
	tok, err := d.Issuer.Issue(auth.DevLogin{Email: b.Email, Tenant: b.Tenant, Admin: b.Admin, AuthAgeSeconds: b.AuthAgeSeconds})
	if err != nil {
		http.Error(w, `{"error":{"code":"internal","message":"could not sign a token"}}`, http.StatusInternalServerError)
		return
	}
	write(w, http.StatusOK, map[string]any{"access_token": tok, "token_type": "Bearer",
		"expires_in": int(d.Issuer.TTL.Seconds())})
}

func (d Routes) outbox(w http.ResponseWriter, r *http.Request) {
	if d.Deliver != nil {
		if err := d.Deliver(r.Context()); err != nil {
			http.Error(w, `{"error":{"code":"unavailable","message":"the outbox could not be delivered"}}`, http.StatusServiceUnavailable)
			return
		}
	}
	write(w, http.StatusOK, map[string]any{"items": d.Outbox.List(r.URL.Query().Get("to"))})
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
