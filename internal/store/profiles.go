package store

import (
	"bytes"
	"context"
	"encoding/json"
	"maps"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/personaportal/portal/internal/apierr"
	"github.com/personaportal/portal/internal/domain"
)

// MaxLivePersonas caps a user's pending and accepted personas: it keeps a
// user's persona list one page and a transaction well within its limits.
const MaxLivePersonas = 100

var (
	errEmailTaken   = apierr.Conflict("a user with this e-mail already exists in the tenant")
	errProfileGone  = apierr.NotFound("user")
	errProfileRaced = apierr.Conflict("the user changed meanwhile; read it again and retry")
	// ErrTooManyLive: the user holds the maximum number of live personas.
	ErrTooManyLive   = apierr.Conflict("the user already holds the maximum number of live personas")
	errPreferredRace = apierr.Conflict("the preferred persona changed meanwhile; read again and retry")
)

func profileSearch(p domain.Profile) string {
	return strings.ToLower(strings.Join([]string{p.Email, p.GivenName, p.FamilyName, p.DisplayName}, " "))
}

// CreateProfile writes a new profile with its e-mail guard and, when sub is
// set, its identity link, in one transaction.
func (s *Store) CreateProfile(ctx context.Context, p domain.Profile, sub string, rec domain.AuditRecord) error {
	t := s.txn()
	p.Version = 1
	if sub != "" {
		p.Subs = []string{sub}
	}
	t.put(profileToItem(p, "", 0), condNew, nil, errEmailTaken)
	t.put(emailItem{PK: emailPK(p.Tenant, p.Email), SK: skEmail, Kind: "email", UserID: p.ID}, condNew, nil, errEmailTaken)
	if sub != "" {
		t.put(linkItem{PK: subPK(p.Tenant, sub), SK: skSub, Kind: "link", UserID: p.ID, Status: p.Status}, condNew, nil,
			apierr.Conflict("this identity is already linked"))
	}
	t.audit(p.Tenant, rec)
	return s.commit(ctx, t)
}

// GetProfile reads a profile; absent is not_found.
func (s *Store) GetProfile(ctx context.Context, tenant, uid string) (domain.Profile, error) {
	var it profileItem
	found, err := s.getItem(ctx, userPK(tenant, uid), skProfile, &it)
	if err != nil {
		return domain.Profile{}, err
	}
	if !found {
		return domain.Profile{}, errProfileGone
	}
	return it.domain(tenant), nil
}

// UpdateProfile saves after over before (same version), moving the e-mail
// guard when the e-mail changes and the status of every identity link when
// the status changes, all in one transaction.
func (s *Store) UpdateProfile(ctx context.Context, before, after domain.Profile, rec domain.AuditRecord) error {
	t := s.txn()
	after.Version = before.Version + 1
	expr, vals := profileSet(after, before.Version)
	t.update(key(userPK(before.Tenant, before.ID), skProfile), expr, "version = :prev", vals, errProfileRaced)
	if after.Email != before.Email {
		t.del(key(emailPK(before.Tenant, before.Email), skEmail), "user_id = :u", values(":u", before.ID), errProfileRaced)
		t.put(emailItem{PK: emailPK(after.Tenant, after.Email), SK: skEmail, Kind: "email", UserID: after.ID}, condNew, nil, errEmailTaken)
	}
	t.linkStatus(before, after)
	t.audit(before.Tenant, rec)
	return s.commit(ctx, t)
}

// profileSet is the update expression that saves a profile's fields over
// version prev (the caller has set after.Version to prev+1).
func profileSet(after domain.Profile, prev int64) (string, map[string]types.AttributeValue) {
	return "SET email = :email, given_name = :gn, family_name = :fn, display_name = :dn, phone = :ph, locale = :lo, " +
			"timezone = :tz, attributes = :at, status = :st, search = :se, attr_search = :as, gsi1sk = :g1, updated_at = :up, version = :next",
		values(":email", after.Email, ":gn", after.GivenName, ":fn", after.FamilyName, ":dn", after.DisplayName,
			":ph", after.Phone, ":lo", after.Locale, ":tz", after.Timezone, ":at", nonNilMap(storedAttrs(after.Attributes)),
			":st", after.Status, ":se", profileSearch(after), ":as", attrSearch(after.Attributes), ":g1", after.Email+"#"+after.ID, ":up", after.UpdatedAt,
			":next", after.Version, ":prev", prev)
}

