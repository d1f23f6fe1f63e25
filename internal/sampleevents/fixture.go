// Package sampleevents holds the sample events of the Lambda functions
// (events/<operation>.json, for SAM CLI and the tests): one API Gateway v2
// event per HTTP operation, carrying JWT-authorizer claims in their real
// string form, and the fixture they are written against: a tenant
// "sample" with fixed IDs, so the events name objects that exist.
package sampleevents

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"time"

	"github.com/google/uuid"
	"github.com/personaportal/portal/internal/domain"
	"github.com/personaportal/portal/internal/store"
)

// Tenant is the sample tenant.
const Tenant = "sample"

func id(n int) string { return fmt.Sprintf("01900000-0000-7000-8000-%012d", n) }

// Fixed IDs of the fixture.
var (
	Admin, Alice, Bob, Carol            = id(1), id(2), id(3), id(4)
	AliceStaff, AliceCustomer, BobAdmin = id(11), id(12), id(13)
	App                                 = id(21)
	RequestAssign, RequestCancel        = id(31), id(32)
	RequestActivate, RequestReject      = id(33), id(34)
	Delegation                          = id(41)
	// MagicToken is the magic link of RequestAssign: the request ID and 32
	// fixed bytes (a real token has 32 random ones).
	MagicToken = magicToken(RequestAssign)
)

func magicToken(requestID string) string {
	b := make([]byte, 48)
	u := uuid.MustParse(requestID)
	copy(b, u[:])
	for i := 16; i < 48; i++ {
		b[i] = 0x42
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// Fixture writes the sample tenant through the store: settings, three
// persona definitions (and an unused one), four users with their identity
// links, personas, an application, pending requests and a delegation.
func Fixture(ctx context.Context, st *store.Store, now time.Time) error {
	now = now.UTC().Truncate(time.Second)
	rec := func(action string) domain.AuditRecord {
		return domain.NewAudit(now, "system:fixture", action, domain.Target{Kind: "fixture", ID: action}, nil, nil)
	}
	cfg, err := st.GetTenant(ctx, Tenant)
	if err != nil {
		return err
	}
	settings := domain.DefaultSettings()
	settings.PersonaDelegationEnabled = true
	settings.PortalBaseURL = "https://portal.sample.test"
	if err := st.PutSettings(ctx, Tenant, cfg, settings, rec("settings")); err != nil {
		return err
	}
	defs := []domain.Definition{
		{Type: "staff", DisplayName: "Staff member", ScopeValues: []string{"dept:sales"}, Entitlements: []string{"intranet:access"}, Delegable: true},
		{Type: "customer", DisplayName: "Customer", ScopeValues: []string{"company:acme", "company:globex"}, Entitlements: []string{"orders:read"}},
		{Type: "customer-admin", DisplayName: "Customer administrator", ScopeValues: []string{"company:acme", "company:globex"},
			Manages: []string{"customer"}},
		{Type: "retired", DisplayName: "Retired type"},
	}
	for _, d := range defs {
		d.Normalize()
		d.CreatedAt, d.UpdatedAt = now, now
		if cfg, err = st.GetTenant(ctx, Tenant); err != nil {
			return err
		}
		if err := st.CreateDefinition(ctx, Tenant, cfg, d, rec("definition")); err != nil {
			return err
		}
	}
	users := map[string]domain.Profile{}
	for _, u := range []struct{ id, email, given, family string }{
		{Admin, "admin@sample.test", "Ada", "Admin"}, {Alice, "alice@sample.test", "Alice", "Purple"},
		{Bob, "bob@sample.test", "Bob", "Green"}, {Carol, "carol@sample.test", "Carol", "White"},
	} {
		p := domain.Profile{Tenant: Tenant, ID: u.id, Email: u.email, GivenName: u.given, FamilyName: u.family,
			Attributes: map[string]any{}, Status: domain.ProfileActive, CreatedAt: now, UpdatedAt: now}
		if err := st.CreateProfile(ctx, p, Subject(u.id), rec("profile")); err != nil {
			return err
		}
		users[u.id] = p
	}
	cfg, err = st.GetTenant(ctx, Tenant)
	if err != nil {
		return err
	}
	personas := []domain.Persona{
		{ID: AliceStaff, UserID: Alice, Type: "staff", Scope: []string{"dept:sales"}},
		{ID: AliceCustomer, UserID: Alice, Type: "customer", Scope: []string{"company:acme"}},
		{ID: BobAdmin, UserID: Bob, Type: "customer-admin", Scope: []string{"company:acme", "company:globex"}},
	}
	for _, p := range personas {
		p.Tenant, p.Email, p.ValidFrom, p.CreatedAt, p.UpdatedAt = Tenant, users[p.UserID].Email, now, now, now
		p.Attributes = map[string]any{}
		p.Status = domain.PersonaStatus{Value: domain.StatusAccepted, ChangedAt: now, ChangedBy: "system:fixture"}
		if err := st.CreatePersona(ctx, p, "", rec("persona")); err != nil {
			return err
		}
	}
	app := domain.Application{ID: App, Name: "Order Desk", URL: "https://orders.sample.test", PersonaTypes: []string{"customer"},
		CreatedAt: now, UpdatedAt: now}
	if err := st.PutApplication(ctx, Tenant, app, 0, rec("application")); err != nil {
		return err
	}
	customer := domain.RequestPersona{Type: "customer", DisplayName: "Customer", Scope: []string{"company:globex"}, Attributes: map[string]any{}}
	for _, r := range []domain.Request{
		{ID: RequestAssign, Kind: domain.KindAssignPersona, Initiator: users[Bob].Summary(), Assignee: users[Carol].Summary(), Subject: users[Carol].Summary()},
		{ID: RequestCancel, Kind: domain.KindAssignPersona, Initiator: users[Bob].Summary(), Assignee: users[Carol].Summary(), Subject: users[Carol].Summary()},
		{ID: RequestReject, Kind: domain.KindAssignPersona, Initiator: users[Bob].Summary(), Assignee: users[Carol].Summary(), Subject: users[Carol].Summary()},
		{ID: RequestActivate, Kind: domain.KindActivatePersona, Initiator: users[Carol].Summary(), Assignee: users[Bob].Summary(), Subject: users[Carol].Summary()},
	} {
		r.Tenant, r.Status, r.Persona, r.CreatedAt, r.ExpiresAt = Tenant, domain.RequestPending, customer, now, now.Add(14*24*time.Hour)
		r.Title = domain.RequestTitle(r.Kind, "Customer", customer.Scope, "Carol White")
		if r.ID == RequestAssign {
			h := sha256.Sum256([]byte(MagicToken))
			until := now.Add(7 * 24 * time.Hour)
			r.MagicHash, r.MagicExpiresAt = hex.EncodeToString(h[:]), &until
		}
		if err := st.CreateRequest(ctx, r, rec("request")); err != nil {
			return err
		}
	}
	staff, err := st.GetPersona(ctx, Tenant, Alice, AliceStaff)
	if err != nil {
		return err
	}
	staff.Derive(cfg.Definitions, now)
	d := domain.PersonaDelegation{Tenant: Tenant, ID: Delegation, PersonaID: AliceStaff, PersonaType: "staff",
		FromUser: users[Alice].Summary(), ToUser: users[Carol].Summary(), ValidFrom: now, ValidUntil: now.Add(7 * 24 * time.Hour),
		Status: domain.DelegationActive, CreatedAt: now, Persona: staff}
	return st.CreateDelegation(ctx, d, staff, rec("delegation"))
}

// Subject is the token subject of a fixture user.
func Subject(userID string) string { return "sample|" + userID }
