package httpapi

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/awslabs/aws-lambda-go-api-proxy/core"
	"github.com/personaportal/portal/internal/apierr"
	"github.com/personaportal/portal/internal/store"
)

type requestIDKey struct{}

// RequestID is the ID of the request in ctx: API Gateway's when running in
// Lambda, else one made up at the edge of the server.
func RequestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey{}).(string)
	return id
}

// Middleware wraps the whole API: request ID, DynamoDB call counting,
// security headers, panic recovery and one access-log line per request
// (see logRequest).
func (a *API) Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		id := ""
		if rc, ok := core.GetAPIGatewayV2ContextFromContext(r.Context()); ok {
			id = rc.RequestID
		}
		if id == "" {
			b := make([]byte, 8)
			_, _ = rand.Read(b)
			id = hex.EncodeToString(b)
		}
		ctx := context.WithValue(r.Context(), requestIDKey{}, id)
		ri := &requestInfo{}
		ctx = context.WithValue(ctx, requestInfoKey{}, ri)
		calls := store.CallsFrom(ctx) // a caller (a test) may count for itself
		if calls == nil {
			ctx, calls = store.WithCallCounter(ctx)
		}
		r = r.WithContext(ctx)
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		setSecurityHeaders(rec.Header())
		rec.Header().Set("X-Request-Id", id)
		defer func() {
			if p := recover(); p != nil {
				a.writeError(rec, r, apierr.Internal(fmt.Errorf("panic: %v", p)))
			}
			a.logRequest(ctx, ri, r.Method, rec.status, calls.Count(), time.Since(start))
		}()
		next.ServeHTTP(rec, r)
	})
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (s *statusRecorder) WriteHeader(code int) {
	s.status = code
	s.ResponseWriter.WriteHeader(code)
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (s *statusRecorder) Unwrap() http.ResponseWriter { return s.ResponseWriter }

// setSecurityHeaders sets what every answer carries, whatever its status:
// no content sniffing, nothing cached (every answer but /healthz is about
// a caller), no framing, no referrer, and a policy that lets a JSON body
// run nothing if a browser ever renders it. Nothing names the server's
// software.
func setSecurityHeaders(h http.Header) {
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
}

// Serve wraps a mux of operations for serving: the middleware, and a 404
// in the API's error shape (not ServeMux's text) for any path or method
// the mux does not serve. Paths are taken only in their canonical form:
// ServeMux would answer "/me/./personas", "//admin/users" or a path with
// ".." with a 307 redirect to the cleaned path; here they are not routes.
func (a *API) Serve(mux *http.ServeMux) http.Handler {
	return a.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, pattern := mux.Handler(r)
		if pattern == "" || !canonicalPath(r.URL.EscapedPath()) {
			writeJSON(w, http.StatusNotFound, errorBody{Error: errorDetail{Code: "not_found", Message: "no such route"}})
			return
		}
		infoFrom(r.Context()).route = pattern
		mux.ServeHTTP(w, r)
	}))
}

// canonicalPath reports whether p is absolute and has no empty, "." or
// ".." segment, in plain or percent-encoded form.
func canonicalPath(p string) bool {
	if !strings.HasPrefix(p, "/") {
		return false
	}
	segs := strings.Split(p[1:], "/")
	for i, s := range segs {
		if s == "" && i < len(segs)-1 { // "//": an empty inner segment
			return false
		}
		if u, err := url.PathUnescape(s); err != nil || u == "." || u == ".." {
			return false
		}
	}
	return true
}
