// Command app is the CDK app: it synthesizes PortalStack into cdk.out
// (make synth), with the asset metadata SAM CLI reads. Run it after
// make build: each function's code is .build/<operation>.zip.
//
// The portal's build (web/dist, make web) is uploaded to the portal's
// bucket: cdk deploy and cdk synth refuse to run without it; run directly
// (make synth) the app stands in a placeholder page and says so.
//
// Context values (cdk.json, -c key=value, or CDK_CONTEXT_JSON):
// jwtIssuer, jwtAudience, portalClientId (default: jwtAudience),
// portalDomain and portalCertificateArn (both or neither), portalUrl
// (default: the stack's portal), portalOrigin (an extra CORS origin;
// default none), idpOrigins (comma-separated; CSP), mailFrom, sesIdentity, alarmEmail, and the identity
// provider's claims: tenantClaim, groupsClaim, adminGroup (docs/deploy.md).
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/jsii-runtime-go"
	"github.com/personaportal/portal/infra"
	"github.com/personaportal/portal/internal/auth"
	"github.com/personaportal/portal/internal/portal"
)

func main() {
	defer jsii.Close()
	root := moduleRoot()
	// Asset metadata tells SAM CLI where each function's code is in cdk.out.
	appProps := &awscdk.AppProps{Context: &map[string]any{"aws:cdk:enable-asset-metadata": true}}
	if os.Getenv("CDK_OUTDIR") == "" { // run directly (make synth), not by the CDK CLI
		appProps.Outdir = jsii.String(filepath.Join(root, "cdk.out"))
	}
	app := awscdk.NewApp(appProps)
	ctx := func(key, def string) string {
		if v, ok := app.Node().TryGetContext(jsii.String(key)).(string); ok && v != "" {
			return v
		}
		return def
	}
	props := &infra.PortalStackProps{
		JwtIssuer:    ctx("jwtIssuer", "https://issuer.example.com/"),
		JwtAudience:  ctx("jwtAudience", "persona-portal"),
		PortalOrigin: ctx("portalOrigin", ""), // empty: no CORS (the portal calls /api same-origin)
		PortalURL:    ctx("portalUrl", ""),    // empty: the stack's portal
		PortalDomain: ctx("portalDomain", ""), PortalCertificateArn: ctx("portalCertificateArn", ""),
		PortalClientID: ctx("portalClientId", ""), // empty: jwtAudience
		PortalAssets:   portalAssets(root),
		IdPOrigins:     splitList(ctx("idpOrigins", "")),
		MailFrom:       ctx("mailFrom", "no-reply@example.com"),
		SESIdentity:    ctx("sesIdentity", "example.com"),
		Claims: auth.Config{TenantClaim: ctx("tenantClaim", "tenant"), GroupsClaim: ctx("groupsClaim", "groups"),
			AdminGroup: ctx("adminGroup", "portal-admin")},
		Code: func(op string) awslambda.Code {
			zip := filepath.Join(root, ".build", op+".zip")
			if _, err := os.Stat(zip); err != nil {
				fmt.Fprintf(os.Stderr, "%s is missing: run make build first\n", zip)
				os.Exit(1)
			}
			return awslambda.Code_FromAsset(jsii.String(zip), nil)
		},
		AlarmEmail:   ctx("alarmEmail", ""),
		ThrottleRate: 200, ThrottleBurst: 400,
	}
	if props.AlarmEmail == "" {
		fmt.Fprintln(os.Stderr, "alarmEmail is not set: the alarm topic gets no e-mail subscription (-c alarmEmail=ops@example.com)")
	}
	if err := portal.CheckPortalBaseURL(props.PortalURL); props.PortalURL != "" && err != nil {
		fail("portalUrl: %v", err)
	}
	if err := portal.CheckPortalBaseURL(props.PortalOrigin); props.PortalOrigin != "" && err != nil {
		fail("portalOrigin: %v", err)
	}
	if (props.PortalDomain == "") != (props.PortalCertificateArn == "") {
		fail("portalDomain and portalCertificateArn go together (an ACM certificate in us-east-1 for the domain)")
	}
	// With the CDK CLI's account and region the stack is bound to them;
	// without (make synth) it is environment-agnostic.
	if acct, region := os.Getenv("CDK_DEFAULT_ACCOUNT"), os.Getenv("CDK_DEFAULT_REGION"); acct != "" && region != "" {
		props.Env = &awscdk.Environment{Account: jsii.String(acct), Region: jsii.String(region)}
	}
	infra.NewPortalStack(app, "PortalStack", props)
	app.Synth(nil)
}

// portalAssets is the portal's build, web/dist. Without it the CDK CLI
// (which sets CDK_OUTDIR) stops; make synth gets a placeholder page.
func portalAssets(root string) string {
	dist := filepath.Join(root, "web", "dist")
	if _, err := os.Stat(filepath.Join(dist, "index.html")); err == nil {
		return dist
	}
	if os.Getenv("CDK_OUTDIR") != "" {
		fail("%s is missing: run make web first (the stack uploads the portal's build)", filepath.Join(dist, "index.html"))
	}
	fmt.Fprintf(os.Stderr, "%s is missing: the template uploads a placeholder page instead of the portal (make web builds it)\n", dist)
	dir, err := os.MkdirTemp("", "portal-placeholder")
	if err != nil {
		fail("%v", err)
	}
	page := "<!doctype html><title>Persona Portal</title><p>The portal was not built (make web).</p>\n"
	if err := os.WriteFile(filepath.Join(dir, "index.html"), []byte(page), 0o644); err != nil {
		fail("%v", err)
	}
	return dir
}

// splitList splits a comma-separated context value.
func splitList(s string) []string {
	var out []string
	for _, v := range strings.Split(s, ",") {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, format+"\n", args...)
	os.Exit(1)
}

// moduleRoot is the directory holding go.mod, so the app finds .build/
// whether it runs from the root (make synth) or from infra/ (cdk CLI).
func moduleRoot() string {
	dir, _ := os.Getwd()
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d
		}
		if filepath.Dir(d) == d {
			return dir
		}
	}
}
