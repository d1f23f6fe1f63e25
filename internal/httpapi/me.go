package httpapi

import (
	"net/http"

	"github.com/personaportal/portal/internal/portal"
)

// profileFields are the profile fields anyone may edit on their own profile.
type profileFields = portal.ProfileFields

var profileReadOnly = []string{"id", "email", "status", "created_at", "updated_at"}

// GetMe serves GET /me.
func (a *API) GetMe(w http.ResponseWriter, r *http.Request, c portal.Caller) error {
	p, err := a.Service.Me(r.Context(), c)
	return respond(w, http.StatusOK, p, err)
}

// PatchMe serves PATCH /me.
func (a *API) PatchMe(w http.ResponseWriter, r *http.Request, c portal.Caller) error {
	var body profileFields
	if err := decodeJSON(w, r, &body, profileReadOnly...); err != nil {
		return err
	}
	p, err := a.Service.UpdateMe(r.Context(), c, body.Patch())
	return respond(w, http.StatusOK, p, err)
}

// MyApplications serves GET /me/applications.
func (a *API) MyApplications(w http.ResponseWriter, r *http.Request, c portal.Caller) error {
	apps, err := a.Service.MyApplications(r.Context(), c)
	return respondList(w, r, c, portal.Page[portal.UserApplication]{Items: apps}, err)
}

// MyPersonas serves GET /me/personas.
func (a *API) MyPersonas(w http.ResponseWriter, r *http.Request, c portal.Caller) error {
	page, err := pageOf(c, r)
	if err != nil {
		return err
	}
	pg, err := a.Service.MyPersonas(r.Context(), c, page)
	return respondList(w, r, c, pg, err)
}

// MyPersona serves GET /me/personas/{persona_id}.
func (a *API) MyPersona(w http.ResponseWriter, r *http.Request, c portal.Caller) error {
	p, err := a.Service.MyPersona(r.Context(), c, r.PathValue("persona_id"))
	return respond(w, http.StatusOK, p, err)
}

type personaIDBody struct {
	PersonaID string `json:"persona_id"`
}

func decodePersonaID(w http.ResponseWriter, r *http.Request) (string, error) {
	var body personaIDBody
	if err := decodeJSON(w, r, &body); err != nil {
		return "", err
	}
	if body.PersonaID == "" {
		return "", invalid("persona_id", "is required")
	}
	return body.PersonaID, nil
}

// PutPreferredPersona serves PUT /me/preferred-persona.
func (a *API) PutPreferredPersona(w http.ResponseWriter, r *http.Request, c portal.Caller) error {
	pid, err := decodePersonaID(w, r)
	if err != nil {
		return err
	}
	p, err := a.Service.SetPreferred(r.Context(), c, pid)
	return respond(w, http.StatusOK, p, err)
}

// GetActivePersona serves GET /me/active-persona.
func (a *API) GetActivePersona(w http.ResponseWriter, r *http.Request, c portal.Caller) error {
	ap, err := a.Service.Active(r.Context(), c)
	return respond(w, http.StatusOK, ap, err)
}

// PutActivePersona serves PUT /me/active-persona.
func (a *API) PutActivePersona(w http.ResponseWriter, r *http.Request, c portal.Caller) error {
	pid, err := decodePersonaID(w, r)
	if err != nil {
		return err
	}
	ap, err := a.Service.SelectActive(r.Context(), c, pid)
	return respond(w, http.StatusOK, ap, err)
}

// MyRights serves GET /me/rights.
func (a *API) MyRights(w http.ResponseWriter, r *http.Request, c portal.Caller) error {
	rights, err := a.Service.MyRights(r.Context(), c)
	return respond(w, http.StatusOK, rights, err)
}
