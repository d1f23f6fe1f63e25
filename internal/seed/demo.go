// Package seed fills a tenant with demo data for the local server: persona
// definitions, applications and users modelled on the product guide (Alice
// Purple, staff member and customer, and her company's signatory, a mandate
// whose use demands a recent sign-in; a delegated admin; a user with no
// persona).
package seed

import (
	"context"
	"fmt"

	"github.com/personaportal/portal/internal/auth"
	"github.com/personaportal/portal/internal/domain"
	"github.com/personaportal/portal/internal/portal"
	"github.com/personaportal/portal/internal/store"
)

// DemoTenant is the tenant the demo data lives in.
const DemoTenant = "demo"

// Demo users' e-mails (log in with POST /dev/login).
const (
	// Alice: staff (dept:engineering), customer (company:acme, preferred)
	// and signatory (company:acme, demands step-up).
	Alice = "alice@acme.test"
	Bob   = "bob@acme.test" // delegated admin: customer-admin over company:acme and company:globex
	Carol = "carol@globex.test"
	// Admin is not seeded: a tenant admin is whoever the token says is one
	// (the groups claim), so it exists as soon as it signs in as admin.
	Admin = "admin@demo.test"
)

// Demo seeds the demo tenant unless it already has a configuration. It
// goes through the portal service, so seeded data obeys every rule and is
// audited (actor system:seed).
func Demo(ctx context.Context, svc *portal.Service, st *store.Store, baseURL string) (bool, error) {
	cfg, err := st.GetTenant(ctx, DemoTenant)
	if err != nil || cfg.Version > 0 {
		return false, err
	}
	c := portal.Caller{Identity: auth.Identity{Tenant: DemoTenant, TenantAdmin: true}, UserID: "system:seed", Config: cfg}
	refresh := func() error {
		c.Config, err = st.GetTenant(ctx, DemoTenant)
		return err
	}
	settings := domain.DefaultSettings()
	settings.PersonaDelegationEnabled = true
	settings.PortalBaseURL = baseURL
	if _, err := svc.PutSettings(ctx, c, settings); err != nil {
		return false, fmt.Errorf("seed settings: %w", err)
	}
	for _, d := range demoDefinitions() {
		if err := refresh(); err != nil {
			return false, err
		}
		if _, err := svc.CreateDefinition(ctx, c, d); err != nil {
			return false, fmt.Errorf("seed definition %s: %w", d.Type, err)
		}
	}
	if err := refresh(); err != nil {
		return false, err
	}
	for _, a := range demoApplications() {
		if _, err := svc.CreateApplication(ctx, c, a); err != nil {
			return false, fmt.Errorf("seed application %s: %w", a.Name, err)
		}
	}
	users := map[string]string{}
	for _, u := range []struct{ email, given, family string }{
		{Alice, "Alice", "Purple"}, {Bob, "Bob", "Green"}, {Carol, "Carol", "White"},
	} {
		given, family := u.given, u.family
		p, err := svc.CreateUser(ctx, c, portal.NewUser{Email: u.email,
			Patch: portal.ProfilePatch{GivenName: &given, FamilyName: &family}})
		if err != nil {
			return false, fmt.Errorf("seed user %s: %w", u.email, err)
		}
		users[u.email] = p.ID
	}
	for _, a := range []struct {
		email string
		in    portal.NewPersona
	}{
		{Alice, portal.NewPersona{Type: "staff", Scope: []string{"dept:engineering"}}},
		{Alice, portal.NewPersona{Type: "customer", Scope: []string{"company:acme"}, Preferred: true}},
		{Alice, portal.NewPersona{Type: "signatory", Scope: []string{"company:acme"}}},
		{Bob, portal.NewPersona{Type: "customer-admin", Scope: []string{"company:acme", "company:globex"}}},
	} {
		if _, err := svc.AddPersona(ctx, c, users[a.email], a.in); err != nil {
			return false, fmt.Errorf("seed persona %s for %s: %w", a.in.Type, a.email, err)
		}
	}
	return true, nil
}

func demoDefinitions() []domain.Definition {
	return []domain.Definition{
		{Type: "staff", DisplayName: "Staff member", Description: "An employee of the company.",
			ScopeValues: []string{"dept:engineering", "dept:sales", "dept:support"}, Entitlements: []string{"intranet:access"},
			Delegable: true},
		{Type: "customer", DisplayName: "Customer", Description: "Buys on behalf of a customer company.",
			ScopeValues: []string{"company:acme", "company:globex", "company:initech"}, Entitlements: []string{"orders:read", "orders:write"}},
		{Type: "customer-admin", DisplayName: "Customer administrator",
			Description: "Delegated admin: manages the customer personas of the companies in scope.",
			ScopeValues: []string{"company:acme", "company:globex", "company:initech"}, Entitlements: []string{"customers:manage"},
			Manages: []string{"customer"}, StepUpRequired: true},
		// The guide's "the authorization policy may specify whether switching
		// from one persona to another requires additional authentication": a
		// mandate to commit the company, so using it asks for a recent sign-in.
		{Type: "signatory", DisplayName: "Authorised signatory",
			Description: "Signs orders and contracts on behalf of the customer company.",
			ScopeValues: []string{"company:acme", "company:globex", "company:initech"}, Entitlements: []string{"orders:sign"},
			StepUpRequired: true},
	}
}

func demoApplications() []domain.Application {
	return []domain.Application{
		{Name: "Order Desk", Description: "Place and follow orders.", URL: "https://orders.demo.test",
			PersonaTypes: []string{"customer"}},
		{Name: "Intranet", Description: "News, people and tools for staff.", URL: "https://intranet.demo.test",
			PersonaTypes: []string{"staff"}},
		{Name: "Partner Console", Description: "Manage your company's customer accounts.", URL: "https://partners.demo.test",
			EntitlementsAny: []string{"customers:manage"}},
	}
}
