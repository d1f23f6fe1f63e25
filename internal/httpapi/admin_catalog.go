package httpapi

import (
	"net/http"

	"github.com/personaportal/portal/internal/domain"
	"github.com/personaportal/portal/internal/portal"
)

// GetSettings serves GET /admin/settings.
func (a *API) GetSettings(w http.ResponseWriter, r *http.Request, c portal.Caller) error {
	writeJSON(w, http.StatusOK, a.Service.Settings(r.Context(), c))
	return nil
}

// PutSettings serves PUT /admin/settings. Omitted fields keep their value.
func (a *API) PutSettings(w http.ResponseWriter, r *http.Request, c portal.Caller) error {
	st := a.Service.Settings(r.Context(), c)
	if err := decodeJSON(w, r, &st, "updated_at"); err != nil {
		return err
	}
	st, err := a.Service.PutSettings(r.Context(), c, st)
	return respond(w, http.StatusOK, st, err)
}

var stampFields = []string{"created_at", "updated_at"}

// ListDefinitions serves GET /admin/persona-definitions.
func (a *API) ListDefinitions(w http.ResponseWriter, r *http.Request, c portal.Caller) error {
	page, err := pageOf(c, r)
	if err != nil {
		return err
	}
	pg, err := a.Service.ListDefinitions(r.Context(), c, page)
	return respondList(w, r, c, pg, err)
}

// CreateDefinition serves POST /admin/persona-definitions.
func (a *API) CreateDefinition(w http.ResponseWriter, r *http.Request, c portal.Caller) error {
	var d domain.Definition
	if err := decodeJSON(w, r, &d, stampFields...); err != nil {
		return err
	}
	d, err := a.Service.CreateDefinition(r.Context(), c, d)
	return respond(w, http.StatusCreated, d, err)
}

// GetDefinition serves GET /admin/persona-definitions/{type}.
func (a *API) GetDefinition(w http.ResponseWriter, r *http.Request, c portal.Caller) error {
	d, err := a.Service.GetDefinition(r.Context(), c, r.PathValue("type"))
	return respond(w, http.StatusOK, d, err)
}

// PutDefinition serves PUT /admin/persona-definitions/{type}.
func (a *API) PutDefinition(w http.ResponseWriter, r *http.Request, c portal.Caller) error {
	var d domain.Definition
	if err := decodeJSON(w, r, &d, stampFields...); err != nil {
		return err
	}
	d, err := a.Service.ReplaceDefinition(r.Context(), c, r.PathValue("type"), d)
	return respond(w, http.StatusOK, d, err)
}

// DeleteDefinition serves DELETE /admin/persona-definitions/{type}.
func (a *API) DeleteDefinition(w http.ResponseWriter, r *http.Request, c portal.Caller) error {
	if err := a.Service.DeleteDefinition(r.Context(), c, r.PathValue("type")); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

var applicationReadOnly = []string{"id", "created_at", "updated_at"}

// ListApplications serves GET /admin/applications.
func (a *API) ListApplications(w http.ResponseWriter, r *http.Request, c portal.Caller) error {
	page, err := pageOf(c, r)
	if err != nil {
		return err
	}
	pg, err := a.Service.ListApplications(r.Context(), c, page)
	return respondList(w, r, c, pg, err)
}

// CreateApplication serves POST /admin/applications.
func (a *API) CreateApplication(w http.ResponseWriter, r *http.Request, c portal.Caller) error {
	var app domain.Application
	if err := decodeJSON(w, r, &app, applicationReadOnly...); err != nil {
		return err
	}
	app, err := a.Service.CreateApplication(r.Context(), c, app)
	return respond(w, http.StatusCreated, app, err)
}

// GetApplication serves GET /admin/applications/{app_id}.
func (a *API) GetApplication(w http.ResponseWriter, r *http.Request, c portal.Caller) error {
	app, err := a.Service.GetApplication(r.Context(), c, r.PathValue("app_id"))
	return respond(w, http.StatusOK, app, err)
}

// PutApplication serves PUT /admin/applications/{app_id}.
func (a *API) PutApplication(w http.ResponseWriter, r *http.Request, c portal.Caller) error {
	var app domain.Application
	if err := decodeJSON(w, r, &app, applicationReadOnly...); err != nil {
		return err
	}
	app, err := a.Service.ReplaceApplication(r.Context(), c, r.PathValue("app_id"), app)
	return respond(w, http.StatusOK, app, err)
}

// DeleteApplication serves DELETE /admin/applications/{app_id}.
func (a *API) DeleteApplication(w http.ResponseWriter, r *http.Request, c portal.Caller) error {
	if err := a.Service.DeleteApplication(r.Context(), c, r.PathValue("app_id")); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
