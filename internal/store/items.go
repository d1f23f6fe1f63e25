package store

import (
	"encoding/json"
	"time"

	"github.com/personaportal/portal/internal/domain"
)

// Item types: how each object is laid out in the table. They are kept apart
// from the domain types so keys and index attributes never reach the API.

type profileItem struct {
	PK          string         `dynamodbav:"pk"`
	SK          string         `dynamodbav:"sk"`
	GSI1PK      string         `dynamodbav:"gsi1pk"`
	GSI1SK      string         `dynamodbav:"gsi1sk"`
	Kind        string         `dynamodbav:"kind"`
	ID          string         `dynamodbav:"id"`
	Email       string         `dynamodbav:"email"`
	GivenName   string         `dynamodbav:"given_name"`
	FamilyName  string         `dynamodbav:"family_name"`
	DisplayName string         `dynamodbav:"display_name"`
	Phone       string         `dynamodbav:"phone"`
	Locale      string         `dynamodbav:"locale"`
	Timezone    string         `dynamodbav:"timezone"`
	Attributes  map[string]any `dynamodbav:"attributes"`
	Status      string         `dynamodbav:"status"`
	Subs        []string       `dynamodbav:"subs"`
	// Search is the lower-cased name and e-mail that ?q= matches.
	Search string `dynamodbav:"search"`
	// AttrSearch is what ?attribute= matches (see attrSearch).
	AttrSearch string `dynamodbav:"attr_search"`
	// Preferred is the serialisation point of "at most one preferred
	// persona": every change of it is conditional on its previous value.
	Preferred    string    `dynamodbav:"preferred_persona_id"`
	LivePersonas int       `dynamodbav:"live_personas"`
	CreatedAt    time.Time `dynamodbav:"created_at"`
	UpdatedAt    time.Time `dynamodbav:"updated_at"`
	Version      int64     `dynamodbav:"version"`
}

func profileToItem(p domain.Profile, preferred string, live int) profileItem {
	return profileItem{
		PK: userPK(p.Tenant, p.ID), SK: skProfile, GSI1PK: usersGSI(p.Tenant), GSI1SK: p.Email + "#" + p.ID,
		Kind: "profile", ID: p.ID, Email: p.Email, GivenName: p.GivenName, FamilyName: p.FamilyName,
		DisplayName: p.DisplayName, Phone: p.Phone, Locale: p.Locale, Timezone: p.Timezone,
		Attributes: storedAttrs(p.Attributes), Status: p.Status, Subs: p.Subs, Search: profileSearch(p),
		AttrSearch: attrSearch(p.Attributes), Preferred: preferred, LivePersonas: live, CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt, Version: p.Version,
	}
}

func (it profileItem) domain(tenant string) domain.Profile {
	attrs := loadedAttrs(it.Attributes)
	if attrs == nil {
		attrs = map[string]any{}
	}
	return domain.Profile{Tenant: tenant, ID: it.ID, Email: it.Email, GivenName: it.GivenName,
		FamilyName: it.FamilyName, DisplayName: it.DisplayName, Phone: it.Phone, Locale: it.Locale,
		Timezone: it.Timezone, Attributes: attrs, Status: it.Status, Subs: it.Subs,
		CreatedAt: it.CreatedAt, UpdatedAt: it.UpdatedAt, Version: it.Version}
}

