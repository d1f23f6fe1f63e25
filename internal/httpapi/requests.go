package httpapi

import (
	"net/http"
	"time"

	"github.com/personaportal/portal/internal/apierr"
	"github.com/personaportal/portal/internal/domain"
	"github.com/personaportal/portal/internal/portal"
)

func (a *API) workList(w http.ResponseWriter, r *http.Request, c portal.Caller, list portal.WorkList) error {
	page, err := pageOf(c, r)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	pg, err := a.Service.Work(r.Context(), c, list, q.Get("q"), q.Get("status"), page)
	return respondList(w, r, c, pg, err)
}

// Approvals serves GET /me/requests/approvals.
func (a *API) Approvals(w http.ResponseWriter, r *http.Request, c portal.Caller) error {
	return a.workList(w, r, c, portal.Approvals)
}

// FollowUp serves GET /me/requests/follow-up.
func (a *API) FollowUp(w http.ResponseWriter, r *http.Request, c portal.Caller) error {
	return a.workList(w, r, c, portal.FollowUp)
}

// History serves GET /me/requests/history.
func (a *API) History(w http.ResponseWriter, r *http.Request, c portal.Caller) error {
	return a.workList(w, r, c, portal.History)
}

// GetRequest serves GET /me/requests/{request_id}.
func (a *API) GetRequest(w http.ResponseWriter, r *http.Request, c portal.Caller) error {
	req, err := a.Service.MyRequest(r.Context(), c, r.PathValue("request_id"))
	return respond(w, http.StatusOK, req, err)
}

// AcceptRequest serves POST /me/requests/{request_id}/accept.
func (a *API) AcceptRequest(w http.ResponseWriter, r *http.Request, c portal.Caller) error {
	if err := decodeOptional(w, r, &struct{}{}); err != nil {
		return err
	}
	req, err := a.Service.Decide(r.Context(), c, r.PathValue("request_id"), domain.Accept, "")
	return respond(w, http.StatusOK, req, err)
}

type reasonBody struct {
	Reason string `json:"reason"`
}

// RejectRequest serves POST /me/requests/{request_id}/reject.
func (a *API) RejectRequest(w http.ResponseWriter, r *http.Request, c portal.Caller) error {
	var body reasonBody
	if err := decodeOptional(w, r, &body); err != nil {
		return err
	}
	req, err := a.Service.Decide(r.Context(), c, r.PathValue("request_id"), domain.Reject, body.Reason)
	return respond(w, http.StatusOK, req, err)
}

// CancelRequest serves DELETE /me/requests/{request_id}.
func (a *API) CancelRequest(w http.ResponseWriter, r *http.Request, c portal.Caller) error {
	req, err := a.Service.CancelRequest(r.Context(), c, r.PathValue("request_id"))
	return respond(w, http.StatusOK, req, err)
}

type invitationBody struct {
	Type       string         `json:"type"`
	Scope      []string       `json:"scope"`
	UserEmail  string         `json:"user_email"`
	Email      string         `json:"email"`
	ValidFrom  *string        `json:"valid_from"`
	ValidUntil *string        `json:"valid_until"`
	Attributes map[string]any `json:"attributes"`
	SendEmail  *bool          `json:"send_email"`
}

// invitationResponse is an invitation as just sent (created or sent
// again): the link is shown this once.
type invitationResponse struct {
	Request   domain.Request `json:"request"`
	MagicLink string         `json:"magic_link"`
	// EmailSent: an e-mail with the link was queued for the user.
	EmailSent     bool      `json:"email_sent"`
	LinkExpiresAt time.Time `json:"link_expires_at"`
}

func sentResponse(s portal.Sent) invitationResponse {
	return invitationResponse{Request: s.Request, MagicLink: s.Link, EmailSent: s.EmailSent, LinkExpiresAt: s.LinkUntil}
}

// CreateInvitation serves POST /persona-invitations ("prepare a persona").
func (a *API) CreateInvitation(w http.ResponseWriter, r *http.Request, c portal.Caller) error {
	var body invitationBody
	if err := decodeJSON(w, r, &body); err != nil {
		return err
	}
	f := apierr.FieldErrors{}
	in := portal.Invitation{Type: body.Type, Scope: body.Scope, UserEmail: body.UserEmail, Email: body.Email,
		ValidFrom: parseTime(f, "valid_from", body.ValidFrom), ValidUntil: parseTime(f, "valid_until", body.ValidUntil),
		Attributes: body.Attributes, SendEmail: body.SendEmail == nil || *body.SendEmail}
	if body.Scope == nil {
		f.Add("scope", "is required (an empty list for no scope)")
	}
	if err := f.Err(); err != nil {
		return err
	}
	sent, err := a.Service.Invite(r.Context(), c, in)
	return respond(w, http.StatusCreated, sentResponse(sent), err)
}

// OpenMagicLink serves GET /magic-links/{token}.
func (a *API) OpenMagicLink(w http.ResponseWriter, r *http.Request, c portal.Caller) error {
	req, err := a.Service.OpenMagicLink(r.Context(), c, r.PathValue("token"))
	return respond(w, http.StatusOK, req, err)
}

// AcceptMagicLink serves POST /magic-links/{token}/accept.
func (a *API) AcceptMagicLink(w http.ResponseWriter, r *http.Request, c portal.Caller) error {
	if err := decodeOptional(w, r, &struct{}{}); err != nil {
		return err
	}
	req, err := a.Service.DecideByMagicLink(r.Context(), c, r.PathValue("token"), domain.Accept, "")
	return respond(w, http.StatusOK, req, err)
}

// RejectMagicLink serves POST /magic-links/{token}/reject.
func (a *API) RejectMagicLink(w http.ResponseWriter, r *http.Request, c portal.Caller) error {
	var body reasonBody
	if err := decodeOptional(w, r, &body); err != nil {
		return err
	}
	req, err := a.Service.DecideByMagicLink(r.Context(), c, r.PathValue("token"), domain.Reject, body.Reason)
	return respond(w, http.StatusOK, req, err)
}
