package httpapi

import (
	"net/http"

	"github.com/personaportal/portal/internal/portal"
)

// ListInvitations serves GET /persona-invitations.
func (a *API) ListInvitations(w http.ResponseWriter, r *http.Request, c portal.Caller) error {
	page, err := pageOf(c, r)
	if err != nil {
		return err
	}
	pg, err := a.Service.Invitations(r.Context(), c, r.URL.Query().Get("state"), page)
	return respondList(w, r, c, pg, err)
}

// resendBody is the optional body of a resend.
type resendBody struct {
	// SendEmail: e-mail the new link to the user (default true).
	SendEmail *bool `json:"send_email"`
}

// ResendInvitation serves POST /persona-invitations/{request_id}/resend.
func (a *API) ResendInvitation(w http.ResponseWriter, r *http.Request, c portal.Caller) error {
	var body resendBody
	if err := decodeOptional(w, r, &body); err != nil {
		return err
	}
	sent, err := a.Service.ResendInvitation(r.Context(), c, r.PathValue("request_id"), body.SendEmail == nil || *body.SendEmail)
	return respond(w, http.StatusOK, sentResponse(sent), err)
}
