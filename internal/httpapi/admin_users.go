package httpapi

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/personaportal/portal/internal/apierr"
	"github.com/personaportal/portal/internal/domain"
	"github.com/personaportal/portal/internal/portal"
	"github.com/personaportal/portal/internal/store"
)

type adminProfileFields struct {
	profileFields
	Email  *string `json:"email"`
	Status *string `json:"status"`
}

// newUserBody is the body of POST /admin/users.
type newUserBody struct {
	profileFields
	Email string `json:"email"`
}

var adminProfileReadOnly = []string{"id", "created_at", "updated_at"}

// ListUsers serves GET /admin/users.
func (a *API) ListUsers(w http.ResponseWriter, r *http.Request, c portal.Caller) error {
	page, err := pageOf(c, r)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	pg, err := a.Service.ListUsers(r.Context(), c, store.ProfileFilter{Q: q.Get("q"), Attribute: q.Get("attribute"), Value: q.Get("value")}, page)
	return respondList(w, r, c, pg, err)
}

// CreateUser serves POST /admin/users.
func (a *API) CreateUser(w http.ResponseWriter, r *http.Request, c portal.Caller) error {
	var body newUserBody
	if err := decodeJSON(w, r, &body, "id", "status", "created_at", "updated_at"); err != nil {
		return err
	}
	p, err := a.Service.CreateUser(r.Context(), c, portal.NewUser{Email: body.Email, Patch: body.Patch()})
	return respond(w, http.StatusCreated, p, err)
}

// GetUser serves GET /admin/users/{user_id}.
func (a *API) GetUser(w http.ResponseWriter, r *http.Request, c portal.Caller) error {
	p, err := a.Service.GetUser(r.Context(), c, r.PathValue("user_id"))
	return respond(w, http.StatusOK, p, err)
}

// PatchUser serves PATCH /admin/users/{user_id}.
func (a *API) PatchUser(w http.ResponseWriter, r *http.Request, c portal.Caller) error {
	var body adminProfileFields
	if err := decodeJSON(w, r, &body, adminProfileReadOnly...); err != nil {
		return err
	}
	patch := body.Patch()
	patch.Email, patch.Status = body.Email, body.Status
	p, err := a.Service.UpdateUser(r.Context(), c, r.PathValue("user_id"), patch)
	return respond(w, http.StatusOK, p, err)
}

// DisableUser serves DELETE /admin/users/{user_id}: the user is disabled,
// nothing is erased.
func (a *API) DisableUser(w http.ResponseWriter, r *http.Request, c portal.Caller) error {
	p, err := a.Service.DisableUser(r.Context(), c, r.PathValue("user_id"))
	return respond(w, http.StatusOK, p, err)
}

type newPersonaBody struct {
	Type       string         `json:"type"`
	Scope      []string       `json:"scope"`
	Email      string         `json:"email"`
	ValidFrom  *string        `json:"valid_from"`
	ValidUntil *string        `json:"valid_until"`
	Attributes map[string]any `json:"attributes"`
	Preferred  bool           `json:"preferred"`
}

var personaReadOnly = []string{"id", "user_id", "entitlements", "status", "active", "delegation", "created_at", "updated_at"}

// ListUserPersonas serves GET /admin/users/{user_id}/personas.
func (a *API) ListUserPersonas(w http.ResponseWriter, r *http.Request, c portal.Caller) error {
	page, err := pageOf(c, r)
	if err != nil {
		return err
	}
	pg, err := a.Service.UserPersonas(r.Context(), c, r.PathValue("user_id"), page)
	return respondList(w, r, c, pg, err)
}

// AddUserPersona serves POST /admin/users/{user_id}/personas.
func (a *API) AddUserPersona(w http.ResponseWriter, r *http.Request, c portal.Caller) error {
	in, err := decodeNewPersona(w, r)
	if err != nil {
		return err
	}
	p, err := a.Service.AddPersona(r.Context(), c, r.PathValue("user_id"), in)
	return respond(w, http.StatusCreated, p, err)
}

type personaPatchBody struct {
	Scope      *[]string      `json:"scope"`
	Email      *string        `json:"email"`
	ValidFrom  *string        `json:"valid_from"`
	ValidUntil nullableTime   `json:"valid_until"`
	Attributes map[string]any `json:"attributes"`
}

// PatchUserPersona serves PATCH /admin/users/{user_id}/personas/{persona_id}.
func (a *API) PatchUserPersona(w http.ResponseWriter, r *http.Request, c portal.Caller) error {
	patch, err := decodePersonaPatch(w, r)
	if err != nil {
		return err
	}
	p, err := a.Service.EditPersona(r.Context(), c, r.PathValue("user_id"), r.PathValue("persona_id"), patch)
	return respond(w, http.StatusOK, p, err)
}

// RevokeUserPersona serves DELETE /admin/users/{user_id}/personas/{persona_id}.
func (a *API) RevokeUserPersona(w http.ResponseWriter, r *http.Request, c portal.Caller) error {
	p, err := a.Service.RevokePersona(r.Context(), c, r.PathValue("user_id"), r.PathValue("persona_id"))
	return respond(w, http.StatusOK, p, err)
}

// SearchPersonas serves GET /admin/personas.
func (a *API) SearchPersonas(w http.ResponseWriter, r *http.Request, c portal.Caller) error {
	page, err := pageOf(c, r)
	if err != nil {
		return err
	}
	f, err := personaFilter(r.URL.Query())
	if err != nil {
		return err
	}
	pg, err := a.Service.SearchPersonas(r.Context(), c, f, page)
	return respondList(w, r, c, pg, err)
}

// personaFilter reads the filters of GET /admin/personas. Each takes only
// values a persona can hold (a type slug, a scope value, a status, an
// e-mail), so every accepted filter is one the store can run.
func personaFilter(q url.Values) (store.PersonaFilter, error) {
	fe := apierr.FieldErrors{}
	f := store.PersonaFilter{Type: q.Get("type"), Scope: q.Get("scope"), Status: q.Get("status"),
		Email: domain.NormalizeEmail(q.Get("email"))}
	if f.Type != "" && !domain.ValidSlug(f.Type) {
		fe.Add("type", "must be a persona type (lower-case letters, digits, dashes)")
	}
	if f.Scope != "" {
		domain.CheckTokens(fe, "scope", []string{f.Scope}, 1)
	}
	if f.Status != "" && !slices.Contains(domain.PersonaStatuses, f.Status) {
		fe.Add("status", "must be one of "+strings.Join(domain.PersonaStatuses, ", "))
	}
	if f.Email != "" {
		domain.CheckEmail(fe, "email", f.Email)
	}
	if v := q.Get("preferred"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			fe.Add("preferred", "must be true or false")
		}
		f.Preferred = &b
	}
	return f, fe.Err()
}

// Audit serves GET /admin/audit.
func (a *API) Audit(w http.ResponseWriter, r *http.Request, c portal.Caller) error {
	page, err := pageOf(c, r)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	f := apierr.FieldErrors{}
	var from, to *string
	if q.Has("from") {
		v := q.Get("from")
		from = &v
	}
	if q.Has("to") {
		v := q.Get("to")
		to = &v
	}
	fromT, toT := parseTime(f, "from", from), parseTime(f, "to", to)
	if err := f.Err(); err != nil {
		return err
	}
	pg, err := a.Service.Audit(r.Context(), c, portal.AuditQuery{From: fromT, To: toT, UserID: q.Get("user_id"),
		Actor: q.Get("actor"), Action: q.Get("action")}, page)
	return respondList(w, r, c, pg, err)
}
