package store

import (
	"context"
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
			"timezone = :tz, attributes = :at, status = :st, search = :se, gsi1sk = :g1, updated_at = :up, version = :next",
		values(":email", after.Email, ":gn", after.GivenName, ":fn", after.FamilyName, ":dn", after.DisplayName,
			":ph", after.Phone, ":lo", after.Locale, ":tz", after.Timezone, ":at", nonNilMap(after.Attributes),
			":st", after.Status, ":se", profileSearch(after), ":g1", after.Email+"#"+after.ID, ":up", after.UpdatedAt,
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

// ListProfiles lists a tenant's users by e-mail; q filters on name and
// e-mail (case-insensitive substring). Each page is one index query, so a
// filtered page may hold fewer items than the limit.
func (s *Store) ListProfiles(ctx context.Context, tenant, q string, page Page) ([]domain.Profile, []byte, error) {
	qq := query{index: "gsi1", partAttr: "gsi1pk", partValue: usersGSI(tenant), forward: true, page: page}
	if q != "" {
		qq.filter = "contains(#search, :q)"
		qq.names = map[string]string{"#search": "search"}
		qq.vals = values(":q", strings.ToLower(q))
	}
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

func nonNilMap(m map[string]any) map[string]any {
	if m == nil {
		return map[string]any{}
	}
	return m
}