// linkStatus carries a profile's status change to every identity link, so
// that authentication (which reads only the link) refuses a disabled user.
func (t *txn) linkStatus(before, after domain.Profile) {
	if after.Status == before.Status {
		return
	}
	for _, sub := range before.Subs {
		t.update(key(subPK(before.Tenant, sub), skSub), "SET status = :st", condExists, values(":st", after.Status), errProfileRaced)
	}
}

// ProfileFilter narrows a list of users: Q is a case-insensitive substring
// of the name or e-mail; Attribute names a custom attribute the user holds,
// equal to Value when Value is set (as text, or as the number or boolean
// Value spells).
type ProfileFilter struct {
	Q                string
	Attribute, Value string
}

// ListProfiles lists a tenant's users by e-mail, filtered. Each page is one
// index query, so a filtered page may hold fewer items than the limit.
func (s *Store) ListProfiles(ctx context.Context, tenant string, f ProfileFilter, page Page) ([]domain.Profile, []byte, error) {
	qq := query{index: "gsi1", partAttr: "gsi1pk", partValue: usersGSI(tenant), forward: true, page: page,
		names: map[string]string{}, vals: values()}
	var conds []string
	if f.Q != "" {
		conds = append(conds, "contains(#search, :q)")
		qq.names["#search"], qq.vals[":q"] = "search", values(":q", strings.ToLower(f.Q))[":q"]
	}
	if f.Attribute != "" {
		conds = append(conds, attributeCondition(qq.names, qq.vals, f.Attribute, f.Value))
	}
	qq.filter = strings.Join(conds, " AND ")
	raw, next, err := s.query(ctx, qq)
	if err != nil {
		return nil, nil, err
	}
	items, err := unmarshalAll[profileItem](raw)
	if err != nil {
		return nil, nil, apierr.Internal(err)
	}
	out := make([]domain.Profile, len(items))
	for i, it := range items {
		out[i] = it.domain(tenant)
	}
	return out, next, nil
}

// attrSep ends every entry of attrSearch: JSON escapes control
// characters and attribute names hold none, so entries never run together.
const attrSep = "\x1f"

// attrSearch is a profile's custom attributes as one string the filter of
// ?attribute= looks into: each as <sep><name>=<its value as compact JSON>,
// then <sep>. (A filter cannot look into the attributes map itself: a
// profile without attributes holds NULL there, see emptyToNull.)
func attrSearch(attrs map[string]any) string {
	var b strings.Builder
	for _, name := range slices.Sorted(maps.Keys(attrs)) {
		b.WriteString(attrSep + name + "=" + canonicalJSON(attrs[name]))
	}
	if b.Len() == 0 {
		return ""
	}
	return b.String() + attrSep
}

// canonicalJSON writes v as compact JSON, numbers as float64 writes them
// (3.0 and 3 are one value), without HTML escapes.
func canonicalJSON(v any) string {
	raw, err := json.Marshal(v)
	if err != nil {
		return ""
	}
	var norm any
	if json.Unmarshal(raw, &norm) != nil {
		return ""
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if enc.Encode(norm) != nil {
		return ""
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// attributeCondition matches a custom attribute: present, or equal to
// value as text, or as the JSON number or boolean value spells.
func attributeCondition(names map[string]string, vals map[string]types.AttributeValue, name, value string) string {
	names["#as"] = "attr_search"
	if value == "" {
		vals[":an"] = values(":an", attrSep+name+"=")[":an"]
		return "contains(#as, :an)"
	}
	alts := []string{"contains(#as, :av)"}
	vals[":av"] = values(":av", attrSep+name+"="+canonicalJSON(value)+attrSep)[":av"]
	var v any
	if err := json.Unmarshal([]byte(value), &v); err == nil {
		switch v.(type) {
		case float64, bool:
			alts = append(alts, "contains(#as, :aj)")
			vals[":aj"] = values(":aj", attrSep+name+"="+canonicalJSON(v)+attrSep)[":aj"]
		}
	}
	return "(" + strings.Join(alts, " OR ") + ")"
}

func nonNilMap(m map[string]any) map[string]any {
	if m == nil {
		return map[string]any{}
	}
	return m
}
