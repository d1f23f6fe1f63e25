package portal

import (
	"context"
	"slices"
	"time"

	"github.com/personaportal/portal/internal/apierr"
	"github.com/personaportal/portal/internal/domain"
	"github.com/personaportal/portal/internal/store"
)

// Me returns the caller's profile.
func (s *Service) Me(ctx context.Context, c Caller) (domain.Profile, error) {
	return s.store.GetProfile(ctx, c.Tenant, c.UserID)
}

// UpdateMe applies the caller's own changes to their profile.
func (s *Service) UpdateMe(ctx context.Context, c Caller, patch ProfilePatch) (domain.Profile, error) {
	patch.Email, patch.Status = nil, nil
	return s.updateProfile(ctx, c, c.UserID, patch, "profile.updated")
}

func (s *Service) updateProfile(ctx context.Context, c Caller, uid string, patch ProfilePatch, action string) (domain.Profile, error) {
	before, err := s.store.GetProfile(ctx, c.Tenant, uid)
	if err != nil {
		return domain.Profile{}, err
	}
	after := before
	if err := patch.apply(&after); err != nil {
		return domain.Profile{}, err
	}
	after.UpdatedAt = s.now()
	rec := domain.NewAudit(after.UpdatedAt, c.Actor(), action, profileTarget(before), before, after)
	if err := s.store.UpdateProfile(ctx, before, after, rec); err != nil {
		return domain.Profile{}, err
	}
	after.Version++
	return after, nil
}

// MyPersonas lists the caller's personas (newest first), then the
// personas lent to them (with delegation set).
func (s *Service) MyPersonas(ctx context.Context, c Caller, page store.Page) (Page[domain.Persona], error) {
	ps, ds, next, err := s.store.HeldPersonas(ctx, c.Tenant, c.UserID, page)
	if err != nil {
		return Page[domain.Persona]{}, err
	}
	h := s.holding(c, ps, ds)
	return Page[domain.Persona]{Items: slices.Concat(h.own, h.lent), Next: next}, nil
}

// holding is what a user holds at now: own personas and lent ones, with
// their computed fields.
type holding struct {
	own  []domain.Persona
	lent []domain.Persona // Delegation set; ID is the owner's persona ID
	// lentBy maps a lent persona's ID to its delegation.
	lentBy map[string]string
	// needsStepUp reports whether a persona's rights wait for the caller
	// to authenticate again (see Caller.needsStepUp).
	needsStepUp func(domain.Persona) bool
}

func (s *Service) holding(c Caller, ps []domain.Persona, ds []domain.PersonaDelegation) holding {
	now := s.now()
	h := holding{own: s.derive(c, ps), lentBy: map[string]string{},
		needsStepUp: func(p domain.Persona) bool { return c.needsStepUp(p.Type, now) }}
	for _, d := range ds {
		if d.StatusAt(now) == domain.DelegationRevoked || d.StatusAt(now) == domain.DelegationExpired {
			continue // ended delegations are history: GET /me/delegations shows them
		}
		h.lent = append(h.lent, d.LentPersona(c.Config.Definitions, now))
		h.lentBy[d.PersonaID] = d.ID
	}
	return h
}

// active is every persona granting its rights now, own and lent: active,
// and not waiting for a step-up. This is the one place rights come from
// (applications, delegated-admin grants, the active persona), so a step-up
// persona grants nothing to a stale session however it is reached.
func (h holding) active() []domain.Persona {
	var out []domain.Persona
	for _, p := range slices.Concat(h.own, h.lent) {
		if p.Active && !h.needsStepUp(p) {
			out = append(out, p)
		}
	}
	return out
}

// withheld is every active persona whose rights wait for a step-up.
func (h holding) withheld() []domain.Persona {
	var out []domain.Persona
	for _, p := range slices.Concat(h.own, h.lent) {
		if p.Active && h.needsStepUp(p) {
			out = append(out, p)
		}
	}
	return out
}

func (s *Service) held(ctx context.Context, c Caller) (holding, error) {
	ps, ds, err := s.store.AllHeldPersonas(ctx, c.Tenant, c.UserID)
	if err != nil {
		return holding{}, err
	}
	return s.holding(c, ps, ds), nil
}

// MyPersona returns one of the caller's personas.
func (s *Service) MyPersona(ctx context.Context, c Caller, pid string) (domain.Persona, error) {
	if !domain.ValidID(pid) {
		return domain.Persona{}, apierr.NotFound("persona")
	}
	p, err := s.store.GetPersona(ctx, c.Tenant, c.UserID, pid)
	if err != nil {
		return domain.Persona{}, err
	}
	return s.derive(c, []domain.Persona{p})[0], nil
}

// PersonaRef names a persona an application is opened by.
type PersonaRef struct {
	ID   string `json:"id"`
	Type string `json:"type"`
}

// UserApplication is an application with the personas that open it.
type UserApplication struct {
	domain.Application
	ViaPersonas []PersonaRef `json:"via_personas"`
}

