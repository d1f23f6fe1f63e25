package store

import (
	"context"
	"fmt"
	"slices"

	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/personaportal/portal/internal/apierr"
	"github.com/personaportal/portal/internal/domain"
)

var (
	// ErrDuplicatePersona: the user already holds a live persona of the type and scope.
	ErrDuplicatePersona = apierr.Conflict("the user already holds a live persona of this type and scope")
	errPersonaRaced     = apierr.Conflict("the persona changed meanwhile; read it again and retry")
	errPersonaGone      = apierr.NotFound("persona")
)

// ErrScopeOrDefinition: the definition is gone, or a scope value left its catalogue.
var ErrScopeOrDefinition = apierr.InvalidField("scope",
	"every value must be in the scope values of the persona definition, which must exist")

// scopeCondition extends cond so that every scope value is in the
// definition's catalogue at the moment of the write: a definition edited
// meanwhile can never leave a persona with a scope outside it.
func scopeCondition(cond string, scope []string) (string, map[string]types.AttributeValue) {
	vals := map[string]types.AttributeValue{}
	for i, v := range scope {
		name := fmt.Sprintf(":sv%d", i)
		cond += " AND contains(scope_values, " + name + ")"
		vals[name] = &types.AttributeValueMemberS{Value: v}
	}
	return cond, vals
}

// live reports whether a persona status holds the uniqueness guard and
// counts toward the live-persona counters.
func live(status string) bool { return !domain.TerminalStatus(status) }

// ProfilePersonas lists one page of what a user holds (own personas
// newest first, then personas lent to them) and, on the first page, the
// user's profile, in one query: PROFILE sorts right after the PERSONA#
// items and DLG#R# just before them, so a descending range read meets the
// profile first. profile is nil on later pages, and on the first when the
// user does not exist.
func (s *Store) ProfilePersonas(ctx context.Context, tenant, uid string, page Page) (*domain.Profile, []domain.Persona, []domain.PersonaDelegation, []byte, error) {
	raw, next, err := s.query(ctx, query{partAttr: "pk", partValue: userPK(tenant, uid),
		skBetween: [2]string{preReceived, skProfile}, page: page, consistent: true})
	if err != nil {
		return nil, nil, nil, nil, err
	}
	var prof *domain.Profile
	if len(raw) > 0 {
		if sk, ok := raw[0]["sk"].(*types.AttributeValueMemberS); ok && sk.Value == skProfile {
			var it profileItem
			if err := attributevalue.UnmarshalMap(raw[0], &it); err != nil {
				return nil, nil, nil, nil, apierr.Internal(err)
			}
			p := it.domain(tenant)
			prof, raw = &p, raw[1:]
		}
	}
	ps, ds, err := splitHeld(tenant, raw)
	return prof, ps, ds, next, err
}

// GetPersona reads one persona of a user; absent is not_found.
func (s *Store) GetPersona(ctx context.Context, tenant, uid, pid string) (domain.Persona, error) {
	var it personaItem
	found, err := s.getItem(ctx, userPK(tenant, uid), prePersona+pid, &it)
	if err != nil {
		return domain.Persona{}, err
	}
	if !found {
		return domain.Persona{}, errPersonaGone
	}
	return it.domain(tenant), nil
}

// Assignment is what adding a persona to a user needs to know, read in one
// round trip: the user, the user's preferred persona, the definition.
type Assignment struct {
	Profile     domain.Profile
	PreferredID string
	Definition  *domain.Definition
}

// LoadAssignment reads a user's profile and a definition together.
func (s *Store) LoadAssignment(ctx context.Context, tenant, uid, typ string) (Assignment, error) {
	got, err := s.batchGet(ctx, key(userPK(tenant, uid), skProfile), key(tenantPK(tenant), preDef+typ))
	if err != nil {
		return Assignment{}, err
	}
	raw, ok := got[userPK(tenant, uid)+"|"+skProfile]
	if !ok {
		return Assignment{}, errProfileGone
	}
	var pi profileItem
	if err := attributevalue.UnmarshalMap(raw, &pi); err != nil {
		return Assignment{}, apierr.Internal(err)
	}
	a := Assignment{Profile: pi.domain(tenant), PreferredID: pi.Preferred}
	if raw, ok := got[tenantPK(tenant)+"|"+preDef+typ]; ok {
		var di definitionItem
		if err := attributevalue.UnmarshalMap(raw, &di); err != nil {
			return Assignment{}, apierr.Internal(err)
		}
		d := di.domain()
		a.Definition = &d
	}
	return a, nil
}

