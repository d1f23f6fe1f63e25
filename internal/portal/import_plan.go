package portal

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/personaportal/portal/internal/apierr"
	"github.com/personaportal/portal/internal/domain"
	"github.com/personaportal/portal/internal/store"
)

// planImport works out what a checked line changes on the user as stored
// (st nil: the user does not exist yet). changed is false when the line
// states what is already there.
func (s *Service) planImport(c Caller, defs domain.Definitions, st *store.UserState, in ImportUser) (w store.UserWrite, changed bool, err error) {
	now := s.now()
	w = store.UserWrite{Before: st}
	if st == nil {
		w.Profile = domain.Profile{Tenant: c.Tenant, ID: domain.NewID(), Email: in.Email, Attributes: map[string]any{},
			Status: domain.ProfileActive, CreatedAt: now, UpdatedAt: now}
		w.ProfileChanged = true
	} else {
		w.Profile = st.Profile
		w.Profile.Attributes = maps.Clone(st.Profile.Attributes)
		w.PreferredID = st.PreferredID
	}
	if err := in.Profile.apply(&w.Profile); err != nil {
		return w, false, err
	}
	if st != nil && !sameProfile(st.Profile, w.Profile) {
		if w.Profile.Status == domain.ProfileDisabled && st.Profile.Status != domain.ProfileDisabled && st.Profile.ID == c.UserID {
			return w, false, apierr.Forbidden("you cannot disable your own profile")
		}
		w.ProfileChanged, w.Profile.UpdatedAt = true, now
	}
	var existing []domain.Persona
	if st != nil {
		existing = st.Personas
	}
	used := map[string]bool{}
	explicit, explicitField := "", ""
	for i, ip := range in.Personas {
		field := fmt.Sprintf("personas[%d]", i)
		def := defs[ip.Type]
		var p domain.Persona
		if j := matchPersona(existing, used, ip); j >= 0 {
			used[existing[j].ID] = true
			before := existing[j]
			after, err := applyImportPersona(c, now, before, w.Profile, ip, def, field)
			if err != nil {
				return w, false, err
			}
			if !samePersona(before, after) {
				after.UpdatedAt = now
				w.Changed = append(w.Changed, store.PersonaChange{Before: before, After: after})
			}
			p = after
		} else {
			p = newImportedPersona(c, now, w.Profile, ip, def)
			if err := personaFieldErr(field, p); err != nil {
				return w, false, err
			}
			w.Created = append(w.Created, p)
		}
		if ip.Preferred != nil && *ip.Preferred {
			explicit, explicitField = p.ID, field
		}
	}
	if err := resolvePreferred(&w, explicit, explicitField, now); err != nil {
		return w, false, err
	}
	live := 0
	if st != nil {
		live = st.LivePersonas
	}
	if live+liveGain(w) > store.MaxLivePersonas {
		return w, false, store.ErrTooManyLive
	}
	if !w.ProfileChanged && len(w.Created) == 0 && len(w.Changed) == 0 && w.PreferredID == st.PreferredID {
		return w, false, nil
	}
	w.Rec = s.importAudit(c, now, w)
	return w, true, nil
}

// matchPersona finds the stored persona a line's persona is about (-1:
// none, it is new). A live persona is keyed by type + scope (unique among
// live ones). An ended one matches an ended persona of that type and scope
// (with the same valid_from when given, preferring the same status), else
// the live one it ends.
func matchPersona(existing []domain.Persona, used map[string]bool, in ImportPersona) int {
	same := func(p domain.Persona) bool {
		return !used[p.ID] && p.Type == in.Type && slices.Equal(domain.SortedSet(p.Scope), in.Scope) &&
			(in.ValidFrom == nil || p.ValidFrom.Equal(*in.ValidFrom))
	}
	if in.Status == nil || !domain.TerminalStatus(in.Status.Value) {
		for i, p := range existing {
			if !used[p.ID] && p.Type == in.Type && slices.Equal(domain.SortedSet(p.Scope), in.Scope) && !p.Terminal() {
				return i
			}
		}
		return -1
	}
	best := -1
	for i, p := range existing {
		if same(p) && p.Terminal() {
			if p.Status.Value == in.Status.Value {
				return i
			}
			if best < 0 {
				best = i
			}
		}
	}
	if best >= 0 {
		return best
	}
	for i, p := range existing {
		if same(p) && !p.Terminal() {
			return i
		}
	}
	return -1
}

