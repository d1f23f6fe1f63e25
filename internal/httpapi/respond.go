package httpapi

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"

	"github.com/personaportal/portal/internal/apierr"
)

var errNotTenantAdmin = apierr.Forbidden("this operation is for tenant admins")

type errorBody struct {
	Error errorDetail `json:"error"`
}

type errorDetail struct {
	Code    string         `json:"code"`
	Message string         `json:"message"`
	Details map[string]any `json:"details,omitempty"`
}

// writeError is the one place errors become responses. 5xx causes are
// logged with the request ID; the caller only ever sees the stable code
// and a message that says nothing of internals.
func (a *API) writeError(w http.ResponseWriter, r *http.Request, err error) {
	e := apierr.From(err)
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		e = apierr.TooLarge(mbe.Limit)
	}
	if e.Status >= 500 && a.Log != nil {
		ri := infoFrom(r.Context())
		a.Log.ErrorContext(r.Context(), "request failed", "code", e.Code, "err", e.Error(), "request_id", RequestID(r.Context()),
			"operation", ri.operation, "route", ri.route, "method", r.Method, "tenant", ri.tenant, "user_id", ri.userID)
	}
	if e.Status == http.StatusNotFound {
		e = notFoundFor(r.Pattern, e)
	}
	for k, v := range e.Header {
		w.Header().Set(k, v)
	}
	writeJSON(w, e.Status, errorBody{Error: errorDetail{Code: e.Code, Message: e.Message, Details: e.Details}})
}

// writeJSON writes v as the response body.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}

// list is the shape of every list response.
type list[T any] struct {
	Items      []T     `json:"items"`
	NextCursor *string `json:"next_cursor"`
}

func invalid(field, reason string) error { return apierr.InvalidField(field, reason) }

// respond writes v with status, or returns err for writeError.
func respond[T any](w http.ResponseWriter, status int, v T, err error) error {
	if err != nil {
		return err
	}
	writeJSON(w, status, v)
	return nil
}

// wildcardNouns names what each path wildcard stands for.
var wildcardNouns = map[string]string{
	"persona_id": "persona", "delegation_id": "delegation", "request_id": "request",
	"token": "magic link", "user_id": "user", "type": "persona definition", "app_id": "application",
}

// notFoundFor gives every 404 of a route one message, whatever its cause:
// the object its last path wildcard names. Whether a magic link's request
// exists, whether a user exists beside a missing persona, or which of two
// lookups failed, is then never told by the wording.
func notFoundFor(pattern string, e *apierr.Error) *apierr.Error {
	i := strings.LastIndex(pattern, "{")
	if i < 0 {
		return e
	}
	name, _, _ := strings.Cut(pattern[i+1:], "}")
	noun, ok := wildcardNouns[name]
	if !ok {
		noun = strings.ReplaceAll(strings.TrimSuffix(name, "_id"), "_", " ")
	}
	return apierr.NotFound(noun)
}
