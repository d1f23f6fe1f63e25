package userfile

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/personaportal/portal/internal/apierr"
	"github.com/personaportal/portal/internal/domain"
	"github.com/personaportal/portal/internal/portal"
)

// CSV: a header row naming the columns, then one row per persona (or per
// user, with the persona columns empty). Rows about the same e-mail are
// merged in order. An empty cell leaves the field out (it keeps its value).
// Scope values and entitlements are separated by spaces.

// Column name prefixes of custom attributes ("attr:team", "persona_attr:cost_center").
const (
	attrPrefix        = "attr:"
	personaAttrPrefix = "persona_attr:"
)

// userColumns set a user field from a non-empty cell.
var userColumns = map[string]func(u *portal.ImportUser, v string){
	"email":        func(u *portal.ImportUser, v string) { u.Email = v },
	"given_name":   func(u *portal.ImportUser, v string) { u.Profile.GivenName = &v },
	"family_name":  func(u *portal.ImportUser, v string) { u.Profile.FamilyName = &v },
	"display_name": func(u *portal.ImportUser, v string) { u.Profile.DisplayName = &v },
	"phone":        func(u *portal.ImportUser, v string) { u.Profile.Phone = &v },
	"locale":       func(u *portal.ImportUser, v string) { u.Profile.Locale = &v },
	"timezone":     func(u *portal.ImportUser, v string) { u.Profile.Timezone = &v },
	"user_status":  func(u *portal.ImportUser, v string) { u.Profile.Status = &v },
}

// personaColumns set a persona field from a non-empty cell; a bad value is
// recorded against the column.
var personaColumns = map[string]func(p *portal.ImportPersona, v string, f apierr.FieldErrors){
	"persona_type":  func(p *portal.ImportPersona, v string, _ apierr.FieldErrors) { p.Type = v },
	"persona_scope": func(p *portal.ImportPersona, v string, _ apierr.FieldErrors) { p.Scope = strings.Fields(v) },
	"persona_preferred": func(p *portal.ImportPersona, v string, f apierr.FieldErrors) {
		b, err := strconv.ParseBool(v)
		if err != nil {
			f.Add("persona_preferred", "must be true or false")
		}
		p.Preferred = &b
	},
	"persona_entitlements": func(p *portal.ImportPersona, v string, _ apierr.FieldErrors) {
		es := strings.Fields(v)
		p.Entitlements = &es
	},
	"persona_email": func(p *portal.ImportPersona, v string, _ apierr.FieldErrors) { p.Email = &v },
	"persona_valid_from": func(p *portal.ImportPersona, v string, f apierr.FieldErrors) {
		p.ValidFrom = domain.ParseTime(f, "persona_valid_from", &v)
	},
	"persona_valid_until": func(p *portal.ImportPersona, v string, f apierr.FieldErrors) {
		p.ValidUntil = portal.OptionalTime{Set: true, Time: domain.ParseTime(f, "persona_valid_until", &v)}
	},
	"persona_status": func(p *portal.ImportPersona, v string, _ apierr.FieldErrors) { status(p).Value = v },
	"persona_status_changed_at": func(p *portal.ImportPersona, v string, f apierr.FieldErrors) {
		status(p).ChangedAt = domain.ParseTime(f, "persona_status_changed_at", &v)
	},
	"persona_status_changed_by": func(p *portal.ImportPersona, v string, _ apierr.FieldErrors) { status(p).ChangedBy = &v },
}

func status(p *portal.ImportPersona) *portal.ImportStatus {
	if p.Status == nil {
		p.Status = &portal.ImportStatus{}
	}
	return p.Status
}

// column is how one header cell reads a row's cell.
type column struct {
	name string
	user func(u *portal.ImportUser, v string)
	per  func(p *portal.ImportPersona, v string, f apierr.FieldErrors)
	attr string // attribute key for attr: columns
}

