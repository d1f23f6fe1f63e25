package lambdaapp_test

import (
	"context"
	"encoding/json"
	"github.com/personaportal/portal/internal/lambdaapp"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/awslabs/aws-lambda-go-api-proxy/httpadapter"
	"github.com/personaportal/portal/internal/domain"
	"github.com/personaportal/portal/internal/sampleevents"
)

func TestPortalBaseURLMustBeAbsoluteHTTPS(t *testing.T) {
	for url, ok := range map[string]bool{
		"https://portal.example.com":       true,
		"https://portal.example.com/p/":    true,
		"http://127.0.0.1:8080":            true,
		"http://localhost:3000":            true,
		"http://portal.example.com":        false,
		"/magic":                           false,
		"portal.example.com":               false,
		"https://":                         false,
		"https://portal.example.com/?a=b":  false,
		"https://portal.example.com/#frag": false,
		"ftp://portal.example.com":         false,
	} {
		env := map[string]string{"TABLE_NAME": "portal", "PORTAL_BASE_URL": url}
		c, err := lambdaapp.ConfigFromEnv(func(k string) string { return env[k] })
		if (err == nil) != ok {
			t.Errorf("PORTAL_BASE_URL=%q: err %v", url, err)
		}
		if ok && c.PortalBaseURL != url {
			t.Errorf("PORTAL_BASE_URL=%q read as %q", url, c.PortalBaseURL)
		}
	}
}

// A function gets PORTAL_BASE_URL from the stack: a tenant without its own
// portal_base_url gets an absolute magic link from POST /persona-invitations.
func TestAFunctionGivesTenantsWithoutAPortalURLTheStacks(t *testing.T) {
	ctx := context.Background()
	db, st := fixtureStore(t)
	cfg, err := st.GetTenant(ctx, sampleevents.Tenant)
	if err != nil {
		t.Fatal(err)
	}
	settings := cfg.Settings
	settings.PortalBaseURL = ""
	if err := st.PutSettings(ctx, sampleevents.Tenant, cfg, settings, domain.NewAudit(time.Now(), "system:test", "settings.updated", domain.Target{Kind: "settings", ID: sampleevents.Tenant}, nil, nil)); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"TABLE_NAME": "portal", "DYNAMODB_ENDPOINT": db.URL, "PORTAL_BASE_URL": "https://portal.stack.test"}
	c, err := lambdaapp.ConfigFromEnv(func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	h, err := httpHandler(ctx, c, "create-invitation")
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(filepath.Join(eventsDir, "create-invitation.json"))
	if err != nil {
		t.Fatal(err)
	}
	var ev events.APIGatewayV2HTTPRequest
	if err := json.Unmarshal(raw, &ev); err != nil {
		t.Fatal(err)
	}
	res, err := httpadapter.NewV2(h).ProxyWithContext(ctx, ev)
	if err != nil || res.StatusCode != 201 {
		t.Fatalf("%d %s %v", res.StatusCode, res.Body, err)
	}
	var body struct {
		MagicLink string `json:"magic_link"`
	}
	_ = json.Unmarshal([]byte(res.Body), &body)
	if !strings.HasPrefix(body.MagicLink, "https://portal.stack.test/magic/") {
		t.Fatalf("magic link %q", body.MagicLink)
	}
}
