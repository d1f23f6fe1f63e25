package auth

import (
	"context"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/awslabs/aws-lambda-go-api-proxy/httpadapter"
)

func TestClaimsInTheAuthorizersStringFormAreParsed(t *testing.T) {
	// The HTTP API JWT authorizer hands every claim over as a string.
	id, err := FromClaims(map[string]any{
		"sub": "abc", "email": "Alice@Acme.test", "email_verified": "true", "auth_time": "1763805600",
		"tenant": "demo", "groups": "[portal-admin auditors]", "sid": "s1", "exp": "1763809200",
	}, Config{})
	if err != nil {
		t.Fatal(err)
	}
	if !id.EmailVerified || id.Email != "alice@acme.test" || !id.TenantAdmin || id.Session != "abc|s1" ||
		!id.AuthTime.Equal(time.Unix(1763805600, 0)) || !slices.Equal(id.Groups, []string{"portal-admin", "auditors"}) ||
		id.Expires.IsZero() {
		t.Fatalf("%+v", id)
	}
}

func TestClaimsAsJSONValuesAreParsed(t *testing.T) {
	id, err := FromClaims(map[string]any{"sub": "abc", "email_verified": true, "auth_time": float64(1763805600),
		"org": "t-1", "roles": []any{"admins"}, "jti": "j"}, Config{TenantClaim: "org", GroupsClaim: "roles", AdminGroup: "admins"})
	if err != nil {
		t.Fatal(err)
	}
	if id.Tenant != "t-1" || !id.TenantAdmin || !id.EmailVerified || id.Session != "abc|j" {
		t.Fatalf("%+v", id)
	}
}

func TestGroupClaimForms(t *testing.T) {
	for in, want := range map[string][]string{
		"[a b]":       {"a", "b"},
		"[]":          nil,
		`["a","b c"]`: {"a", "b c"},
		"single":      {"single"},
		"[a,b]":       {"a", "b"},
	} {
		if got := claimList(in); !slices.Equal(got, want) {
			t.Errorf("%q: %q, want %q", in, got, want)
		}
	}
}

func TestIdentityNeedsASubjectAndAValidTenant(t *testing.T) {
	for name, claims := range map[string]map[string]any{
		"no sub":          {"tenant": "demo"},
		"no tenant":       {"sub": "x"},
		"tenant with key": {"sub": "x", "tenant": "demo#U#1"},
		"tenant too long": {"sub": "x", "tenant": string(make([]byte, 80))},
	} {
		if _, err := FromClaims(claims, Config{}); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	id, _ := FromClaims(map[string]any{"sub": "x", "tenant": "demo", "groups": "[users]"}, Config{})
	if id.TenantAdmin || id.Session != "x" {
		t.Fatalf("%+v", id)
	}
}

func TestAPIGatewayReadsClaimsFromTheProxyContext(t *testing.T) {
	req := httptest.NewRequest("GET", "/me", nil)
	if _, err := (APIGateway{}).Authenticate(req); err == nil {
		t.Fatal("a request without authorizer claims was accepted")
	}
	// Through the real adapter, as in Lambda.
	var id Identity
	var err error
	adapter := httpadapter.NewV2(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err = (APIGateway{}).Authenticate(r)
		w.WriteHeader(http.StatusNoContent)
	}))
	ev := events.APIGatewayV2HTTPRequest{RawPath: "/me", RequestContext: events.APIGatewayV2HTTPRequestContext{
		HTTP: events.APIGatewayV2HTTPRequestContextHTTPDescription{Method: "GET", Path: "/me"},
		Authorizer: &events.APIGatewayV2HTTPRequestContextAuthorizerDescription{
			JWT: &events.APIGatewayV2HTTPRequestContextAuthorizerJWTDescription{Claims: map[string]string{
				"sub": "u1", "tenant": "demo", "groups": "[portal-admin]", "email_verified": "false"}}}}}
	if _, perr := adapter.ProxyWithContext(context.Background(), ev); perr != nil {
		t.Fatal(perr)
	}
	if err != nil || id.Sub != "u1" || !id.TenantAdmin || id.EmailVerified {
		t.Fatalf("%+v %v", id, err)
	}
}
