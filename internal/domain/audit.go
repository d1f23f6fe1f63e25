package domain

import (
	"bytes"
	"encoding/json"
	"time"

	"github.com/personaportal/portal/internal/lazyre"
)

var (
	// actionRE is an audit action: object.verb (profile.created,
	// request.resent, user.imported).
	actionRE = lazyre.New(`^[a-z][a-z_]{0,31}\.[a-z][a-z_]{0,31}$`)
	// systemActorRE is a job acting on its own (system:expire).
	systemActorRE = lazyre.New(`^system:[a-z][a-z0-9-]{0,62}$`)
)

// ValidAction reports whether s has the shape of an audit action.
func ValidAction(s string) bool { return actionRE().MatchString(s) }

// ValidActor reports whether s can be an audit record's actor: a user ID
// or system:<job>.
func ValidActor(s string) bool { return ValidID(s) || systemActorRE().MatchString(s) }

// Target names the object an audit record is about.
type Target struct {
	Kind   string `json:"kind"`
	ID     string `json:"id"`
	UserID string `json:"user_id,omitempty"`
}

// AuditRecord is one state change: who did what to which object, with the
// object before and after.
type AuditRecord struct {
	ID     string          `json:"id"`
	At     time.Time       `json:"at"`
	Actor  string          `json:"actor"`
	Action string          `json:"action"`
	Target Target          `json:"target"`
	Before json.RawMessage `json:"before"`
	After  json.RawMessage `json:"after"`
}

// NewAudit builds an audit record; before or after may be nil (creation,
// archival). Values are snapshotted as JSON now, so later changes to them do
// not alter the record.
func NewAudit(at time.Time, actor, action string, target Target, before, after any) AuditRecord {
	return AuditRecord{ID: NewID(), At: at, Actor: actor, Action: action, Target: target,
		Before: snapshot(before), After: snapshot(after)}
}

func snapshot(v any) json.RawMessage {
	if v == nil {
		return json.RawMessage("null")
	}
	// No HTML escaping: a record is data, and "<" escaped as \u003c would
	// make a record of large attributes six times their size.
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return json.RawMessage("null")
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}
