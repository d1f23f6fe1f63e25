// Package apierr holds the portal's typed errors. Every layer returns them;
// exactly one place (httpapi.writeError) turns them into HTTP responses, so
// the status, the stable code and the public message are decided here once.
package apierr

import (
	"errors"
	"fmt"
	"net/http"
)

// Error is an error the API may show to its caller.
type Error struct {
	Status  int
	Code    string
	Message string
	Details map[string]any
	// Header holds extra response headers (WWW-Authenticate, Retry-After).
	Header map[string]string
	// Cause is logged, never shown.
	Cause error
}

func (e *Error) Error() string {
	if e.Cause != nil {
		return fmt.Sprintf("%s: %s: %v", e.Code, e.Message, e.Cause)
	}
	return e.Code + ": " + e.Message
}

func (e *Error) Unwrap() error { return e.Cause }

// Is makes errors.Is match on the code, so callers can test for a kind.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Code == e.Code && t.Message == "" && t.Status == 0
}

// Kinds for errors.Is: errors.Is(err, apierr.KindNotFound).
var (
	KindNotFound    = &Error{Code: "not_found"}
	KindConflict    = &Error{Code: "conflict"}
	KindUnavailable = &Error{Code: "unavailable"}
	KindInvalid     = &Error{Code: "invalid_request"}
)

// FieldErrors maps a request field (dotted path) to why it was refused.
type FieldErrors map[string]string

// Add records a reason for a field; the first reason for a field wins.
func (f FieldErrors) Add(field, reason string) {
	if _, ok := f[field]; !ok {
		f[field] = reason
	}
}

// Err returns nil when no field failed, else a 400 invalid_request.
func (f FieldErrors) Err() error {
	if len(f) == 0 {
		return nil
	}
	return Invalid(f)
}

// Invalid is a 400 with the failing fields and their reasons.
func Invalid(fields FieldErrors) *Error {
	return &Error{Status: http.StatusBadRequest, Code: "invalid_request", Message: "the request is not valid",
		Details: map[string]any{"fields": map[string]string(fields)}}
}

// InvalidField is a 400 for a single field.
func InvalidField(field, reason string) *Error { return Invalid(FieldErrors{field: reason}) }

// Malformed is a 400 for a body that is not the expected JSON at all.
func Malformed(msg string) *Error {
	return &Error{Status: http.StatusBadRequest, Code: "invalid_request", Message: msg}
}

// NotEditable is a 400 listing read-only fields the body tried to set.
func NotEditable(fields []string) *Error {
	return &Error{Status: http.StatusBadRequest, Code: "field_not_editable",
		Message: "the request sets fields that are read-only for this caller",
		Details: map[string]any{"fields": fields}}
}

// Unauthenticated is a 401 without a challenge beyond Bearer.
func Unauthenticated(msg string) *Error {
	return &Error{Status: http.StatusUnauthorized, Code: "unauthenticated", Message: msg,
		Header: map[string]string{"WWW-Authenticate": `Bearer`}}
}

// StepUpRequired is the RFC 9470 challenge: authenticate again, no longer ago than maxAge seconds.
func StepUpRequired(maxAge int) *Error {
	return &Error{Status: http.StatusUnauthorized, Code: "step_up_required",
		Message: "this persona needs a more recent authentication",
		Details: map[string]any{"max_age": maxAge},
		Header: map[string]string{"WWW-Authenticate": fmt.Sprintf(
			`Bearer error="insufficient_user_authentication", error_description="A more recent authentication is required", max_age=%d`, maxAge)}}
}

// Forbidden is a 403 for an object the caller may see but not change.
func Forbidden(msg string) *Error {
	return &Error{Status: http.StatusForbidden, Code: "forbidden", Message: msg}
}

// FeatureDisabled is a 403 for a feature the tenant has switched off.
func FeatureDisabled(msg string) *Error {
	return &Error{Status: http.StatusForbidden, Code: "feature_disabled", Message: msg}
}

// ProfileNotFound is a 403 for a valid token without a profile.
func ProfileNotFound() *Error {
	return &Error{Status: http.StatusForbidden, Code: "profile_not_found",
		Message: "no profile exists for this identity in this tenant"}
}

// ProfileDisabled is a 403 for a caller whose profile is disabled.
func ProfileDisabled() *Error {
	return &Error{Status: http.StatusForbidden, Code: "profile_disabled", Message: "this profile is disabled"}
}

// NotFound is a 404 that never says whether the object exists elsewhere.
func NotFound(what string) *Error {
	return &Error{Status: http.StatusNotFound, Code: "not_found", Message: what + " not found"}
}

// Conflict is a 409: the state changed or a uniqueness rule holds.
func Conflict(msg string) *Error {
	return &Error{Status: http.StatusConflict, Code: "conflict", Message: msg}
}

// Gone is a 410 for something that existed and is spent or expired;
// details.reason says why in a word a client can translate.
func Gone(reason, msg string) *Error {
	return &Error{Status: http.StatusGone, Code: "gone", Message: msg, Details: map[string]any{"reason": reason}}
}

// TooLarge is a 413.
func TooLarge(limit int64) *Error {
	return &Error{Status: http.StatusRequestEntityTooLarge, Code: "payload_too_large",
		Message: fmt.Sprintf("the body is larger than %d bytes", limit)}
}

// TooLargeFor is a 413 with its own message (a limit that is not bytes).
func TooLargeFor(msg string) *Error {
	return &Error{Status: http.StatusRequestEntityTooLarge, Code: "payload_too_large", Message: msg}
}

// UnsupportedMediaType is a 415.
func UnsupportedMediaType(want string) *Error {
	return &Error{Status: http.StatusUnsupportedMediaType, Code: "unsupported_media_type",
		Message: "the body must be " + want}
}

// NotAttempted is a 503 for work left undone (nothing of it written).
func NotAttempted(why string) *Error {
	return &Error{Status: http.StatusServiceUnavailable, Code: "unavailable", Message: "not attempted: " + why}
}

// Unavailable is a 503: a dependency failed and nothing was written.
func Unavailable(cause error) *Error {
	return &Error{Status: http.StatusServiceUnavailable, Code: "unavailable",
		Message: "a dependency is unavailable; nothing was changed, try again",
		Header:  map[string]string{"Retry-After": "1"}, Cause: cause}
}

// Internal is a 500; the message never carries internals.
func Internal(cause error) *Error {
	return &Error{Status: http.StatusInternalServerError, Code: "internal",
		Message: "an internal error occurred", Cause: cause}
}

// From returns err as an *Error, wrapping anything unknown as internal.
func From(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return Internal(err)
}
