package httpapi_test

import (
	"strings"
	"testing"

	"github.com/personaportal/portal/internal/apitest"
)

// The deployment's portal URL (PORTAL_BASE_URL in AWS, the server's own URL
// locally) is the portal_base_url of every tenant that has not set its own:
// the magic link in the answer and every link e-mailed are absolute.
func TestATenantWithoutPortalBaseURLGetsTheDeploymentsPortalURLInLinks(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	h.Portal.Service.WithPortalBaseURL("https://portal.stack.test/")
	d := h.DemoIDs()
	h.Must(200, d.Admin, "PUT", "/admin/settings", map[string]any{"portal_base_url": ""})
	if got := h.Must(200, d.Admin, "GET", "/admin/settings", nil).JSON()["portal_base_url"]; got != "" {
		t.Fatalf("the tenant's own setting is %q: the default is not stored", got)
	}

	inv := h.Must(201, d.Bob, "POST", "/persona-invitations", map[string]any{"type": "customer",
		"scope": []string{"company:globex"}, "user_email": "carol@globex.test", "send_email": true}).JSON()
	link := inv["magic_link"].(string)
	if !strings.HasPrefix(link, "https://portal.stack.test/magic/") {
		t.Fatalf("magic link %q is not under the deployment's portal URL", link)
	}
	mails := h.Must(200, "", "GET", "/dev/outbox?to=carol@globex.test", nil).Items()
	if len(mails) != 1 || !strings.Contains(mails[0]["text"].(string), link) || !strings.Contains(mails[0]["html"].(string), link) {
		t.Fatalf("the invitation e-mail does not carry %s: %v", link, mails)
	}
	// Accepting e-mails Bob the activation request with a link to My Work.
	h.Must(200, d.Carol, "POST", "/magic-links/"+link[strings.LastIndex(link, "/")+1:]+"/accept", nil)
	mails = h.Must(200, "", "GET", "/dev/outbox?to=bob@acme.test", nil).Items()
	if len(mails) != 1 || !strings.Contains(mails[0]["text"].(string), "https://portal.stack.test/my-work") {
		t.Fatalf("the activation e-mail does not link to My Work: %v", mails)
	}
}

func TestATenantsOwnPortalBaseURLWinsOverTheDeployments(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t) // the demo tenant's portal_base_url is https://portal.demo.test
	h.Portal.Service.WithPortalBaseURL("https://portal.stack.test")
	d := h.DemoIDs()
	link := h.Must(201, d.Bob, "POST", "/persona-invitations", map[string]any{"type": "customer",
		"scope": []string{"company:globex"}, "user_email": "carol@globex.test", "send_email": true}).Str("magic_link")
	if !strings.HasPrefix(link, "https://portal.demo.test/magic/") {
		t.Fatalf("magic link %q", link)
	}
	mails := h.Must(200, "", "GET", "/dev/outbox?to=carol@globex.test", nil).Items()
	if len(mails) != 1 || !strings.Contains(mails[0]["text"].(string), link) || strings.Contains(mails[0]["text"].(string), "portal.stack.test") {
		t.Fatalf("invitation e-mail: %v", mails)
	}
}
