package store

import (
	"context"
	"maps"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/personaportal/portal/internal/apierr"
	"github.com/personaportal/portal/internal/domain"
)

// Bulk import and export read and write a user as a whole: the profile
// with every persona it owns.

// MaxTransactItems is DynamoDB's limit on the writes of one transaction.
const MaxTransactItems = 100

// ErrLineTooLarge: one import line would need more writes than a
// transaction holds.
var ErrLineTooLarge = apierr.Malformed("this line changes more than one transaction can hold; " +
	"split its personas over several lines with the same email")

// UserState is a user as import and export read it: the profile, the
// values that guard its personas, and every persona it owns (all
// statuses; personas lent to the user are not theirs and are left out).
type UserState struct {
	Profile      domain.Profile
	PreferredID  string
	LivePersonas int
	Personas     []domain.Persona
}

// EmailOwners maps e-mails (normalised) to the IDs of the users holding
// them, reading up to 100 e-mails a round trip; unknown e-mails are absent.
func (s *Store) EmailOwners(ctx context.Context, tenant string, emails []string) (map[string]string, error) {
	emails = domain.SortedSet(emails) // BatchGetItem refuses duplicate keys
	keys := make([]map[string]types.AttributeValue, len(emails))
	for i, e := range emails {
		keys[i] = key(emailPK(tenant, e), skEmail)
	}
	items, err := getMany[emailItem](ctx, s, keys)
	out := make(map[string]string, len(items))
	for _, it := range items {
		out[strings.TrimPrefix(it.PK, emailPK(tenant, ""))] = it.UserID
	}
	return out, err
}

// LoadUser reads a user's profile and own personas with consistent reads:
// one query (PERSONA# items sort just before PROFILE), more only when the
// user's items exceed 1 MB.
func (s *Store) LoadUser(ctx context.Context, tenant, uid string) (UserState, error) {
	var st UserState
	found := false
	var start []byte
	for {
		raw, next, err := s.query(ctx, query{partAttr: "pk", partValue: userPK(tenant, uid),
			skBetween: [2]string{prePersona, skProfile}, forward: true, consistent: true, page: Page{Start: start}})
		if err != nil {
			return UserState{}, err
		}
		for _, r := range raw {
			if sk, _ := r["sk"].(*types.AttributeValueMemberS); sk != nil && sk.Value == skProfile {
				var it profileItem
				if err := attributevalue.UnmarshalMap(r, &it); err != nil {
					return UserState{}, apierr.Internal(err)
				}
				st.Profile, st.PreferredID, st.LivePersonas, found = it.domain(tenant), it.Preferred, it.LivePersonas, true
				continue
			}
			var it personaItem
			if err := attributevalue.UnmarshalMap(r, &it); err != nil {
				return UserState{}, apierr.Internal(err)
			}
			st.Personas = append(st.Personas, it.domain(tenant))
		}
		if next == nil {
			break
		}
		start = next
	}
	if !found {
		return UserState{}, errProfileGone
	}
	return st, nil
}

// UserWrite is what one import line changes on one user, written in one
// transaction: the profile, the personas it creates and changes, the
// guards and counters that keep the persona rules, and the audit record.
type UserWrite struct {
	Before         *UserState     // as read; nil when the user is new
	Profile        domain.Profile // as it will be
	ProfileChanged bool
	PreferredID    string // the user's preferred persona afterwards ("" none)
	Created        []domain.Persona
	Changed        []PersonaChange
	Rec            domain.AuditRecord
}

// PersonaChange is one existing persona before and after.
type PersonaChange struct{ Before, After domain.Persona }

// liveDelta is how the write changes the user's count of live personas.
func (w UserWrite) liveDelta() int {
	d := 0
	for _, p := range w.Created {
		if live(p.Status.Value) {
			d++
		}
	}
	for _, c := range w.Changed {
		if live(c.Before.Status.Value) && !live(c.After.Status.Value) {
			d--
		}
	}
	return d
}

// unpreferred is the persona that loses its preferred flag without being
// one of the changed personas ("" none).
func (w UserWrite) unpreferred() string {
	if w.Before == nil || w.Before.PreferredID == "" || w.Before.PreferredID == w.PreferredID {
		return ""
	}
	for _, c := range w.Changed {
		if c.Before.ID == w.Before.PreferredID {
			return ""
		}
	}
	return w.Before.PreferredID
}

