// Package httpapi serves the portal's HTTP API (API.md) with plain net/http
// handlers: the same handlers run in the local server, in tests through
// httptest and in Lambda through the API Gateway proxy adapter. Handlers
// decode and validate input, call the portal service, and encode the
// result; every error leaves through writeError.
package httpapi

import (
	"log/slog"
	"net/http"

	"github.com/personaportal/portal/internal/auth"
	"github.com/personaportal/portal/internal/portal"
)

// Role is who may call an operation.
type Role int

// Roles, from least to most privileged. Delegated-admin rights depend on
// the caller's personas and are decided by the portal service.
const (
	Public Role = iota
	User
	TenantAdmin
)

func (r Role) String() string {
	return [...]string{"public", "user", "tenant-admin"}[r]
}

// GoString is the role's constant as Go source, for the generated
// functions/<operation>/main.go (%#v).
func (r Role) GoString() string {
	return [...]string{"httpapi.Public", "httpapi.User", "httpapi.TenantAdmin"}[r]
}

// Method is an operation's handler as a method of the API. The operations
// table holds one per operation; each Lambda function's main.go names only
// its own, so the linker leaves every other handler out.
type Method func(a *API, w http.ResponseWriter, r *http.Request, c portal.Caller) error

// Mount registers an operation's handler method on mux at "METHOD path",
// behind Handle: the local server (every operation) and each Lambda
// function (its one) mount the same way.
func (a *API) Mount(mux *http.ServeMux, operation, method, path string, role Role, h Method) {
	mux.Handle(method+" "+path, a.Handle(operation, role, func(w http.ResponseWriter, r *http.Request, c portal.Caller) error {
		return h(a, w, r, c)
	}))
}

// Handler serves one operation for a resolved caller (zero for Public).
type Handler func(w http.ResponseWriter, r *http.Request, c portal.Caller) error

// API holds what the handlers need.
type API struct {
	Service *portal.Service
	Auth    auth.Authenticator
	Log     *slog.Logger
	// EMF makes every access log line a CloudWatch embedded-metric-format
	// record too (in Lambda, where CloudWatch Logs extracts the metrics).
	EMF bool
}

// Handle wraps an operation's handler: authenticate, resolve the caller's
// profile (refusing disabled ones on every route), check the role, run,
// and turn any error into the API's error shape.
func (a *API) Handle(operation string, role Role, h Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ri := infoFrom(r.Context())
		ri.operation = operation
		var c portal.Caller
		if role != Public {
			id, err := a.Auth.Authenticate(r)
			if err != nil {
				a.writeError(w, r, err)
				return
			}
			ri.tenant = id.Tenant
			c, err = a.Service.Resolve(r.Context(), id)
			ri.userID = c.UserID
			if err != nil {
				a.writeError(w, r, err)
				return
			}
			if role == TenantAdmin && !c.TenantAdmin {
				a.writeError(w, r, errNotTenantAdmin)
				return
			}
		}
		if err := h(w, r, c); err != nil {
			a.writeError(w, r, err)
		}
	})
}
