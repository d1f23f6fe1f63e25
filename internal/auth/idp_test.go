package auth

import (
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/awslabs/aws-lambda-go-api-proxy/httpadapter"
)

// idpSample is one identity provider's token as the HTTP API JWT
// authorizer hands its claims to a function, with the claim configuration
// docs/deploy.md gives for that provider and the caller it must become.
type idpSample struct {
	IdP    string `json:"idp"`
	Config struct {
		TenantClaim string `json:"tenant_claim"`
		GroupsClaim string `json:"groups_claim"`
		AdminGroup  string `json:"admin_group"`
	} `json:"config"`
	Claims map[string]string `json:"claims"`
	Want   struct {
		Tenant        string   `json:"tenant"`
		Sub           string   `json:"sub"`
		Email         string   `json:"email"`
		EmailVerified bool     `json:"email_verified"`
		Groups        []string `json:"groups"`
		TenantAdmin   bool     `json:"tenant_admin"`
		AuthTime      int64    `json:"auth_time"` // 0: the token does not say
		Session       string   `json:"session"`
	} `json:"want"`
}

func idpSamples(t *testing.T) map[string]idpSample {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "idp", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no samples in testdata/idp: %v", err)
	}
	out := map[string]idpSample{}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var s idpSample
		dec := json.NewDecoder(strings.NewReader(string(raw)))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&s); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		out[filepath.Base(f)] = s
	}
	return out
}

// authenticateThroughTheAdapter passes claims through the Lambda proxy
// adapter exactly as a function receives them, and authenticates.
func authenticateThroughTheAdapter(t *testing.T, claims map[string]string, cfg Config) (Identity, error) {
	t.Helper()
	var id Identity
	var err error
	adapter := httpadapter.NewV2(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err = (APIGateway{Config: cfg}).Authenticate(r)
		w.WriteHeader(http.StatusNoContent)
	}))
	ev := events.APIGatewayV2HTTPRequest{RawPath: "/me", RequestContext: events.APIGatewayV2HTTPRequestContext{
		HTTP: events.APIGatewayV2HTTPRequestContextHTTPDescription{Method: "GET", Path: "/me"},
		Authorizer: &events.APIGatewayV2HTTPRequestContextAuthorizerDescription{
			JWT: &events.APIGatewayV2HTTPRequestContextAuthorizerJWTDescription{Claims: claims}}}}
	if _, perr := adapter.ProxyWithContext(context.Background(), ev); perr != nil {
		t.Fatal(perr)
	}
	return id, err
}

// TestEachIdentityProvidersTokenBecomesTheRightCaller runs the tested
// identity-provider setups of docs/deploy.md (Cognito, Entra ID, Okta,
// Keycloak): each sample's claims, in the string form of the HTTP API JWT
// authorizer, with that provider's claim configuration.
func TestEachIdentityProvidersTokenBecomesTheRightCaller(t *testing.T) {
	for name, s := range idpSamples(t) {
		t.Run(name, func(t *testing.T) {
			cfg := Config{TenantClaim: s.Config.TenantClaim, GroupsClaim: s.Config.GroupsClaim, AdminGroup: s.Config.AdminGroup}
			id, err := authenticateThroughTheAdapter(t, s.Claims, cfg)
			if err != nil {
				t.Fatalf("%s: %v", s.IdP, err)
			}
			w := s.Want
			var authTime time.Time
			if w.AuthTime != 0 {
				authTime = time.Unix(w.AuthTime, 0).UTC()
			}
			if id.Tenant != w.Tenant || id.Sub != w.Sub || id.Email != w.Email || id.EmailVerified != w.EmailVerified ||
				!slices.Equal(id.Groups, w.Groups) || id.TenantAdmin != w.TenantAdmin || !id.AuthTime.Equal(authTime) ||
				id.Session != w.Session {
				t.Fatalf("%s:\n got %+v\nwant %+v", s.IdP, id, w)
			}
		})
	}
}

// TestKeycloakGroupPaths: a group membership mapper with "full group path"
// on (Keycloak's default) names groups /portal-admin; that top-level group
// is the admin group, a subgroup of the same name elsewhere is not.
func TestKeycloakGroupPaths(t *testing.T) {
	for groups, admin := range map[string]bool{
		"[/portal-admin]":             true,
		"[portal-admin]":              true,
		"[/acme/portal-admin]":        false,
		"[/portal-admin/acme]":        false,
		"[/portal-admins]":            false,
		"[//portal-admin]":            false,
		"[/acme/sales /portal-admin]": true,
	} {
		id, err := FromClaims(map[string]any{"sub": "s", "tenant": "acme", "groups": groups}, Config{})
		if err != nil || id.TenantAdmin != admin {
			t.Errorf("groups %s: tenant admin %v, want %v (%v)", groups, id.TenantAdmin, admin, err)
		}
	}
	// An admin group configured as a path matches that path only.
	id, _ := FromClaims(map[string]any{"sub": "s", "tenant": "acme", "groups": "[/acme/portal-admin]"},
		Config{AdminGroup: "/acme/portal-admin"})
	if !id.TenantAdmin {
		t.Error("ADMIN_GROUP=/acme/portal-admin does not match the group /acme/portal-admin")
	}
}

// TestTheDeployGuideShowsEverySample keeps docs/deploy.md and the samples
// together.
func TestTheDeployGuideShowsEverySample(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("..", "..", "docs", "deploy.md"))
	if err != nil {
		t.Fatal(err)
	}
	for name, s := range idpSamples(t) {
		if !strings.Contains(string(raw), "internal/auth/testdata/idp/"+name) {
			t.Errorf("docs/deploy.md does not reference the %s sample (%s)", name, s.IdP)
		}
		for _, v := range []string{s.Config.TenantClaim, s.Config.GroupsClaim, s.Config.AdminGroup} {
			if !strings.Contains(string(raw), v) {
				t.Errorf("docs/deploy.md does not give the %s setting %q", name, v)
			}
		}
	}
}
