package domain

import (
	"time"

	"github.com/google/uuid"
)

// Clock returns the current time. Services take one so tests can move time.
type Clock func() time.Time

// SystemClock is the wall clock in UTC, truncated to seconds: the API speaks
// RFC 3339 with second precision, so stored and returned times agree.
func SystemClock() time.Time { return time.Now().UTC().Truncate(time.Second) }

// OrSystem is c, or the system clock when c is nil (constructors take an
// optional clock).
func (c Clock) OrSystem() Clock {
	if c == nil {
		return SystemClock
	}
	return c
}

// NewID returns a UUIDv7: unique, and sortable by creation time.
func NewID() string { return uuid.Must(uuid.NewV7()).String() }

// ValidID reports whether s is a canonical UUID, so malformed path IDs are
// refused before they reach the table.
func ValidID(s string) bool {
	u, err := uuid.Parse(s)
	return err == nil && u.String() == s
}
