package httpapi

import (
	"net/http"

	"github.com/personaportal/portal/internal/apierr"
	"github.com/personaportal/portal/internal/domain"
	"github.com/personaportal/portal/internal/portal"
)

// AssignableDefinitions serves GET /persona-definitions.
func (a *API) AssignableDefinitions(w http.ResponseWriter, r *http.Request, c portal.Caller) error {
	defs, err := a.Service.AssignableDefinitions(r.Context(), c)
	return respondList(w, r, c, portal.Page[domain.Definition]{Items: defs}, err)
}

// ScopedUsers serves GET /users.
func (a *API) ScopedUsers(w http.ResponseWriter, r *http.Request, c portal.Caller) error {
	page, err := pageOf(c, r)
	if err != nil {
		return err
	}
	pg, err := a.Service.ScopedUsers(r.Context(), c, r.URL.Query().Get("q"), page)
	return respondList(w, r, c, pg, err)
}

// ScopedUser serves GET /users/{user_id}.
func (a *API) ScopedUser(w http.ResponseWriter, r *http.Request, c portal.Caller) error {
	p, err := a.Service.ScopedUser(r.Context(), c, r.PathValue("user_id"))
	return respond(w, http.StatusOK, p, err)
}

// ScopedUserPersonas serves GET /users/{user_id}/personas.
func (a *API) ScopedUserPersonas(w http.ResponseWriter, r *http.Request, c portal.Caller) error {
	ps, err := a.Service.ScopedUserPersonas(r.Context(), c, r.PathValue("user_id"))
	return respondList(w, r, c, portal.Page[domain.Persona]{Items: ps}, err)
}

// DelegatedAddPersona serves POST /users/{user_id}/personas.
func (a *API) DelegatedAddPersona(w http.ResponseWriter, r *http.Request, c portal.Caller) error {
	in, err := decodeNewPersona(w, r, "preferred")
	if err != nil {
		return err
	}
	p, err := a.Service.DelegatedAddPersona(r.Context(), c, r.PathValue("user_id"), in)
	return respond(w, http.StatusCreated, p, err)
}

// DelegatedPatchPersona serves PATCH /users/{user_id}/personas/{persona_id}.
func (a *API) DelegatedPatchPersona(w http.ResponseWriter, r *http.Request, c portal.Caller) error {
	patch, err := decodePersonaPatch(w, r)
	if err != nil {
		return err
	}
	p, err := a.Service.DelegatedEditPersona(r.Context(), c, r.PathValue("user_id"), r.PathValue("persona_id"), patch)
	return respond(w, http.StatusOK, p, err)
}

// DelegatedRevokePersona serves DELETE /users/{user_id}/personas/{persona_id}.
func (a *API) DelegatedRevokePersona(w http.ResponseWriter, r *http.Request, c portal.Caller) error {
	p, err := a.Service.DelegatedRevokePersona(r.Context(), c, r.PathValue("user_id"), r.PathValue("persona_id"))
	return respond(w, http.StatusOK, p, err)
}

// decodeNewPersona reads a persona to add; extraReadOnly names fields this
// caller may not set.
func decodeNewPersona(w http.ResponseWriter, r *http.Request, extraReadOnly ...string) (portal.NewPersona, error) {
	var body newPersonaBody
	if err := decodeJSON(w, r, &body, append(personaReadOnly, extraReadOnly...)...); err != nil {
		return portal.NewPersona{}, err
	}
	f := apierr.FieldErrors{}
	in := portal.NewPersona{Type: body.Type, Scope: body.Scope, Email: body.Email,
		ValidFrom: parseTime(f, "valid_from", body.ValidFrom), ValidUntil: parseTime(f, "valid_until", body.ValidUntil),
		Attributes: body.Attributes, Preferred: body.Preferred}
	return in, f.Err()
}

// decodePersonaPatch reads a persona edit.
func decodePersonaPatch(w http.ResponseWriter, r *http.Request) (portal.PersonaPatch, error) {
	var body personaPatchBody
	if err := decodeJSON(w, r, &body, append(personaReadOnly, "type", "preferred")...); err != nil {
		return portal.PersonaPatch{}, err
	}
	f := apierr.FieldErrors{}
	patch := portal.PersonaPatch{Scope: body.Scope, Email: body.Email, Attributes: body.Attributes,
		ValidFrom: parseTime(f, "valid_from", body.ValidFrom)}
	if body.ValidUntil.Set {
		patch.ValidUntil = portal.OptionalTime{Set: true, Time: parseTime(f, "valid_until", body.ValidUntil.Value)}
	}
	return patch, f.Err()
}
