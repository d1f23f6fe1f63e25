package lambdaapp

import (
	"context"

	"github.com/personaportal/portal/internal/apierr"
	"github.com/personaportal/portal/internal/auth"
	"github.com/personaportal/portal/internal/portal"
	"github.com/personaportal/portal/internal/store"
)

// Read-only functions may not write the table, yet any request may be a
// caller's first (API.md: link or provision the profile). They hand that
// one write to the provision-identity function, which is the only function
// besides the writing operations allowed to write.

// ProvisionRequest is the identity a read-only function could not resolve.
type ProvisionRequest struct {
	Tenant        string `json:"tenant"`
	Sub           string `json:"sub"`
	Email         string `json:"email"`
	EmailVerified bool   `json:"email_verified"`
	GivenName     string `json:"given_name,omitempty"`
	FamilyName    string `json:"family_name,omitempty"`
	Name          string `json:"name,omitempty"`
}

// ProvisionResponse is the profile found or created, or why there is none.
type ProvisionResponse struct {
	UserID string          `json:"user_id,omitempty"`
	Error  *ProvisionError `json:"error,omitempty"`
}

// ProvisionError is an API error to pass on to the caller (403
// profile_not_found, profile_disabled, ...).
type ProvisionError struct {
	Status  int    `json:"status"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

// ProvisionHandler is the provision-identity function's handler. It reads
// the tenant's settings itself rather than trusting the invoker's.
func ProvisionHandler(svc *portal.Service, st *store.Store) func(context.Context, ProvisionRequest) (ProvisionResponse, error) {
	return func(ctx context.Context, req ProvisionRequest) (ProvisionResponse, error) {
		id, err := auth.FromClaims(map[string]any{"sub": req.Sub, "tenant": req.Tenant, "email": req.Email,
			"email_verified": req.EmailVerified, "given_name": req.GivenName, "family_name": req.FamilyName, "name": req.Name}, auth.Config{})
		if err != nil {
			return errorResponse(err)
		}
		cfg, err := st.GetTenant(ctx, id.Tenant)
		if err != nil {
			return errorResponse(err)
		}
		uid, err := svc.Provision(ctx, id, cfg.Settings)
		if err != nil {
			return errorResponse(err)
		}
		return ProvisionResponse{UserID: uid}, nil
	}
}

// errorResponse passes 4xx outcomes back as data; a dependency failure is a
// function error, so the invoker answers 503.
func errorResponse(err error) (ProvisionResponse, error) {
	e := apierr.From(err)
	if e.Status >= 500 {
		return ProvisionResponse{}, err
	}
	return ProvisionResponse{Error: &ProvisionError{Status: e.Status, Code: e.Code, Message: e.Message}}, nil
}