type personaItem struct {
	PK              string         `dynamodbav:"pk"`
	SK              string         `dynamodbav:"sk"`
	GSI1PK          string         `dynamodbav:"gsi1pk"`
	GSI1SK          string         `dynamodbav:"gsi1sk"`
	GSI2PK          string         `dynamodbav:"gsi2pk"`
	GSI2SK          string         `dynamodbav:"gsi2sk"`
	GSI3PK          string         `dynamodbav:"gsi3pk,omitempty"`
	GSI3SK          string         `dynamodbav:"gsi3sk,omitempty"`
	GSI4PK          string         `dynamodbav:"gsi4pk"`
	GSI4SK          string         `dynamodbav:"gsi4sk"`
	Kind            string         `dynamodbav:"kind"`
	ID              string         `dynamodbav:"id"`
	UserID          string         `dynamodbav:"user_id"`
	Type            string         `dynamodbav:"type"`
	Scope           []string       `dynamodbav:"scope"`
	Preferred       bool           `dynamodbav:"preferred"`
	ExtraEnts       []string       `dynamodbav:"extra_entitlements"`
	Email           string         `dynamodbav:"email"`
	ValidFrom       time.Time      `dynamodbav:"valid_from"`
	ValidUntil      *time.Time     `dynamodbav:"valid_until"`
	Status          string         `dynamodbav:"status"`
	StatusChangedAt time.Time      `dynamodbav:"status_changed_at"`
	StatusChangedBy string         `dynamodbav:"status_changed_by"`
	Attributes      map[string]any `dynamodbav:"attributes"`
	// Lent maps the persona's open delegations to their recipients.
	Lent      map[string]string `dynamodbav:"lent"`
	CreatedAt time.Time         `dynamodbav:"created_at"`
	UpdatedAt time.Time         `dynamodbav:"updated_at"`
	Version   int64             `dynamodbav:"version"`
}

func personaToItem(p domain.Persona) personaItem {
	it := personaItem{
		PK: userPK(p.Tenant, p.UserID), SK: prePersona + p.ID,
		GSI1PK: typeGSI(p.Tenant, p.Type), GSI1SK: p.ID, GSI2PK: personasGSI(p.Tenant), GSI2SK: p.ID,
		Kind: "persona", ID: p.ID, UserID: p.UserID, Type: p.Type, Scope: p.Scope, Preferred: p.Preferred,
		ExtraEnts: p.ExtraEntitlements, Email: p.Email, ValidFrom: p.ValidFrom, ValidUntil: p.ValidUntil,
		Status: p.Status.Value, StatusChangedAt: p.Status.ChangedAt, StatusChangedBy: p.Status.ChangedBy,
		Attributes: storedAttrs(p.Attributes), Lent: p.Lent, CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt, Version: p.Version,
	}
	// Live personas with an end date wait in the expiry index.
	var until time.Time
	if p.ValidUntil != nil {
		until = *p.ValidUntil
	}
	it.GSI4PK, it.GSI4SK = expiryKeys(p.ValidUntil != nil && live(p.Status.Value), until, ExpirePersona, p.Tenant, p.UserID+"#"+p.ID)
	// Only accepted personas are in the scope index (sparse): it answers
	// "which users hold a persona within this scope".
	if p.Status.Value == domain.StatusAccepted {
		first := "~"
		if len(p.Scope) > 0 {
			first = domain.SortedSet(p.Scope)[0]
		}
		it.GSI3PK, it.GSI3SK = scopedGSI(p.Tenant, p.Type, first), p.UserID+"#"+p.ID
	}
	return it
}

func (it personaItem) domain(tenant string) domain.Persona {
	return domain.Persona{Tenant: tenant, ID: it.ID, UserID: it.UserID, Type: it.Type,
		Scope: domain.SortedSet(it.Scope), Preferred: it.Preferred, ExtraEntitlements: it.ExtraEnts,
		Email: it.Email, ValidFrom: it.ValidFrom, ValidUntil: it.ValidUntil,
		Status:     domain.PersonaStatus{Value: it.Status, ChangedAt: it.StatusChangedAt, ChangedBy: it.StatusChangedBy},
		Attributes: loadedAttrs(it.Attributes), Lent: it.Lent, CreatedAt: it.CreatedAt, UpdatedAt: it.UpdatedAt, Version: it.Version}
}