// CreatePersona adds a live persona to a user in one transaction: the
// persona, its type+scope guard, the definition's and the user's counters
// (the definition must still exist), the preferred switch when asked, and
// the audit record. prevPreferred is the user's preferred persona as read.
func (s *Store) CreatePersona(ctx context.Context, p domain.Persona, prevPreferred string, rec domain.AuditRecord) error {
	t := s.txn()
	t.createPersona(p, prevPreferred)
	t.audit(p.Tenant, rec)
	return s.commit(ctx, t)
}

// createPersona adds the writes that start a live persona (see CreatePersona).
func (t *txn) createPersona(p domain.Persona, prevPreferred string) {
	p.Version = 1
	t.put(personaToItem(p), condNew, nil, errPersonaRaced)
	t.put(uniqItem{PK: userPK(p.Tenant, p.UserID), SK: uniqSK(p.Type, p.Scope), Kind: "uniq", PersonaID: p.ID},
		condNew, nil, ErrDuplicatePersona)
	cond, vals := scopeCondition(condExists, p.Scope)
	vals[":one"] = values(":one", 1)[":one"]
	t.update(key(tenantPK(p.Tenant), preDef+p.Type), "ADD live_personas :one", cond, vals, ErrScopeOrDefinition)
	expr, cond := "ADD live_personas :one", "attribute_exists(pk) AND live_personas < :max"
	vals = values(":one", 1, ":max", MaxLivePersonas)
	if p.Preferred {
		expr += " SET preferred_persona_id = :new"
		cond += " AND preferred_persona_id = :old"
		vals = values(":one", 1, ":max", MaxLivePersonas, ":new", p.ID, ":old", prevPreferred)
	}
	t.update(key(userPK(p.Tenant, p.UserID), skProfile), expr, cond, vals, ErrTooManyLive)
	if p.Preferred && prevPreferred != "" {
		t.update(key(userPK(p.Tenant, p.UserID), prePersona+prevPreferred), "SET preferred = :f", condExists,
			values(":f", false), errPreferredRace)
	}
}

// UpdatePersona saves after over before (same version). It moves the
// type+scope guard when the scope changes, releases guard and counters
// when the persona ends (revoked, expired, rejected), and clears the user's
// preferred persona when it was this one.
func (s *Store) UpdatePersona(ctx context.Context, before, after domain.Persona, rec domain.AuditRecord) error {
	t := s.txn()
	after.Version = before.Version + 1
	ending := live(before.Status.Value) && !live(after.Status.Value)
	after.Lent = after.OpenLent(after.UpdatedAt) // loans past their end leave the map
	if ending {
		after.Preferred = false
		after.Lent = nil
	}
	t.putVersioned(personaToItem(after), before.Version, errPersonaRaced)
	t.cascadeLent(before, after, after.UpdatedAt)
	user := userPK(before.Tenant, before.UserID)
	oldGuard, newGuard := uniqSK(before.Type, before.Scope), uniqSK(after.Type, after.Scope)
	switch {
	case !live(before.Status.Value):
		if live(after.Status.Value) {
			return apierr.Conflict("a persona that ended cannot be revived; add a new one")
		}
	case ending:
		t.del(key(user, oldGuard), "", nil, nil)
		t.update(key(tenantPK(before.Tenant), preDef+before.Type), "ADD live_personas :minus", condExists, values(":minus", -1), nil)
		expr, vals := "ADD live_personas :minus", values(":minus", -1)
		cond := condExists
		if before.Preferred {
			expr += " SET preferred_persona_id = :none"
			cond += " AND preferred_persona_id = :me"
			vals = values(":minus", -1, ":none", "", ":me", before.ID)
		}
		t.update(key(user, skProfile), expr, cond, vals, errPreferredRace)
	case oldGuard != newGuard:
		cond, vals := scopeCondition(condExists, after.Scope)
		t.check(key(tenantPK(before.Tenant), preDef+before.Type), cond, vals, ErrScopeOrDefinition)
		t.del(key(user, oldGuard), "persona_id = :me", values(":me", before.ID), errPersonaRaced)
		t.put(uniqItem{PK: user, SK: newGuard, Kind: "uniq", PersonaID: before.ID}, condNew, nil, ErrDuplicatePersona)
	}
	t.audit(before.Tenant, rec)
	return s.commit(ctx, t)
}