// newImportedPersona builds a persona the line adds.
func newImportedPersona(c Caller, now time.Time, user domain.Profile, in ImportPersona, def domain.Definition) domain.Persona {
	p := domain.Persona{Tenant: c.Tenant, ID: domain.NewID(), UserID: user.ID, Type: in.Type, Scope: in.Scope,
		Email: user.Email, ValidFrom: now, Attributes: map[string]any{}, CreatedAt: now, UpdatedAt: now,
		Status: domain.PersonaStatus{Value: domain.StatusAccepted, ChangedAt: now, ChangedBy: c.Actor()}}
	setImported(&p, c, now, user, in, def)
	if st := in.Status; st != nil {
		// A new persona keeps the history the file gives, whatever its status.
		if st.ChangedAt != nil {
			p.Status.ChangedAt = *st.ChangedAt
		}
		if st.ChangedBy != nil {
			p.Status.ChangedBy = *st.ChangedBy
		}
	}
	return p
}

// applyImportPersona applies a line's persona to the stored one. An ended
// persona is history: a line may state it, but not change it.
func applyImportPersona(c Caller, now time.Time, before domain.Persona, user domain.Profile, in ImportPersona,
	def domain.Definition, field string) (domain.Persona, error) {
	after := before
	after.Attributes = maps.Clone(before.Attributes)
	after.ExtraEntitlements = slices.Clone(before.ExtraEntitlements)
	setImported(&after, c, now, user, in, def)
	if before.Terminal() && !samePersona(before, after) {
		e := apierr.Conflict("an ended persona cannot be changed")
		e.Details = map[string]any{"fields": map[string]string{field: "the persona has ended (" + before.Status.Value + ") and cannot be changed"}}
		return after, e
	}
	if domain.TerminalStatus(after.Status.Value) {
		after.Preferred, after.Lent = false, nil
	}
	return after, personaFieldErr(field, after)
}

// setImported sets the fields a line states on p.
func setImported(p *domain.Persona, c Caller, now time.Time, user domain.Profile, in ImportPersona, def domain.Definition) {
	if in.Preferred != nil {
		p.Preferred = *in.Preferred
	}
	if in.Entitlements != nil {
		// Only what the definition does not grant is the persona's own.
		var own []string
		for _, e := range domain.SortedSet(*in.Entitlements) {
			if !slices.Contains(def.Entitlements, e) {
				own = append(own, e)
			}
		}
		p.ExtraEntitlements = own
	}
	PersonaPatch{Email: in.Email, ValidFrom: in.ValidFrom, ValidUntil: in.ValidUntil, Attributes: in.Attributes}.
		applyTo(apierr.FieldErrors{}, p)
	if p.Email == "" {
		p.Email = user.Email
	}
	if st := in.Status; st != nil && st.Value != p.Status.Value {
		p.Status = domain.PersonaStatus{Value: st.Value, ChangedAt: now, ChangedBy: c.Actor()}
		if st.ChangedAt != nil {
			p.Status.ChangedAt = *st.ChangedAt
		}
		if st.ChangedBy != nil {
			p.Status.ChangedBy = *st.ChangedBy
		}
	}
}

func personaFieldErr(field string, p domain.Persona) error {
	f := apierr.FieldErrors{}
	checkPersona(f, p)
	if len(f) == 0 {
		return nil
	}
	out := apierr.FieldErrors{}
	for k, v := range f {
		out.Add(field+"."+k, v)
	}
	return out.Err()
}