type definitionItem struct {
	PK             string   `dynamodbav:"pk"`
	SK             string   `dynamodbav:"sk"`
	Kind           string   `dynamodbav:"kind"`
	Type           string   `dynamodbav:"type"`
	DisplayName    string   `dynamodbav:"display_name"`
	Description    string   `dynamodbav:"description"`
	ScopeValues    []string `dynamodbav:"scope_values"`
	Entitlements   []string `dynamodbav:"entitlements"`
	Manages        []string `dynamodbav:"manages"`
	Delegable      bool     `dynamodbav:"delegable"`
	StepUpRequired bool     `dynamodbav:"step_up_required"`
	// LivePersonas counts pending and accepted personas of the type, so a
	// delete can be refused atomically while any exist.
	LivePersonas int       `dynamodbav:"live_personas"`
	CreatedAt    time.Time `dynamodbav:"created_at"`
	UpdatedAt    time.Time `dynamodbav:"updated_at"`
	Version      int64     `dynamodbav:"version"`
}

func definitionToItem(tenant string, d domain.Definition, live int) definitionItem {
	return definitionItem{PK: tenantPK(tenant), SK: preDef + d.Type, Kind: "definition", Type: d.Type,
		DisplayName: d.DisplayName, Description: d.Description, ScopeValues: d.ScopeValues,
		Entitlements: d.Entitlements, Manages: d.Manages, Delegable: d.Delegable,
		StepUpRequired: d.StepUpRequired, LivePersonas: live, CreatedAt: d.CreatedAt, UpdatedAt: d.UpdatedAt,
		Version: d.Version}
}

func (it definitionItem) domain() domain.Definition {
	d := domain.Definition{Type: it.Type, DisplayName: it.DisplayName, Description: it.Description,
		ScopeValues: it.ScopeValues, Entitlements: it.Entitlements, Manages: it.Manages,
		Delegable: it.Delegable, StepUpRequired: it.StepUpRequired, CreatedAt: it.CreatedAt,
		UpdatedAt: it.UpdatedAt, Version: it.Version}
	d.Normalize()
	return d
}

type applicationItem struct {
	PK              string    `dynamodbav:"pk"`
	SK              string    `dynamodbav:"sk"`
	Kind            string    `dynamodbav:"kind"`
	ID              string    `dynamodbav:"id"`
	Name            string    `dynamodbav:"name"`
	Description     string    `dynamodbav:"description"`
	URL             string    `dynamodbav:"url"`
	IconURL         string    `dynamodbav:"icon_url"`
	PersonaTypes    []string  `dynamodbav:"persona_types"`
	EntitlementsAny []string  `dynamodbav:"entitlements_any"`
	CreatedAt       time.Time `dynamodbav:"created_at"`
	UpdatedAt       time.Time `dynamodbav:"updated_at"`
	Version         int64     `dynamodbav:"version"`
}

func applicationToItem(tenant string, a domain.Application) applicationItem {
	return applicationItem{PK: tenantPK(tenant), SK: preApp + a.ID, Kind: "application", ID: a.ID,
		Name: a.Name, Description: a.Description, URL: a.URL, IconURL: a.IconURL,
		PersonaTypes: a.PersonaTypes, EntitlementsAny: a.EntitlementsAny, CreatedAt: a.CreatedAt,
		UpdatedAt: a.UpdatedAt, Version: a.Version}
}

func (it applicationItem) domain() domain.Application {
	return domain.Application{ID: it.ID, Name: it.Name, Description: it.Description, URL: it.URL,
		IconURL: it.IconURL, PersonaTypes: domain.SortedSet(it.PersonaTypes),
		EntitlementsAny: domain.SortedSet(it.EntitlementsAny), CreatedAt: it.CreatedAt,
		UpdatedAt: it.UpdatedAt, Version: it.Version}
}

// tenantItem holds a tenant's settings and a digest of every persona
// definition (all but the scope catalogue and description). Authentication
// reads it with the caller's identity link in one round trip, so every
// request knows the settings and what each persona type grants without
// further reads. Every definition write updates it in the same transaction.
type tenantItem struct {
	PK       string               `dynamodbav:"pk"`
	SK       string               `dynamodbav:"sk"`
	Kind     string               `dynamodbav:"kind"`
	Settings domain.Settings      `dynamodbav:"settings"`
	Defs     map[string]defDigest `dynamodbav:"defs"`
	Version  int64                `dynamodbav:"version"`
}

