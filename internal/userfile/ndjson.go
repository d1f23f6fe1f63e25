package userfile

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/personaportal/portal/internal/apierr"
	"github.com/personaportal/portal/internal/domain"
	"github.com/personaportal/portal/internal/portal"
	"github.com/personaportal/portal/internal/strictjson"
)

// userLine is a user as an NDJSON line states it. It is the user object of
// the API with "personas" holding persona objects, so an exported line
// (or an object copied from the API) imports as it is: the read-only
// fields are accepted and ignored.
type userLine struct {
	Email string `json:"email"`
	portal.ProfileFields
	Status   *string       `json:"status"`
	Personas []personaLine `json:"personas"`

	ID        json.RawMessage `json:"id"`
	CreatedAt json.RawMessage `json:"created_at"`
	UpdatedAt json.RawMessage `json:"updated_at"`
}

type personaLine struct {
	Type         string              `json:"type"`
	Scope        []string            `json:"scope"`
	Preferred    *bool               `json:"preferred"`
	Entitlements *[]string           `json:"entitlements"`
	Email        *string             `json:"email"`
	ValidFrom    *string             `json:"valid_from"`
	ValidUntil   domain.NullableTime `json:"valid_until"`
	Status       *statusField        `json:"status"`
	Attributes   map[string]any      `json:"attributes"`

	ID         json.RawMessage `json:"id"`
	UserID     json.RawMessage `json:"user_id"`
	Active     json.RawMessage `json:"active"`
	Delegable  json.RawMessage `json:"delegable"`
	Delegation json.RawMessage `json:"delegation"`
	CreatedAt  json.RawMessage `json:"created_at"`
	UpdatedAt  json.RawMessage `json:"updated_at"`
}

// statusField is a persona status: the API's object, or just its value.
type statusField struct {
	Value     string  `json:"value"`
	ChangedAt *string `json:"changed_at"`
	ChangedBy *string `json:"changed_by"`
}

// statusObject is the object form of a status (for strictjson).
type statusObject struct {
	Value     string  `json:"value"`
	ChangedAt *string `json:"changed_at"`
	ChangedBy *string `json:"changed_by"`
}

// StrictJSONObject gives the keys the object form may hold.
func (*statusField) StrictJSONObject() any { return (*statusObject)(nil) }

func (s *statusField) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] == '"' {
		return json.Unmarshal(b, &s.Value)
	}
	type plain statusField
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	return dec.Decode((*plain)(s))
}

func readNDJSON(body []byte) ([]portal.ImportLine, error) {
	var out []portal.ImportLine
	for i, raw := range bytes.Split(body, []byte("\n")) {
		raw = bytes.TrimSpace(raw)
		if len(raw) == 0 {
			continue
		}
		if len(out) == MaxLines {
			return nil, errTooManyLines
		}
		line := portal.ImportLine{Line: i + 1}
		if len(raw) > MaxLineBytes {
			line.Err = apierr.Malformed(fmt.Sprintf("the line is longer than %d bytes", MaxLineBytes))
		} else {
			line.User, line.Err = decodeLine(raw)
		}
		out = append(out, line)
	}
	return out, nil
}

// decodeLine reads one NDJSON line strictly: one JSON object, no unknown
// field (keys match exactly), no key twice, clean UTF-8, bounded nesting
// (strictjson, as for request bodies), every timestamp RFC 3339.
func decodeLine(raw []byte) (portal.ImportUser, error) {
	var l userLine
	if err := strictjson.Check(raw, &l); err != nil {
		return portal.ImportUser{}, err
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&l); err != nil {
		return portal.ImportUser{}, lineDecodeErr(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return portal.ImportUser{}, apierr.Malformed("the line must hold one JSON object")
	}
	u := portal.ImportUser{Email: l.Email, Profile: l.Patch()}
	u.Profile.Status = l.Status
	f := apierr.FieldErrors{}
	for i, p := range l.Personas {
		field := fmt.Sprintf("personas[%d].", i)
		ip := portal.ImportPersona{Type: p.Type, Scope: p.Scope, Preferred: p.Preferred, Entitlements: p.Entitlements,
			Email: p.Email, Attributes: p.Attributes,
			ValidFrom:  domain.ParseTime(f, field+"valid_from", p.ValidFrom),
			ValidUntil: portal.OptionalTime{Set: p.ValidUntil.Set, Time: domain.ParseTime(f, field+"valid_until", p.ValidUntil.Value)}}
		if p.Status != nil {
			ip.Status = &portal.ImportStatus{Value: p.Status.Value, ChangedBy: p.Status.ChangedBy,
				ChangedAt: domain.ParseTime(f, field+"status.changed_at", p.Status.ChangedAt)}
		}
		u.Personas = append(u.Personas, ip)
	}
	return u, f.Err()
}

func lineDecodeErr(err error) error {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return apierr.InvalidField(te.Field, "has the wrong JSON type")
	}
	if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		return apierr.InvalidField(strings.Trim(name, `"`), "is not a known field")
	}
	return apierr.Malformed("the line is not a valid JSON object")
}

// exportLine is the user object with its personas.
type exportLine struct {
	domain.Profile
	Personas []domain.Persona `json:"personas"`
}

// Write writes users as NDJSON, one line per user. A user with more
// personas than a line may carry (MaxImportPersonas, MaxLineBytes)
// continues on further lines with the same e-mail, which import merges, so
// the output always imports again.
func Write(w io.Writer, users []portal.ExportUser) error {
	for _, u := range users {
		lines, err := userLines(u)
		if err != nil {
			return err
		}
		for _, l := range lines {
			if _, err := w.Write(l); err != nil {
				return err
			}
		}
	}
	return nil
}

// userLines encodes a user as one line or, when its personas do not fit
// one, as several, each with the profile and the next personas that fit.
func userLines(u portal.ExportUser) ([][]byte, error) {
	var lines [][]byte
	var chunk []domain.Persona
	flush := func() error {
		b, err := encodeLine(exportLine{Profile: u.Profile, Personas: append([]domain.Persona{}, chunk...)})
		lines, chunk = append(lines, b), nil
		return err
	}
	base, err := encodeLine(exportLine{Profile: u.Profile, Personas: []domain.Persona{}})
	if err != nil {
		return nil, err
	}
	size := len(base)
	for _, p := range u.Personas {
		b, err := encodeLine(p)
		if err != nil {
			return nil, err
		}
		if len(chunk) > 0 && (len(chunk) == portal.MaxImportPersonas || size+len(b) > MaxLineBytes) {
			if err := flush(); err != nil {
				return nil, err
			}
			size = len(base)
		}
		chunk = append(chunk, p)
		size += len(b) // the newline encodeLine adds stands for the comma
	}
	if len(chunk) > 0 || len(lines) == 0 {
		if err := flush(); err != nil {
			return nil, err
		}
	}
	return lines, nil
}

// encodeLine is a value as one JSON line (no HTML escaping: the file is
// data, not markup).
func encodeLine(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	err := enc.Encode(v)
	return buf.Bytes(), err
}