func readHeader(cells []string) ([]column, error) {
	cols := make([]column, len(cells))
	seen := map[string]bool{}
	f := apierr.FieldErrors{}
	for i, raw := range cells {
		name := strings.TrimSpace(raw)
		if k, ok := cutPrefixFold(name, attrPrefix); ok {
			name = attrPrefix + k
			cols[i] = column{name: name, attr: k}
		} else if k, ok := cutPrefixFold(name, personaAttrPrefix); ok {
			name = personaAttrPrefix + k
			cols[i] = column{name: name, attr: k}
		} else {
			name = strings.ToLower(name)
			cols[i] = column{name: name, user: userColumns[name], per: personaColumns[name]}
			if cols[i].user == nil && cols[i].per == nil {
				f.Add("header", fmt.Sprintf("column %d (%q) is not a known column", i+1, raw))
			}
		}
		if seen[name] {
			f.Add("header", fmt.Sprintf("column %q appears twice", name))
		}
		seen[name] = true
	}
	if !seen["email"] {
		f.Add("header", "the email column is required")
	}
	return cols, f.Err()
}

func cutPrefixFold(s, prefix string) (string, bool) {
	if len(s) > len(prefix) && strings.EqualFold(s[:len(prefix)], prefix) {
		return s[len(prefix):], true
	}
	return "", false
}

func readCSV(body []byte) ([]portal.ImportLine, error) {
	r := csv.NewReader(bytes.NewReader(body))
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err != nil {
		return nil, apierr.InvalidField("header", "the first row must name the columns")
	}
	cols, err := readHeader(header)
	if err != nil {
		return nil, err
	}
	var out []portal.ImportLine
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		var pe *csv.ParseError
		if err != nil && !errors.As(err, &pe) {
			return nil, apierr.Malformed("the file could not be read as CSV")
		}
		if err == nil && blank(rec) {
			continue
		}
		if len(out) == MaxLines {
			return nil, errTooManyLines
		}
		if pe != nil {
			out = append(out, portal.ImportLine{Line: pe.StartLine, Err: apierr.Malformed("the row is not valid CSV: " + pe.Err.Error())})
			continue
		}
		line, _ := r.FieldPos(0) // the row's first line (a quoted cell may span lines)
		switch {
		case len(rec) != len(cols):
			out = append(out, portal.ImportLine{Line: line,
				Err: apierr.Malformed(fmt.Sprintf("the row has %d cells; the header names %d columns", len(rec), len(cols)))})
		default:
			u, err := readRow(cols, rec)
			out = append(out, portal.ImportLine{Line: line, User: u, Err: err})
		}
	}
}

func blank(rec []string) bool {
	return !slices.ContainsFunc(rec, func(s string) bool { return strings.TrimSpace(s) != "" })
}

// readRow reads a data row: the user's cells, and a persona when any
// persona cell is filled.
func readRow(cols []column, rec []string) (portal.ImportUser, error) {
	var u portal.ImportUser
	var p portal.ImportPersona
	hasPersona := false
	f := apierr.FieldErrors{}
	for i, col := range cols {
		v := strings.TrimSpace(rec[i])
		if v == "" {
			continue
		}
		switch {
		case strings.HasPrefix(col.name, attrPrefix):
			if u.Profile.Attributes == nil {
				u.Profile.Attributes = map[string]any{}
			}
			u.Profile.Attributes[col.attr] = v
		case strings.HasPrefix(col.name, personaAttrPrefix):
			if p.Attributes == nil {
				p.Attributes = map[string]any{}
			}
			p.Attributes[col.attr] = v
			hasPersona = true
		case col.user != nil:
			col.user(&u, v)
		default:
			col.per(&p, v, f)
			hasPersona = true
		}
	}
	if hasPersona {
		if p.Type == "" {
			f.Add("persona_type", "is required when another persona column is filled")
		}
		u.Personas = []portal.ImportPersona{p}
	}
	return u, f.Err()
}

// csvColumnOf names the CSV column of an import model path (for messages).
func csvColumnOf(path string) string {
	rest, ok := strings.CutPrefix(path, "personas[0]")
	if !ok {
		switch {
		case path == "status":
			return "user_status"
		case strings.HasPrefix(path, "attributes."):
			return attrPrefix + strings.TrimPrefix(path, "attributes.")
		}
		return path
	}
	rest = strings.TrimPrefix(rest, ".")
	switch {
	case rest == "":
		return "persona"
	case strings.HasPrefix(rest, "attributes."):
		return personaAttrPrefix + strings.TrimPrefix(rest, "attributes.")
	}
	return "persona_" + strings.ReplaceAll(rest, ".", "_")
}
