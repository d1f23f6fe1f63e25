package domain

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/personaportal/portal/internal/apierr"
	"github.com/personaportal/portal/internal/lazyre"
)

// Limits that keep items well under DynamoDB's 400 KB and lists bounded.
const (
	MaxNameLen         = 200
	MaxDescriptionLen  = 2000
	MaxReasonLen       = 1000
	MaxScopeValues     = 1000
	MaxEntitlements    = 200
	MaxAttributes      = 50
	MaxAttributeKeyLen = 64
	MaxScopeSize       = 20
)

// The expressions compile on first use: a cold start pays for none.
var (
	slugRE  = lazyre.New(`^[a-z0-9][a-z0-9-]{0,62}$`)
	tokenRE = lazyre.New(`^[A-Za-z0-9][A-Za-z0-9:._/@+-]{0,127}$`)
	phoneRE = lazyre.New(`^\+?[0-9][0-9 ().-]{2,30}$`)
	localRE = lazyre.New(`^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$`)
	emailRE = lazyre.New(`^[^@\s]{1,64}@[^@\s]{1,255}\.[^@\s]{1,63}$`)
	attrRE  = lazyre.New(`^[A-Za-z_][A-Za-z0-9_.-]{0,63}$`)
)

// ValidSlug reports whether s is a persona definition type.
func ValidSlug(s string) bool { return slugRE().MatchString(s) }