// ImportUser writes one import line. Every write is conditional on what was
// read, so a concurrent change makes the line fail whole (409) instead of
// being overwritten; a line over the transaction limit is refused unwritten.
func (s *Store) ImportUser(ctx context.Context, w UserWrite) error {
	t := s.txn()
	tenant, user := w.Profile.Tenant, userPK(w.Profile.Tenant, w.Profile.ID)
	delta := w.liveDelta()
	if w.Before == nil {
		p := w.Profile
		p.Version = 1
		t.put(profileToItem(p, w.PreferredID, delta), condNew, nil, errEmailTaken)
		t.put(emailItem{PK: emailPK(tenant, p.Email), SK: skEmail, Kind: "email", UserID: p.ID}, condNew, nil, errEmailTaken)
	} else {
		t.importProfile(w, delta)
	}
	// The type+scope guards: released by the personas the line ends, taken by
	// the live ones it creates. A line may end a persona and start a new one
	// of the same type and scope: the guard then passes from one to the other
	// in a single write (a transaction may touch an item only once).
	released := map[string]string{} // guard sort key → ending persona
	for _, c := range w.Changed {
		after := c.After
		after.Version = c.Before.Version + 1
		after.Lent = after.OpenLent(after.UpdatedAt)
		t.putVersioned(personaToItem(after), c.Before.Version, errPersonaRaced)
		t.cascadeLent(c.Before, after, after.UpdatedAt)
		if live(c.Before.Status.Value) && !live(after.Status.Value) {
			released[uniqSK(c.Before.Type, c.Before.Scope)] = c.Before.ID
		}
	}
	for _, p := range w.Created {
		p.Version = 1
		t.put(personaToItem(p), condNew, nil, errPersonaRaced)
		if !live(p.Status.Value) {
			continue
		}
		guard := uniqItem{PK: user, SK: uniqSK(p.Type, p.Scope), Kind: "uniq", PersonaID: p.ID}
		if prev, ok := released[guard.SK]; ok {
			t.put(guard, "persona_id = :prev", values(":prev", prev), errPersonaRaced)
			delete(released, guard.SK)
			continue
		}
		t.put(guard, condNew, nil, ErrDuplicatePersona)
	}
	for _, sk := range slices.Sorted(maps.Keys(released)) {
		t.del(key(user, sk), "", nil, nil)
	}
	if id := w.unpreferred(); id != "" {
		t.update(key(user, prePersona+id), "SET preferred = :f", condExists, values(":f", false), errPreferredRace)
	}
	t.definitionCounters(w)
	t.audit(tenant, w.Rec)
	if len(t.items) > MaxTransactItems {
		return ErrLineTooLarge
	}
	return s.commit(ctx, t)
}

// importProfile updates an existing profile: its fields (over the version
// read), its preferred persona (over the one read) and its live count
// (within the cap). With none of these changing the profile is not written.
func (t *txn) importProfile(w UserWrite, delta int) {
	var set []string
	var conds []string
	vals := map[string]types.AttributeValue{}
	if w.ProfileChanged {
		after := w.Profile
		after.Version = w.Before.Profile.Version + 1
		expr, v := profileSet(after, w.Before.Profile.Version)
		set = append(set, strings.TrimPrefix(expr, "SET "))
		conds = append(conds, "version = :prev")
		maps.Copy(vals, v)
		t.linkStatus(w.Before.Profile, after)
	}
	if w.PreferredID != w.Before.PreferredID {
		set = append(set, "preferred_persona_id = :pref")
		conds = append(conds, "preferred_persona_id = :oldpref")
		maps.Copy(vals, values(":pref", w.PreferredID, ":oldpref", w.Before.PreferredID))
	}
	var expr string
	if len(set) > 0 {
		expr = "SET " + strings.Join(set, ", ")
	}
	if delta != 0 {
		expr += " ADD live_personas :delta"
		maps.Copy(vals, values(":delta", delta))
		if delta > 0 {
			conds = append(conds, "live_personas <= :cap")
			maps.Copy(vals, values(":cap", MaxLivePersonas-delta))
		}
	}
	if expr == "" {
		return
	}
	cond := condExists
	if len(conds) > 0 {
		cond += " AND " + strings.Join(conds, " AND ")
	}
	t.update(key(userPK(w.Profile.Tenant, w.Profile.ID), skProfile), strings.TrimSpace(expr), cond, vals, errProfileRaced)
}

// definitionCounters moves each touched definition's live-persona counter
// once (a transaction may write an item only once) and, for the types that
// gain personas, checks that the definition still exists with every new
// scope value in its catalogue.
func (t *txn) definitionCounters(w UserWrite) {
	type touch struct {
		delta  int
		gains  bool
		scopes []string
	}
	byType := map[string]*touch{}
	at := func(typ string) *touch {
		if byType[typ] == nil {
			byType[typ] = &touch{}
		}
		return byType[typ]
	}
	for _, p := range w.Created {
		if live(p.Status.Value) {
			tc := at(p.Type)
			tc.delta++
			tc.gains = true
			tc.scopes = append(tc.scopes, p.Scope...)
		}
	}
	for _, c := range w.Changed {
		if live(c.Before.Status.Value) && !live(c.After.Status.Value) {
			at(c.Before.Type).delta--
		}
	}
	for _, typ := range slices.Sorted(maps.Keys(byType)) {
		tc := byType[typ]
		k := key(tenantPK(w.Profile.Tenant), preDef+typ)
		if !tc.gains {
			t.update(k, "ADD live_personas :delta", condExists, values(":delta", tc.delta), nil)
			continue
		}
		cond, vals := scopeCondition(condExists, domain.SortedSet(tc.scopes))
		maps.Copy(vals, values(":delta", tc.delta))
		t.update(k, "ADD live_personas :delta", cond, vals, ErrScopeOrDefinition)
	}
}

// Applied is the user as it stands after w was written, so that the next
// line about the same user starts from it without reading again.
func Applied(w UserWrite) UserState {
	var st UserState
	if w.Before != nil {
		st = *w.Before
		st.Personas = slices.Clone(w.Before.Personas)
	}
	st.Profile = w.Profile
	switch {
	case w.Before == nil:
		st.Profile.Version = 1
	case w.ProfileChanged:
		st.Profile.Version = w.Before.Profile.Version + 1
	default:
		st.Profile.Version = w.Before.Profile.Version
	}
	st.LivePersonas += w.liveDelta()
	unpreferred := w.unpreferred()
	for i, p := range st.Personas {
		if p.ID == unpreferred {
			st.Personas[i].Preferred = false
		}
		for _, c := range w.Changed {
			if c.Before.ID == p.ID {
				st.Personas[i] = c.After
				st.Personas[i].Version = c.Before.Version + 1
			}
		}
	}
	for _, p := range w.Created {
		p.Version = 1
		st.Personas = append(st.Personas, p)
	}
	st.PreferredID = w.PreferredID
	return st
}