type defDigest struct {
	DisplayName    string   `dynamodbav:"display_name"`
	Entitlements   []string `dynamodbav:"entitlements"`
	Manages        []string `dynamodbav:"manages"`
	Delegable      bool     `dynamodbav:"delegable"`
	StepUpRequired bool     `dynamodbav:"step_up_required"`
}

func digestOf(d domain.Definition) defDigest {
	return defDigest{DisplayName: d.DisplayName, Entitlements: d.Entitlements, Manages: d.Manages,
		Delegable: d.Delegable, StepUpRequired: d.StepUpRequired}
}

// auditItem stores before/after as JSON text: they are only ever shown,
// never queried, and text keeps any shape intact.
type auditItem struct {
	PK     string    `dynamodbav:"pk"`
	SK     string    `dynamodbav:"sk"`
	GSI1PK string    `dynamodbav:"gsi1pk,omitempty"`
	GSI1SK string    `dynamodbav:"gsi1sk,omitempty"`
	Kind   string    `dynamodbav:"kind"`
	ID     string    `dynamodbav:"id"`
	At     time.Time `dynamodbav:"at"`
	Actor  string    `dynamodbav:"actor"`
	Action string    `dynamodbav:"action"`
	TKind  string    `dynamodbav:"target_kind"`
	TID    string    `dynamodbav:"target_id"`
	TUser  string    `dynamodbav:"target_user_id"`
	Before string    `dynamodbav:"before"`
	After  string    `dynamodbav:"after"`
}

// auditSK orders records by time, then by their time-ordered ID.
func auditSK(at time.Time, id string) string { return at.UTC().Format(time.RFC3339) + "#" + id }

func auditToItem(tenant string, r domain.AuditRecord) auditItem {
	it := auditItem{PK: auditPK(tenant), SK: auditSK(r.At, r.ID), Kind: "audit", ID: r.ID, At: r.At,
		Actor: r.Actor, Action: r.Action, TKind: r.Target.Kind, TID: r.Target.ID, TUser: r.Target.UserID,
		Before: string(r.Before), After: string(r.After)}
	if r.Target.UserID != "" {
		it.GSI1PK, it.GSI1SK = auditUserGSI(tenant, r.Target.UserID), it.SK
	}
	return it
}

func (it auditItem) domain() domain.AuditRecord {
	raw := func(s string) json.RawMessage {
		if s == "" {
			return json.RawMessage("null")
		}
		return json.RawMessage(s)
	}
	return domain.AuditRecord{ID: it.ID, At: it.At, Actor: it.Actor, Action: it.Action,
		Target: domain.Target{Kind: it.TKind, ID: it.TID, UserID: it.TUser},
		Before: raw(it.Before), After: raw(it.After)}
}

// linkItem maps a token subject to a profile; it carries the profile's
// status so authentication is one read.
type linkItem struct {
	PK     string `dynamodbav:"pk"`
	SK     string `dynamodbav:"sk"`
	Kind   string `dynamodbav:"kind"`
	UserID string `dynamodbav:"user_id"`
	Status string `dynamodbav:"status"`
}

// emailItem keeps e-mails unique per tenant and finds a profile by e-mail.
type emailItem struct {
	PK     string `dynamodbav:"pk"`
	SK     string `dynamodbav:"sk"`
	Kind   string `dynamodbav:"kind"`
	UserID string `dynamodbav:"user_id"`
}

// uniqItem guards type+scope uniqueness among a user's live personas.
type uniqItem struct {
	PK        string `dynamodbav:"pk"`
	SK        string `dynamodbav:"sk"`
	Kind      string `dynamodbav:"kind"`
	PersonaID string `dynamodbav:"persona_id"`
}

// sessionItem is the persona a session selected.
type sessionItem struct {
	PK        string `dynamodbav:"pk"`
	SK        string `dynamodbav:"sk"`
	Kind      string `dynamodbav:"kind"`
	UserID    string `dynamodbav:"user_id"`
	PersonaID string `dynamodbav:"persona_id"`
	TTL       int64  `dynamodbav:"ttl"`
}