// NormalizeEmail lower-cases and trims an e-mail address; e-mails compare
// case-insensitively everywhere in the portal.
func NormalizeEmail(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// MaxEmailBytes bounds an e-mail address (RFC 5321's 254 octets): it is
// part of table keys, whose sort key DynamoDB caps at 1024 bytes.
const MaxEmailBytes = 254

// CheckEmail records a reason when s is not an e-mail address: at most
// MaxEmailBytes, clean text (see CheckText), one @ and a dotted domain.
func CheckEmail(f apierr.FieldErrors, field, s string) {
	switch {
	case len(s) > MaxEmailBytes:
		f.Add(field, fmt.Sprintf("must be at most %d bytes", MaxEmailBytes))
	case textProblem(s, false) != "":
		f.Add(field, textProblem(s, false))
	case !emailRE().MatchString(s):
		f.Add(field, "must be an e-mail address")
	}
}

// Text rules. Every human-read string the portal stores (names, titles,
// descriptions, reasons, e-mails, URLs, time zones, catalogue values) is
// valid UTF-8 and holds no character that is invisible or reorders what
// people see: no C0 control (U+0000-U+001F), DEL, C1 control
// (U+0080-U+009F), bidirectional control or mark (U+061C, U+200E, U+200F,
// U+202A-U+202E, U+2066-U+2069) and no line or paragraph separator
// (U+2028, U+2029). Multi-line fields (descriptions, reasons) also accept
// line feed and tab; nothing accepts carriage return.

// CheckText records a reason when s is longer than max characters or is
// not clean single-line text.
func CheckText(f apierr.FieldErrors, field, s string, max int) {
	checkText(f, field, s, max, false)
}

// CheckMultilineText is CheckText for fields that may span lines: line
// feeds and tabs are accepted.
func CheckMultilineText(f apierr.FieldErrors, field, s string, max int) {
	checkText(f, field, s, max, true)
}

func checkText(f apierr.FieldErrors, field, s string, max int, multiline bool) {
	if p := textProblem(s, multiline); p != "" {
		f.Add(field, p)
		return
	}
	if utf8.RuneCountInString(s) > max {
		f.Add(field, fmt.Sprintf("must be at most %d characters", max))
	}
}

// textProblem says why s is not clean text ("" when it is).
func textProblem(s string, multiline bool) string {
	if !utf8.ValidString(s) {
		return "must be valid UTF-8"
	}
	for _, r := range s {
		switch {
		case multiline && (r == '\n' || r == '\t'):
		case r < 0x20 || r >= 0x7f && r <= 0x9f:
			if multiline {
				return "must not contain control characters other than line feed and tab"
			}
			return "must not contain control characters (line breaks and tabs included)"
		case isBidiControl(r):
			return "must not contain bidirectional control characters"
		case r == 0x2028 || r == 0x2029:
			return "must not contain line or paragraph separators"
		}
	}
	return ""
}

func isBidiControl(r rune) bool {
	return r == 0x061c || r == 0x200e || r == 0x200f || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069
}

// MaxSearchLen bounds a ?q= search.
const MaxSearchLen = 200

// CheckSearch records a reason when a search term is longer than
// MaxSearchLen characters or not valid UTF-8.
func CheckSearch(f apierr.FieldErrors, field, q string) {
	switch {
	case !utf8.ValidString(q):
		f.Add(field, "must be valid UTF-8")
	case utf8.RuneCountInString(q) > MaxSearchLen:
		f.Add(field, fmt.Sprintf("must be at most %d characters", MaxSearchLen))
	}
}

// CheckRequired records a reason when s is empty.
func CheckRequired(f apierr.FieldErrors, field, s string) {
	if strings.TrimSpace(s) == "" {
		f.Add(field, "is required")
	}
}

// CheckPhone, CheckLocale and CheckTimezone accept empty values (cleared).
func CheckPhone(f apierr.FieldErrors, field, s string) {
	if s != "" && !phoneRE().MatchString(s) {
		f.Add(field, "must be a phone number (digits, optional +, spaces, dots, dashes, parentheses)")
	}
}

// CheckLocale accepts BCP 47 language tags such as en, en-GB, fr-BE.
func CheckLocale(f apierr.FieldErrors, field, s string) {
	if s != "" && !localRE().MatchString(s) {
		f.Add(field, "must be a BCP 47 language tag such as en-GB")
	}
}

// CheckTimezone accepts IANA time zone names such as Europe/Brussels: the
// names of Go's time zone database (zones.go), so that validation is the
// same on hosts without zoneinfo (Lambda) without linking time/tzdata.
func CheckTimezone(f apierr.FieldErrors, field, s string) {
	if s == "" {
		return
	}
	if _, found := slices.BinarySearch(zoneNames, s); !found {
		f.Add(field, "must be an IANA time zone such as Europe/Brussels")
	}
}

// CheckURL accepts absolute http(s) URLs; empty is allowed unless required.
func CheckURL(f apierr.FieldErrors, field, s string) {
	if s == "" {
		return
	}
	if p := textProblem(s, false); p != "" {
		f.Add(field, p)
		return
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || len(s) > 2048 {
		f.Add(field, "must be an absolute http or https URL")
	}
}

// CheckTokens validates a list of catalogue values (scope values,
// entitlements): each a short token, at most max of them.
func CheckTokens(f apierr.FieldErrors, field string, vs []string, max int) {
	if len(vs) > max {
		f.Add(field, fmt.Sprintf("must hold at most %d values", max))
		return
	}
	for _, v := range vs {
		if !tokenRE().MatchString(v) {
			f.Add(field, fmt.Sprintf("value %q must be 1-128 letters, digits or :._/@+-", v))
			return
		}
	}
}

// CheckSlugs validates a list of definition types.
func CheckSlugs(f apierr.FieldErrors, field string, vs []string) {
	if len(vs) > MaxEntitlements {
		f.Add(field, fmt.Sprintf("must hold at most %d values", MaxEntitlements))
		return
	}
	for _, v := range vs {
		if !ValidSlug(v) {
			f.Add(field, fmt.Sprintf("value %q is not a persona type (lower-case letters, digits, dashes)", v))
			return
		}
	}
}

// Limits of custom attributes, which DynamoDB stores as a map inside the
// profile or persona item (and twice in the change's audit record).
const (
	// MaxAttributeDepth is DynamoDB's nesting limit for documents, counted
	// as DynamoDB does: the attributes map itself is level 1.
	MaxAttributeDepth = 32
	// MaxAttributesBytes bounds the attributes as JSON (no HTML escaping,
	// as the audit record stores them), so an item and its audit record
	// stay well under DynamoDB's 400 KB whatever the input.
	MaxAttributesBytes = 64 << 10
	// DynamoDB holds numbers of magnitude 1E-130 to 9.99…E+125 (38
	// digits); as a float64 the upper bound rounds to 1e126, so a number
	// must stay below limitNumber.
	limitNumber = 1e126
	minNumber   = 1e-130
)

// ValidAttributeName reports whether s can name a custom attribute.
func ValidAttributeName(s string) bool { return attrRE().MatchString(s) }

// CheckAttributes validates custom attributes: bounded count, safe keys,
// valid UTF-8, numbers DynamoDB can hold, at most MaxAttributeDepth levels
// and MaxAttributesBytes of JSON.
func CheckAttributes(f apierr.FieldErrors, field string, attrs map[string]any) {
	if len(attrs) > MaxAttributes {
		f.Add(field, fmt.Sprintf("must hold at most %d attributes", MaxAttributes))
		return
	}
	bad := false
	for k, v := range attrs {
		var p string
		switch {
		case !attrRE().MatchString(k):
			p = "attribute names are 1-64 letters, digits, _ . - and start with a letter or _"
		case 1+depth(v) > MaxAttributeDepth:
			p = fmt.Sprintf("nests objects and arrays too deep: attributes hold at most %d levels, the attributes object being the first", MaxAttributeDepth)
		default:
			p = valueProblem(v)
		}
		if p != "" {
			f.Add(field+"."+k, p)
			bad = true
		}
	}
	if !bad {
		if n := jsonSize(attrs); n > MaxAttributesBytes {
			f.Add(field, fmt.Sprintf("must be at most %d bytes as JSON (these are %d)", MaxAttributesBytes, n))
		}
	}
}

// depth is how many levels of objects and arrays v nests (0: a scalar).
func depth(v any) int {
	d := 0
	switch x := v.(type) {
	case []any:
		for _, e := range x {
			d = max(d, depth(e))
		}
		return 1 + d
	case map[string]any:
		for _, e := range x {
			d = max(d, depth(e))
		}
		return 1 + d
	}
	return 0
}

// valueProblem says why DynamoDB or a reader could not take an attribute
// value ("" when they can): every string (keys of nested objects included)
// valid UTF-8, every number within DynamoDB's range.
func valueProblem(v any) string {
	switch x := v.(type) {
	case string:
		if !utf8.ValidString(x) {
			return "must be valid UTF-8"
		}
	case float64:
		if a := math.Abs(x); a >= limitNumber || a != 0 && a < minNumber {
			return "numbers must be 0 or of magnitude from 1e-130 to below 1e126"
		}
	case []any:
		for _, e := range x {
			if p := valueProblem(e); p != "" {
				return p
			}
		}
	case map[string]any:
		for k, e := range x {
			if !utf8.ValidString(k) {
				return "must be valid UTF-8"
			}
			if p := valueProblem(e); p != "" {
				return p
			}
		}
	}
	return ""
}

// jsonSize is the size of v as JSON without HTML escaping.
func jsonSize(v any) int {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return math.MaxInt
	}
	return b.Len() - 1 // the encoder's newline
}

// ValidateDefinition checks a definition and normalises its lists.
func ValidateDefinition(d *Definition) error {
	f := apierr.FieldErrors{}
	if !ValidSlug(d.Type) {
		f.Add("type", "must match ^[a-z0-9][a-z0-9-]{0,62}$")
	}
	CheckRequired(f, "display_name", d.DisplayName)
	CheckText(f, "display_name", d.DisplayName, MaxNameLen)
	CheckMultilineText(f, "description", d.Description, MaxDescriptionLen)
	CheckTokens(f, "scope_values", d.ScopeValues, MaxScopeValues)
	CheckTokens(f, "entitlements", d.Entitlements, MaxEntitlements)
	CheckSlugs(f, "manages", d.Manages)
	d.Normalize()
	return f.Err()
}

// ValidateApplication checks an application and normalises its lists.
func ValidateApplication(a *Application) error {
	f := apierr.FieldErrors{}
	CheckRequired(f, "name", a.Name)
	CheckText(f, "name", a.Name, MaxNameLen)
	CheckMultilineText(f, "description", a.Description, MaxDescriptionLen)
	CheckRequired(f, "url", a.URL)
	CheckURL(f, "url", a.URL)
	CheckURL(f, "icon_url", a.IconURL)
	CheckSlugs(f, "persona_types", a.PersonaTypes)
	CheckTokens(f, "entitlements_any", a.EntitlementsAny, MaxEntitlements)
	a.PersonaTypes = SortedSet(a.PersonaTypes)
	a.EntitlementsAny = SortedSet(a.EntitlementsAny)
	return f.Err()
}

// ValidateSettings checks a tenant's settings against sane ranges.
func ValidateSettings(s Settings) error {
	f := apierr.FieldErrors{}
	between := func(field string, v, lo, hi int) {
		if v < lo || v > hi {
			f.Add(field, fmt.Sprintf("must be between %d and %d", lo, hi))
		}
	}
	between("max_delegation_days", s.MaxDelegationDays, 1, 3650)
	between("magic_link_ttl_hours", s.MagicLinkTTLHours, 1, 8760)
	between("request_ttl_hours", s.RequestTTLHours, 1, 8760)
	between("history_days", s.HistoryDays, 1, 3650)
	between("step_up_max_age_seconds", s.StepUpMaxAgeSeconds, 0, 86400)
	CheckURL(f, "portal_base_url", s.PortalBaseURL)
	return f.Err()
}

// CheckScope validates a persona scope against its definition's catalogue
// and returns it as a sorted set.
func CheckScope(f apierr.FieldErrors, field string, scope []string, def Definition) []string {
	set := SortedSet(scope)
	if len(set) != len(scope) {
		f.Add(field, "must not hold duplicates")
		return set
	}
	if len(set) > MaxScopeSize {
		f.Add(field, fmt.Sprintf("must hold at most %d values", MaxScopeSize))
		return set
	}
	for _, v := range set {
		if !Subset([]string{v}, def.ScopeValues) {
			f.Add(field, fmt.Sprintf("value %q is not in the scope values of persona type %q", v, def.Type))
			return set
		}
	}
	return set
}

// CheckValidity records a reason when valid_until is not after valid_from.
func CheckValidity(f apierr.FieldErrors, from time.Time, until *time.Time) {
	if until != nil && !until.After(from) {
		f.Add("valid_until", "must be after valid_from")
	}
}

// ParseTime parses an RFC 3339 timestamp into UTC with second precision;
// nil stays nil, and a bad value is recorded against field.
func ParseTime(f apierr.FieldErrors, field string, s *string) *time.Time {
	if s == nil {
		return nil
	}
	t, err := time.Parse(time.RFC3339, *s)
	if err != nil {
		f.Add(field, "must be an RFC 3339 timestamp such as 2026-11-22T10:00:00Z")
		return nil
	}
	t = t.UTC().Truncate(time.Second)
	return &t
}

// NullableTime reads a JSON field that may be absent (Set false), null, or
// an RFC 3339 string (parse Value with ParseTime).
type NullableTime struct {
	Set   bool
	Value *string
}

// UnmarshalJSON records that the field was present.
func (n *NullableTime) UnmarshalJSON(b []byte) error {
	n.Set = true
	if string(b) == "null" {
		return nil
	}
	return json.Unmarshal(b, &n.Value)
}