// MyApplications lists the applications the caller's active personas open.
func (s *Service) MyApplications(ctx context.Context, c Caller) ([]UserApplication, error) {
	h, err := s.held(ctx, c)
	if err != nil {
		return nil, err
	}
	apps, err := s.store.AllApplications(ctx, c.Tenant)
	if err != nil {
		return nil, err
	}
	active := h.active()
	out := []UserApplication{}
	for _, a := range apps {
		ua := UserApplication{Application: a}
		for _, p := range active {
			if a.OpenedBy(p) {
				ua.ViaPersonas = append(ua.ViaPersonas, PersonaRef{ID: p.ID, Type: p.Type})
			}
		}
		if len(ua.ViaPersonas) > 0 {
			out = append(out, ua)
		}
	}
	return out, nil
}

// SetPreferred makes one of the caller's active personas the preferred one.
func (s *Service) SetPreferred(ctx context.Context, c Caller, pid string) (domain.Persona, error) {
	h, err := s.held(ctx, c)
	if err != nil {
		return domain.Persona{}, err
	}
	if _, lent := h.lentBy[pid]; lent {
		return domain.Persona{}, apierr.InvalidField("persona_id", "a persona lent to you cannot be your preferred persona")
	}
	ps := h.own
	target, prev := -1, ""
	for i, p := range ps {
		if p.ID == pid {
			target = i
		}
		if p.Preferred {
			prev = p.ID
		}
	}
	if target < 0 {
		return domain.Persona{}, apierr.NotFound("persona")
	}
	next := ps[target]
	if !next.Active {
		return domain.Persona{}, apierr.InvalidField("persona_id", "the persona is not active")
	}
	if prev == next.ID {
		return next, nil
	}
	after := next
	after.Preferred = true
	rec := domain.NewAudit(s.now(), c.Actor(), "persona.preferred", personaTarget(next), next, after)
	if err := s.store.SetPreferred(ctx, next, prev, rec); err != nil {
		return domain.Persona{}, err
	}
	after.Version++
	return after, nil
}

// ActivePersona is the persona a session acts as, and why.
type ActivePersona struct {
	Persona *domain.Persona `json:"persona"`
	// Source is "selected" (chosen in this session), "preferred" (the
	// default), or "none".
	Source string `json:"source"`
}

// Active returns the session's active persona: the one selected if it is
// still active, else the preferred one if active, else none. A persona
// whose definition demands step-up is neither for a session whose
// authentication is too old: it waits until the caller steps up.
func (s *Service) Active(ctx context.Context, c Caller) (ActivePersona, error) {
	sel, err := s.store.GetSelection(ctx, c.Tenant, c.UserID, c.Session)
	if err != nil {
		return ActivePersona{}, err
	}
	h, err := s.held(ctx, c)
	if err != nil {
		return ActivePersona{}, err
	}
	var preferred *domain.Persona
	for _, p := range h.active() {
		if p.ID == sel {
			return ActivePersona{Persona: &p, Source: "selected"}, nil
		}
		if p.Preferred {
			preferred = &p
		}
	}
	if preferred != nil {
		return ActivePersona{Persona: preferred, Source: "preferred"}, nil
	}
	return ActivePersona{Source: "none"}, nil
}

// SelectActive selects the session's active persona. A persona whose
// definition demands step-up needs an authentication no older than the
// tenant's step_up_max_age_seconds (RFC 9470 challenge otherwise).
func (s *Service) SelectActive(ctx context.Context, c Caller, pid string) (ActivePersona, error) {
	if !domain.ValidID(pid) {
		return ActivePersona{}, apierr.NotFound("persona")
	}
	h, err := s.held(ctx, c)
	if err != nil {
		return ActivePersona{}, err
	}
	all := slices.Concat(h.own, h.lent)
	i := slices.IndexFunc(all, func(p domain.Persona) bool { return p.ID == pid })
	if i < 0 {
		return ActivePersona{}, apierr.NotFound("persona")
	}
	p := all[i]
	if !p.Active {
		return ActivePersona{}, apierr.InvalidField("persona_id", "the persona is not active")
	}
	now := s.now()
	if c.needsStepUp(p.Type, now) {
		return ActivePersona{}, c.stepUp()
	}
	until := c.Expires
	if until.IsZero() || until.Before(now) {
		until = now.Add(12 * time.Hour)
	}
	rec := domain.NewAudit(now, c.Actor(), "persona.selected", personaTarget(p), nil,
		map[string]string{"persona_id": p.ID, "session": "sha256:" + hashSession(c.Session)})
	if err := s.store.SelectPersona(ctx, c.UserID, c.Session, p, h.lentBy[p.ID], until, rec); err != nil {
		return ActivePersona{}, err
	}
	return ActivePersona{Persona: &p, Source: "selected"}, nil
}

// derive fills the computed fields of personas from the tenant's definitions.
func (s *Service) derive(c Caller, ps []domain.Persona) []domain.Persona {
	now := s.now()
	out := make([]domain.Persona, len(ps))
	for i, p := range ps {
		p.Derive(c.Config.Definitions, now)
		out[i] = p
	}
	return out
}

func personaTarget(p domain.Persona) domain.Target {
	return domain.Target{Kind: "persona", ID: p.ID, UserID: p.UserID}
}

func profileTarget(p domain.Profile) domain.Target {
	return domain.Target{Kind: "profile", ID: p.ID, UserID: p.ID}
}
