package httpapi

import (
	"net/http"

	"github.com/personaportal/portal/internal/apierr"
	"github.com/personaportal/portal/internal/portal"
)

type loanBody struct {
	ToEmail    string  `json:"to_email"`
	ValidFrom  *string `json:"valid_from"`
	ValidUntil *string `json:"valid_until"`
}

// LendPersona serves POST /me/personas/{persona_id}/delegations.
func (a *API) LendPersona(w http.ResponseWriter, r *http.Request, c portal.Caller) error {
	var body loanBody
	if err := decodeJSON(w, r, &body, "id", "status", "from_user", "to_user", "persona_id", "persona_type", "created_at"); err != nil {
		return err
	}
	f := apierr.FieldErrors{}
	in := portal.Loan{ToEmail: body.ToEmail, ValidFrom: parseTime(f, "valid_from", body.ValidFrom),
		ValidUntil: parseTime(f, "valid_until", body.ValidUntil)}
	if err := f.Err(); err != nil {
		return err
	}
	d, err := a.Service.Lend(r.Context(), c, r.PathValue("persona_id"), in)
	return respond(w, http.StatusCreated, d, err)
}

// MyDelegations serves GET /me/delegations.
func (a *API) MyDelegations(w http.ResponseWriter, r *http.Request, c portal.Caller) error {
	page, err := pageOf(c, r)
	if err != nil {
		return err
	}
	pg, err := a.Service.MyDelegations(r.Context(), c, r.URL.Query().Get("direction"), page)
	return respondList(w, r, c, pg, err)
}

// RevokeDelegation serves DELETE /me/delegations/{delegation_id}.
func (a *API) RevokeDelegation(w http.ResponseWriter, r *http.Request, c portal.Caller) error {
	d, err := a.Service.RevokeDelegation(r.Context(), c, r.PathValue("delegation_id"))
	return respond(w, http.StatusOK, d, err)
}
