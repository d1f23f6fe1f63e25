package portal

import (
	"context"
	"encoding/json"
	"slices"
	"strings"

	"github.com/personaportal/portal/internal/apierr"
	"github.com/personaportal/portal/internal/domain"
	"github.com/personaportal/portal/internal/store"
)

// Delegated administration: a caller holding an active persona whose
// definition manages other persona types may see and manage, within that
// persona's scope, the users holding personas of those types.

// Grant is one admin right: persona types a caller manages within a scope.
type Grant struct {
	PersonaID string
	Manages   []string
	Scope     []string
}

var errNotDelegatedAdmin = apierr.Forbidden("this operation is for delegated admins: you hold no active persona that manages others")

// callerGrants reads the caller's profile and admin rights in one query:
// the grants of their active personas (own and lent) whose definitions
// manage other types. Always read fresh, never cached, so a revoked admin
// persona stops granting at once. A caller holding an admin persona whose
// rights wait for a step-up is asked to step up (401 step_up_required)
// before acting as a delegated admin at all: acting on the other grants
// alone could end a request as failed that the step-up would let pass.
func (s *Service) callerGrants(ctx context.Context, c Caller) (domain.Profile, []Grant, error) {
	prof, active, withheld, err := s.grants(ctx, c)
	if err == nil && len(withheld) > 0 {
		return domain.Profile{}, nil, c.stepUp()
	}
	return prof, active, err
}

// grants reads the caller's profile and splits their admin rights into
// those granted now and those waiting for a step-up.
func (s *Service) grants(ctx context.Context, c Caller) (prof domain.Profile, active, withheld []Grant, err error) {
	p, ps, ds, err := s.profileAndPersonas(ctx, c.Tenant, c.UserID)
	if err != nil {
		return domain.Profile{}, nil, nil, err
	}
	if p == nil {
		return domain.Profile{}, nil, nil, apierr.ProfileNotFound()
	}
	// Lent personas grant their admin rights too, during their period.
	h := s.holding(c, ps, ds)
	return *p, grantsOf(c, h.active()), grantsOf(c, h.withheld()), nil
}

// grantsOf turns active personas into grants.
func grantsOf(c Caller, active []domain.Persona) []Grant {
	var gs []Grant
	for _, p := range active {
		if def := c.Config.Definitions[p.Type]; len(def.Manages) > 0 {
			gs = append(gs, Grant{PersonaID: p.ID, Manages: def.Manages, Scope: p.Scope})
		}
	}
	return gs
}

// profileAndPersonas reads a user's profile (nil when absent), all their
// personas and the personas lent to them: one query for any realistic user.
func (s *Service) profileAndPersonas(ctx context.Context, tenant, uid string) (*domain.Profile, []domain.Persona, []domain.PersonaDelegation, error) {
	var prof *domain.Profile
	var all []domain.Persona
	var lent []domain.PersonaDelegation
	page := store.Page{}
	for {
		p, ps, ds, next, err := s.store.ProfilePersonas(ctx, tenant, uid, page)
		if err != nil {
			return nil, nil, nil, err
		}
		if p != nil {
			prof = p
		}
		all, lent = append(all, ps...), append(lent, ds...)
		if next == nil {
			return prof, all, lent, nil
		}
		page.Start = next
	}
}

// Covers reports whether some grant manages typ with scope within its own.
func Covers(gs []Grant, typ string, scope []string) bool {
	for _, g := range gs {
		if slices.Contains(g.Manages, typ) && domain.Subset(scope, g.Scope) {
			return true
		}
	}
	return false
}

func (s *Service) delegatedGrants(ctx context.Context, c Caller) ([]Grant, error) {
	_, gs, err := s.callerGrants(ctx, c)
	if err == nil && len(gs) == 0 {
		err = errNotDelegatedAdmin
	}
	return gs, err
}

// AssignableDefinitions lists the definitions the caller may assign, each
// with its scope catalogue cut down to the caller's own scope.
func (s *Service) AssignableDefinitions(ctx context.Context, c Caller) ([]domain.Definition, error) {
	gs, err := s.delegatedGrants(ctx, c)
	if err != nil {
		return nil, err
	}
	allowed := map[string][]string{}
	for _, g := range gs {
		for _, t := range g.Manages {
			allowed[t] = domain.SortedSet(append(allowed[t], g.Scope...))
		}
	}
	types := make([]string, 0, len(allowed))
	for t := range allowed {
		types = append(types, t)
	}
	defs, err := s.store.DefinitionsByType(ctx, c.Tenant, types)
	if err != nil {
		return nil, err
	}
	out := []domain.Definition{}
	for _, d := range defs {
		d.ScopeValues = slices.DeleteFunc(d.ScopeValues, func(v string) bool { return !slices.Contains(allowed[d.Type], v) })
		out = append(out, d)
	}
	slices.SortFunc(out, func(a, b domain.Definition) int { return strings.Compare(a.Type, b.Type) })
	return out, nil
}