// SetPreferred makes next the user's preferred persona and un-prefers prev
// (empty: none) atomically. The user's preferred ID must still be prev, so
// of two concurrent changes from the same state exactly one wins.
func (s *Store) SetPreferred(ctx context.Context, next domain.Persona, prev string, rec domain.AuditRecord) error {
	t := s.txn()
	user := userPK(next.Tenant, next.UserID)
	t.update(key(user, skProfile), "SET preferred_persona_id = :new", "preferred_persona_id = :old",
		values(":new", next.ID, ":old", prev), errPreferredRace)
	t.update(key(user, prePersona+next.ID), "SET preferred = :t, version = :next",
		"version = :prev AND status = :accepted",
		values(":t", true, ":next", next.Version+1, ":prev", next.Version, ":accepted", domain.StatusAccepted), errPersonaRaced)
	if prev != "" && prev != next.ID {
		t.update(key(user, prePersona+prev), "SET preferred = :f", condExists, values(":f", false), errPreferredRace)
	}
	t.audit(next.Tenant, rec)
	return s.commit(ctx, t)
}

// PersonaFilter narrows a tenant-wide persona search.
type PersonaFilter struct {
	Type      string
	Scope     string
	Status    string
	Email     string
	Preferred *bool
}

// SearchPersonas lists a tenant's personas: by the type index when a type
// is given, else by the tenant's persona index; other criteria filter the
// page (a page may hold fewer items than the limit).
func (s *Store) SearchPersonas(ctx context.Context, tenant string, f PersonaFilter, page Page) ([]domain.Persona, []byte, error) {
	q := query{index: "gsi2", partAttr: "gsi2pk", partValue: personasGSI(tenant), forward: true, page: page}
	if f.Type != "" {
		q = query{index: "gsi1", partAttr: "gsi1pk", partValue: typeGSI(tenant, f.Type), forward: true, page: page}
	}
	var conds []string
	q.names, q.vals = map[string]string{}, values()
	addCond := func(expr, name, attr, val string, v any) {
		conds = append(conds, expr)
		q.names[name] = attr
		q.vals[val], _ = attributevalue.Marshal(v)
	}
	if f.Status != "" {
		addCond("#status = :status", "#status", "status", ":status", f.Status)
	}
	if f.Email != "" {
		addCond("#email = :email", "#email", "email", ":email", f.Email)
	}
	if f.Preferred != nil {
		addCond("#pref = :pref", "#pref", "preferred", ":pref", *f.Preferred)
	}
	for i, c := range conds {
		if i > 0 {
			q.filter += " AND "
		}
		q.filter += c
	}
	raw, next, err := s.query(ctx, q)
	if err != nil {
		return nil, nil, err
	}
	ps, next, err := personasFrom(tenant, raw, next)
	if err != nil || f.Scope == "" {
		return ps, next, err
	}
	// The scope filter runs here, not as contains() in the query's filter
	// expression: an empty scope is stored as NULL (see emptyToNull), which
	// the embedded engine refuses to test. The cost is the same: a filter
	// expression also reads every item of the page.
	out := ps[:0]
	for _, p := range ps {
		if slices.Contains(p.Scope, f.Scope) {
			out = append(out, p)
		}
	}
	return out, next, nil
}

func personasFrom(tenant string, raw []map[string]types.AttributeValue, next []byte) ([]domain.Persona, []byte, error) {
	items, err := unmarshalAll[personaItem](raw)
	if err != nil {
		return nil, nil, apierr.Internal(err)
	}
	out := make([]domain.Persona, len(items))
	for i, it := range items {
		out[i] = it.domain(tenant)
	}
	return out, next, nil
}