// resolvePreferred settles the user's preferred persona: the one the line
// marks preferred, else the one before unless the line un-prefers or ends
// it. A persona that becomes preferred must be active, as through PUT
// /me/preferred-persona.
func resolvePreferred(w *store.UserWrite, explicit, field string, now time.Time) error {
	next := explicit
	if next == "" && w.PreferredID != "" {
		next = w.PreferredID
		for _, c := range w.Changed {
			if c.After.ID == next && !c.After.Preferred {
				next = ""
			}
		}
	}
	for i := range w.Created {
		w.Created[i].Preferred = w.Created[i].ID == next
		if w.Created[i].ID == next && next != w.PreferredID && !w.Created[i].IsActive(now) {
			return apierr.InvalidField(field+".preferred", "only an active persona can be preferred")
		}
	}
	for i := range w.Changed {
		a := &w.Changed[i].After
		a.Preferred = a.ID == next
		if a.ID == next && next != w.PreferredID && !a.IsActive(now) {
			return apierr.InvalidField(field+".preferred", "only an active persona can be preferred")
		}
	}
	// A stored persona that becomes preferred changes (its flag), so it is
	// among the changed ones above: no third case.
	w.PreferredID = next
	return nil
}

// liveGain is how many live personas the write adds (for the cap).
func liveGain(w store.UserWrite) int {
	n := 0
	for _, p := range w.Created {
		if !domain.TerminalStatus(p.Status.Value) {
			n++
		}
	}
	return n
}

// importAudit is the line's one audit record: the user and the personas it
// touched, before and after.
func (s *Service) importAudit(c Caller, now time.Time, w store.UserWrite) domain.AuditRecord {
	type side struct {
		Profile  *domain.Profile  `json:"profile"`
		Personas []domain.Persona `json:"personas"`
	}
	before, after := side{Personas: []domain.Persona{}}, side{Profile: &w.Profile, Personas: []domain.Persona{}}
	if w.Before != nil {
		before.Profile = &w.Before.Profile
	}
	for _, ch := range w.Changed {
		before.Personas = append(before.Personas, ch.Before)
		after.Personas = append(after.Personas, ch.After)
	}
	after.Personas = append(after.Personas, w.Created...)
	before.Personas, after.Personas = s.derive(c, before.Personas), s.derive(c, after.Personas)
	return domain.NewAudit(now, c.Actor(), "user.imported", profileTarget(w.Profile), before, after)
}

func sameProfile(a, b domain.Profile) bool {
	return a.Email == b.Email && a.GivenName == b.GivenName && a.FamilyName == b.FamilyName &&
		a.DisplayName == b.DisplayName && a.Phone == b.Phone && a.Locale == b.Locale && a.Timezone == b.Timezone &&
		a.Status == b.Status && sameJSON(a.Attributes, b.Attributes)
}

func samePersona(a, b domain.Persona) bool {
	return a.Preferred == b.Preferred && slices.Equal(domain.SortedSet(a.ExtraEntitlements), domain.SortedSet(b.ExtraEntitlements)) &&
		a.Email == b.Email && a.ValidFrom.Equal(b.ValidFrom) && sameTime(a.ValidUntil, b.ValidUntil) &&
		a.Status.Value == b.Status.Value && a.Status.ChangedAt.Equal(b.Status.ChangedAt) &&
		a.Status.ChangedBy == b.Status.ChangedBy && sameJSON(a.Attributes, b.Attributes)
}

func sameTime(a, b *time.Time) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Equal(*b)
}

// sameJSON compares attribute maps as JSON (numbers read back from the
// table and from a file compare alike; nil and empty are the same).
func sameJSON(a, b map[string]any) bool {
	if len(a) == 0 && len(b) == 0 {
		return true
	}
	ja, errA := json.Marshal(a)
	jb, errB := json.Marshal(b)
	return errA == nil && errB == nil && string(ja) == string(jb)
}