// scopedPartitions lists the scope-index partitions a caller's grants
// reach: for each managed type, one per own scope value, and one for
// personas with an empty scope (which lie within any scope).
func scopedPartitions(gs []Grant) [][2]string {
	set := map[[2]string]bool{}
	for _, g := range gs {
		for _, t := range g.Manages {
			set[[2]string{t, ""}] = true
			for _, v := range g.Scope {
				set[[2]string{t, v}] = true
			}
		}
	}
	out := make([][2]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	// The empty-scope partition of a type comes after its scope values: it
	// is rarely used, and the first page should show users.
	sortKey := func(p [2]string) string {
		if p[1] == "" {
			return p[0] + "\x00\xff"
		}
		return p[0] + "\x00" + p[1]
	}
	slices.SortFunc(out, func(a, b [2]string) int { return strings.Compare(sortKey(a), sortKey(b)) })
	return out
}

// scopedCursor is where a scoped user list goes on: a partition and a
// position in it.
type scopedCursor struct {
	Partition int    `json:"i"`
	Position  []byte `json:"p,omitempty"`
}

// maxScopedQueries bounds the index queries one page of /users makes.
const maxScopedQueries = 3

// ScopedUsers lists the users in the caller's scope. A page reads the
// scope index partition by partition (a persona's partition is its type
// and the first value of its sorted scope, so a persona within the
// caller's scope is always in a partition the caller reads), moving to the
// next partition when one is exhausted, until it has read limit index
// items or made maxScopedQueries queries; then it reads the users' profiles in one
// batch. q filters on name and e-mail.
func (s *Service) ScopedUsers(ctx context.Context, c Caller, q string, page store.Page) (Page[domain.Profile], error) {
	f := apierr.FieldErrors{}
	if domain.CheckSearch(f, "q", q); len(f) > 0 {
		return Page[domain.Profile]{}, f.Err()
	}
	gs, err := s.delegatedGrants(ctx, c)
	if err != nil {
		return Page[domain.Profile]{}, err
	}
	parts := scopedPartitions(gs)
	var cur scopedCursor
	if page.Start != nil {
		if json.Unmarshal(page.Start, &cur) != nil || cur.Partition < 0 || cur.Partition >= len(parts) {
			return Page[domain.Profile]{}, apierr.InvalidField("cursor", "is not a cursor of this list")
		}
	}
	var ids []string
	done := false
	// Each query asks only for the room the page has left, so a page
	// reads at most limit index items however its partitions split them.
	read := int32(0)
	for n := 0; n < maxScopedQueries && read < page.Limit; n++ {
		part := parts[cur.Partition]
		ps, next, err := s.store.ScopedPersonas(ctx, c.Tenant, part[0], part[1], store.Page{Limit: page.Limit - read, Start: cur.Position})
		if err != nil {
			return Page[domain.Profile]{}, err
		}
		read += int32(len(ps))
		for _, p := range ps {
			if Covers(gs, p.Type, p.Scope) && !slices.Contains(ids, p.UserID) {
				ids = append(ids, p.UserID)
			}
		}
		if next != nil {
			cur.Position = next
			break // this partition has more: the next page goes on here
		}
		if cur.Partition+1 == len(parts) {
			done = true
			break
		}
		cur = scopedCursor{Partition: cur.Partition + 1}
	}
	profiles, err := s.store.ProfilesByID(ctx, c.Tenant, ids)
	if err != nil {
		return Page[domain.Profile]{}, err
	}
	out := Page[domain.Profile]{Items: []domain.Profile{}}
	q = strings.ToLower(q)
	for _, id := range ids {
		p, ok := profiles[id]
		if ok && (q == "" || strings.Contains(strings.ToLower(p.Email+" "+p.GivenName+" "+p.FamilyName+" "+p.DisplayName), q)) {
			out.Items = append(out.Items, p)
		}
	}
	if !done {
		out.Next, _ = json.Marshal(cur)
	}
	return out, nil
}

// scopedUser reads a user the caller may see as a delegated admin: one who
// holds an accepted persona within the caller's grants. Anyone else is
// not_found, whether or not they exist.
func (s *Service) scopedUser(ctx context.Context, c Caller, uid string) ([]Grant, domain.Profile, []domain.Persona, error) {
	gs, err := s.delegatedGrants(ctx, c)
	if err != nil {
		return nil, domain.Profile{}, nil, err
	}
	if !domain.ValidID(uid) {
		return nil, domain.Profile{}, nil, apierr.NotFound("user")
	}
	prof, all, _, err := s.profileAndPersonas(ctx, c.Tenant, uid) // lent personas are not the user's own
	if err != nil {
		return nil, domain.Profile{}, nil, err
	}
	if prof != nil {
		for _, p := range all {
			if p.Status.Value == domain.StatusAccepted && Covers(gs, p.Type, p.Scope) {
				return gs, *prof, s.derive(c, all), nil
			}
		}
	}
	return nil, domain.Profile{}, nil, apierr.NotFound("user")
}

// ScopedUser returns a user in the caller's scope.
func (s *Service) ScopedUser(ctx context.Context, c Caller, uid string) (domain.Profile, error) {
	_, p, _, err := s.scopedUser(ctx, c, uid)
	return p, err
}

// ScopedUserPersonas lists a user's personas of types the caller manages
// within the caller's scope (all statuses), newest first.
func (s *Service) ScopedUserPersonas(ctx context.Context, c Caller, uid string) ([]domain.Persona, error) {
	gs, _, ps, err := s.scopedUser(ctx, c, uid)
	if err != nil {
		return nil, err
	}
	out := []domain.Persona{}
	for _, p := range ps {
		if Covers(gs, p.Type, p.Scope) {
			out = append(out, p)
		}
	}
	return out, nil
}

var errOutsideScope = apierr.Forbidden("the persona type or scope is outside what your admin personas manage")

// DelegatedAddPersona gives a user in the caller's scope an accepted
// persona of a type the caller manages, within the caller's scope.
func (s *Service) DelegatedAddPersona(ctx context.Context, c Caller, uid string, in NewPersona) (domain.Persona, error) {
	gs, prof, _, err := s.scopedUser(ctx, c, uid)
	if err != nil {
		return domain.Persona{}, err
	}
	if !Covers(gs, in.Type, domain.SortedSet(in.Scope)) {
		return domain.Persona{}, errOutsideScope
	}
	in.Preferred = false
	return s.createPersona(ctx, c, prof, "", in)
}

// delegatedAuthorize lets a delegated admin act on personas within their
// grants only: others are not_found, and an edit may not move one outside.
func (s *Service) delegatedAuthorize(ctx context.Context, c Caller) (authorizeFunc, error) {
	gs, err := s.delegatedGrants(ctx, c)
	if err != nil {
		return nil, err
	}
	return func(before domain.Persona, after *domain.Persona) error {
		if !Covers(gs, before.Type, before.Scope) {
			return apierr.NotFound("persona")
		}
		if after != nil && !Covers(gs, after.Type, after.Scope) {
			return errOutsideScope
		}
		return nil
	}, nil
}

// DelegatedEditPersona edits a persona within the caller's grants.
func (s *Service) DelegatedEditPersona(ctx context.Context, c Caller, uid, pid string, patch PersonaPatch) (domain.Persona, error) {
	auth, err := s.delegatedAuthorize(ctx, c)
	if err != nil {
		return domain.Persona{}, err
	}
	return s.editPersona(ctx, c, uid, pid, patch, auth)
}

// DelegatedRevokePersona revokes a persona within the caller's grants.
func (s *Service) DelegatedRevokePersona(ctx context.Context, c Caller, uid, pid string) (domain.Persona, error) {
	auth, err := s.delegatedAuthorize(ctx, c)
	if err != nil {
		return domain.Persona{}, err
	}
	return s.revokePersona(ctx, c, uid, pid, auth)
}

// Rights is what the caller may administer, so a client can show the
// screens the caller can use without probing routes for a 403.
type Rights struct {
	// TenantAdmin: the token says the caller administers the tenant.
	TenantAdmin bool `json:"tenant_admin"`
	// DelegatedAdmin: the caller holds an active persona (own or lent)
	// whose definition manages other types, step-up pending or not.
	DelegatedAdmin bool `json:"delegated_admin"`
	// Manages lists the persona types the caller may manage now, sorted.
	Manages []string `json:"manages"`
	// StepUpRequired: some admin rights wait for a fresh sign-in
	// (delegated-admin routes answer 401 step_up_required until then).
	StepUpRequired bool `json:"step_up_required"`
}

// MyRights reports the caller's administrative rights, read fresh like
// every delegated-admin check.
func (s *Service) MyRights(ctx context.Context, c Caller) (Rights, error) {
	_, active, withheld, err := s.grants(ctx, c)
	if err != nil {
		return Rights{}, err
	}
	r := Rights{TenantAdmin: c.TenantAdmin, DelegatedAdmin: len(active)+len(withheld) > 0,
		Manages: []string{}, StepUpRequired: len(withheld) > 0}
	for _, g := range active {
		r.Manages = append(r.Manages, g.Manages...)
	}
	r.Manages = domain.SortedSet(r.Manages)
	return r, nil
}
