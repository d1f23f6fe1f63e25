package domain

import (
	"testing"
	"time"

	"github.com/personaportal/portal/internal/apierr"
)

func TestAPersonaIsActiveOnlyWhenAcceptedAndWithinItsValidity(t *testing.T) {
	from := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	until := from.Add(24 * time.Hour)
	p := Persona{Status: PersonaStatus{Value: StatusAccepted}, ValidFrom: from, ValidUntil: &until}
	for at, want := range map[time.Time]bool{
		from.Add(-time.Second): false, from: true, until.Add(-time.Second): true, until: false,
	} {
		if got := p.IsActive(at); got != want {
			t.Errorf("at %s: %v, want %v", at, got, want)
		}
	}
	p.ValidUntil = nil
	if !p.IsActive(from.Add(1000 * time.Hour)) {
		t.Error("an open-ended persona ended")
	}
	for _, s := range []string{StatusPending, StatusRejected, StatusRevoked, StatusExpired} {
		p.Status.Value = s
		if p.IsActive(from.Add(time.Hour)) {
			t.Errorf("a %s persona is active", s)
		}
	}
}

func TestDeriveUnitesDefinitionAndPersonaEntitlements(t *testing.T) {
	p := Persona{Type: "customer", ExtraEntitlements: []string{"b", "x"}}
	p.Derive(Definitions{"customer": {Entitlements: []string{"b", "a"}}}, time.Now())
	if len(p.Entitlements) != 3 || p.Entitlements[0] != "a" || p.Entitlements[2] != "x" {
		t.Fatalf("%v", p.Entitlements)
	}
	if p.Scope == nil || p.Attributes == nil {
		t.Fatal("nil lists would encode as null")
	}
}

func TestCheckScopeUsesTheCatalogueAndSortsTheSet(t *testing.T) {
	def := Definition{Type: "customer", ScopeValues: []string{"company:a", "company:b"}}
	f := apierr.FieldErrors{}
	if got := CheckScope(f, "scope", []string{"company:b", "company:a"}, def); len(f) != 0 || got[0] != "company:a" {
		t.Fatalf("%v %v", got, f)
	}
	for _, bad := range [][]string{{"company:c"}, {"company:a", "company:a"}} {
		f := apierr.FieldErrors{}
		CheckScope(f, "scope", bad, def)
		if f["scope"] == "" {
			t.Errorf("%v accepted", bad)
		}
	}
}

func TestApplicationsOpenByTypeOrEntitlement(t *testing.T) {
	app := Application{PersonaTypes: []string{"staff"}, EntitlementsAny: []string{"x:y"}}
	if !app.OpenedBy(Persona{Type: "staff"}) || !app.OpenedBy(Persona{Type: "other", Entitlements: []string{"x:y"}}) ||
		app.OpenedBy(Persona{Type: "other", Entitlements: []string{"z"}}) {
		t.Fatal("OpenedBy")
	}
}

func TestValidationReasons(t *testing.T) {
	d := Definition{Type: "ok-type", DisplayName: "OK", Manages: []string{"Bad"}, Entitlements: []string{"a b"}}
	err := ValidateDefinition(&d)
	e := apierr.From(err)
	fields := e.Details["fields"].(map[string]string)
	if fields["manages"] == "" || fields["entitlements"] == "" || fields["type"] != "" {
		t.Fatalf("%v", fields)
	}
	if ValidateSettings(DefaultSettings()) != nil {
		t.Fatal("the defaults are invalid")
	}
	f := apierr.FieldErrors{}
	CheckAttributes(f, "attributes", map[string]any{"ok": 1, "not ok": 2})
	if f["attributes.not ok"] == "" {
		t.Fatalf("%v", f)
	}
	if !ValidID("01a204f5-27ee-766b-8965-c03d198f1385") || ValidID("01A204F5-27EE-766B-8965-C03D198F1385") || ValidID("x") {
		t.Fatal("ValidID")
	}
}
