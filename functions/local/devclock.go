package main

import (
	"encoding/json"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/personaportal/portal/internal/domain"
)

// devClockPath moves the local server's clock (POST {"offset_seconds": N}).
const devClockPath = "/dev/clock"

// maxClockOffset bounds the offset: a year covers every TTL a tenant can set.
const maxClockOffset = 366 * 24 * time.Hour

// devClock is the local server's clock: the wall clock plus an offset, so a
// test can see what time does (a magic link past its validity, a loan that
// ended) without waiting. The service, its jobs, the OpenID Provider and the
// token checks all read it, so tokens signed after a move stay valid. Only
// the local server has it: a Lambda function runs on the system clock.
type devClock struct {
	offset atomic.Int64
	// moved tells the jobs that time jumped (see jobGate).
	moved atomic.Bool
}

func (c *devClock) Now() time.Time {
	return domain.SystemClock().Add(time.Duration(c.offset.Load()))
}

// clockBody is POST /dev/clock's body and answer.
type clockBody struct {
	// OffsetSeconds is how far ahead of the wall clock the server runs;
	// 0 puts it back. Time never runs behind the wall clock.
	OffsetSeconds int64     `json:"offset_seconds"`
	Now           time.Time `json:"now,omitzero"`
}

func (c *devClock) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var b clockBody
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1024))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&b); err != nil || !b.Now.IsZero() {
		clockError(w, "the body must be {\"offset_seconds\": N}")
		return
	}
	if b.OffsetSeconds < 0 || time.Duration(b.OffsetSeconds)*time.Second > maxClockOffset {
		clockError(w, "offset_seconds must be between 0 and 31622400")
		return
	}
	c.offset.Store(int64(time.Duration(b.OffsetSeconds) * time.Second))
	c.moved.Store(true)
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	_ = json.NewEncoder(w).Encode(clockBody{OffsetSeconds: b.OffsetSeconds, Now: c.Now()})
}

func clockError(w http.ResponseWriter, msg string) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(http.StatusBadRequest)
	_ = json.NewEncoder(w).Encode(map[string]any{"error": map[string]any{"code": "invalid_request", "message": msg}})
}

// withDevClock serves POST /dev/clock before the portal's routes.
func withDevClock(c *devClock, next http.Handler) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("POST "+devClockPath, c)
	mux.Handle("/", next)
	return mux
}
