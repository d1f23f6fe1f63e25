package infra

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/jsii-runtime-go"
)

// CloudFront's managed policies the API behaviour uses.
const (
	cachingDisabled           = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"
	allViewerExceptHostHeader = "b689b0a8-53d0-40ab-baf2-68738e2966ac"
)

// distributionConfig is the one distribution's DistributionConfig.
func distributionConfig(t *testing.T, tpl assertions.Template) map[string]any {
	t.Helper()
	found := *tpl.FindResources(jsii.String("AWS::CloudFront::Distribution"), nil)
	var cfg map[string]any
	if err := json.Unmarshal([]byte(jsonPath(found[onlyKey(t, found)], "Properties", "DistributionConfig")), &cfg); err != nil {
		t.Fatal(err)
	}
	return cfg
}

func TestGivenThePortalBucketThenItIsPrivateAndOnlyCloudFrontReadsItThroughOriginAccessControl(t *testing.T) {
	tpl := stackTemplate(t)
	// GIVEN the portal's bucket THEN no public access, encrypted, versioned, retained.
	tpl.HasResource(jsii.String("AWS::S3::Bucket"), &map[string]any{
		"DeletionPolicy": "Retain",
		"Properties": assertions.Match_ObjectLike(&map[string]any{
			"PublicAccessBlockConfiguration": map[string]any{"BlockPublicAcls": true, "BlockPublicPolicy": true,
				"IgnorePublicAcls": true, "RestrictPublicBuckets": true},
			"BucketEncryption": map[string]any{"ServerSideEncryptionConfiguration": []any{
				map[string]any{"ServerSideEncryptionByDefault": map[string]any{"SSEAlgorithm": "AES256"}}}},
			"VersioningConfiguration": map[string]any{"Status": "Enabled"},
		}),
	})
	// THEN its policy refuses requests without TLS and lets CloudFront read,
	// for this distribution only.
	policies := *tpl.FindResources(jsii.String("AWS::S3::BucketPolicy"), nil)
	policy := policies[onlyKey(t, policies)]
	doc := jsonPath(policy, "Properties", "PolicyDocument", "Statement")
	dist := onlyKey(t, *tpl.FindResources(jsii.String("AWS::CloudFront::Distribution"), nil))
	for _, want := range []string{`"aws:SecureTransport":"false"`, `"Effect":"Deny"`, `"Service":"cloudfront.amazonaws.com"`,
		`"Action":"s3:GetObject"`, `"AWS:SourceArn"`, `"` + dist + `"`} {
		if !strings.Contains(doc, want) {
			t.Errorf("the bucket policy lacks %s: %s", want, doc)
		}
	}
	var statements []map[string]any
	_ = json.Unmarshal([]byte(doc), &statements)
	for _, st := range statements {
		if p := jsonString2(st["Principal"]); st["Effect"] == "Allow" && (p == `"*"` || p == `{"AWS":"*"}`) {
			t.Errorf("the bucket policy allows everyone: %v", st)
		}
	}
	// THEN the distribution's S3 origin signs its requests (OAC, no OAI).
	tpl.HasResourceProperties(jsii.String("AWS::CloudFront::OriginAccessControl"), &map[string]any{
		"OriginAccessControlConfig": assertions.Match_ObjectLike(&map[string]any{
			"OriginAccessControlOriginType": "s3", "SigningBehavior": "always", "SigningProtocol": "sigv4"}),
	})
	cfg := distributionConfig(t, tpl)
	s3Origins := 0
	for _, o := range cfg["Origins"].([]any) {
		origin := o.(map[string]any)
		if _, ok := origin["S3OriginConfig"]; ok {
			s3Origins++
			if origin["OriginAccessControlId"] == nil || jsonPath(origin, "S3OriginConfig", "OriginAccessIdentity") != "" {
				t.Errorf("the S3 origin does not use Origin Access Control: %v", origin)
			}
		}
	}
	if s3Origins != 1 {
		t.Errorf("%d S3 origins", s3Origins)
	}
}

func TestGivenTheDistributionThenEveryBehaviourSendsTheSecurityHeaders(t *testing.T) {
	tpl := stackTemplate(t)
	// GIVEN the issuer https://issuer.test/ THEN the CSP names its origin
	// for the token endpoint and the sign-in form, and nothing else outside.
	tpl.HasResourceProperties(jsii.String("AWS::CloudFront::ResponseHeadersPolicy"), &map[string]any{
		"ResponseHeadersPolicyConfig": assertions.Match_ObjectLike(&map[string]any{
			"SecurityHeadersConfig": map[string]any{
				"ContentSecurityPolicy": map[string]any{"Override": true, "ContentSecurityPolicy": "default-src 'self'; script-src 'self'; " +
					"style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self' https://issuer.test; " +
					"form-action 'self' https://issuer.test; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"},
				"StrictTransportSecurity": map[string]any{"Override": true, "AccessControlMaxAgeSec": 63072000, "IncludeSubdomains": true},
				"ContentTypeOptions":      map[string]any{"Override": true},
				"FrameOptions":            map[string]any{"Override": true, "FrameOption": "DENY"},
				"ReferrerPolicy":          map[string]any{"Override": true, "ReferrerPolicy": "no-referrer"},
			},
		}),
	})
	policy := onlyKey(t, *tpl.FindResources(jsii.String("AWS::CloudFront::ResponseHeadersPolicy"), nil))
	cfg := distributionConfig(t, tpl)
	if cfg["DefaultRootObject"] != "index.html" {
		t.Errorf("DefaultRootObject %v", cfg["DefaultRootObject"])
	}
	// THEN the portal's and the API's behaviours both send them, over HTTPS only.
	behaviours := append([]any{cfg["DefaultCacheBehavior"]}, cfg["CacheBehaviors"].([]any)...)
	for _, b := range behaviours {
		if got := jsonPath(b, "ResponseHeadersPolicyId", "Ref"); got != policy {
			t.Errorf("behaviour %s: response headers policy %s", jsonPath(b, "PathPattern"), got)
		}
		if got := jsonPath(b, "ViewerProtocolPolicy"); got != "redirect-to-https" {
			t.Errorf("behaviour %s: viewer protocol policy %s", jsonPath(b, "PathPattern"), got)
		}
	}
}

// runViewerRequest runs a CloudFront Function's handler with Node.js on
// a request for uri and returns the URI it passes on.
func runViewerRequest(t *testing.T, code, uri string) string {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatalf("node is not on PATH (the infra tests need it for jsii anyway): %v", err)
	}
	script := code + "\nprocess.stdout.write(handler({request: {uri: " + strings.ReplaceAll(jsonString(uri), "\n", "") + "}}).uri);"
	out, err := exec.Command(node, "-e", script).CombinedOutput()
	if err != nil {
		t.Fatalf("%s: %v: %s", uri, err, out)
	}
	return string(out)
}

func jsonString2(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func TestGivenIdentityProviderOriginsBesidesTheIssuersThenTheCspAllowsThemToo(t *testing.T) {
	// GIVEN Cognito: the issuer on cognito-idp, the token endpoint on the
	// hosted domain.
	csp := contentSecurityPolicy("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC",
		[]string{"https://portal-acme.auth.eu-west-1.amazoncognito.com/", "https://cognito-idp.eu-west-1.amazonaws.com"})
	// THEN both origins, once each, in connect-src and form-action only.
	idp := "https://cognito-idp.eu-west-1.amazonaws.com https://portal-acme.auth.eu-west-1.amazoncognito.com"
	for _, want := range []string{"; connect-src 'self' " + idp + ";", "; form-action 'self' " + idp + ";"} {
		if !strings.Contains(csp, want) {
			t.Errorf("CSP %q lacks %q", csp, want)
		}
	}
	if strings.Count(csp, "amazoncognito.com") != 2 {
		t.Errorf("CSP %q", csp)
	}
}

func TestGivenAClientSideRouteThenOnlyThePortalsBehaviourFallsBackToIndexHtml(t *testing.T) {
	tpl := stackTemplate(t)
	cfg := distributionConfig(t, tpl)
	// GIVEN the distribution THEN no distribution-wide error responses:
	// the API's 403/404 stay its JSON.
	if cfg["CustomErrorResponses"] != nil {
		t.Errorf("CustomErrorResponses %v: they would rewrite the API's errors too", cfg["CustomErrorResponses"])
	}
	fnCode := map[string]string{}
	for id, fn := range *tpl.FindResources(jsii.String("AWS::CloudFront::Function"), nil) {
		fnCode[id] = jsonPath(fn, "Properties", "FunctionCode")
	}
	association := func(b any) string {
		var assoc []map[string]any
		_ = json.Unmarshal([]byte(jsonPath(b, "FunctionAssociations")), &assoc)
		if len(assoc) != 1 || assoc[0]["EventType"] != "viewer-request" {
			t.Fatalf("behaviour %s: function associations %v", jsonPath(b, "PathPattern"), assoc)
		}
		var ref []string
		_ = json.Unmarshal([]byte(jsonPath(assoc[0], "FunctionARN", "Fn::GetAtt")), &ref)
		return fnCode[ref[0]]
	}
	// THEN the portal's (default) behaviour rewrites extensionless paths.
	portal := association(cfg["DefaultCacheBehavior"])
	for uri, want := range map[string]string{"/": "/index.html", "/account/personas": "/index.html", "/callback": "/index.html",
		"/assets/index-1a2b3c.js": "/assets/index-1a2b3c.js", "/config.json": "/config.json", "/favicon.svg": "/favicon.svg"} {
		if got := runViewerRequest(t, portal, uri); got != want {
			t.Errorf("portal behaviour: %s became %s, want %s", uri, got, want)
		}
	}
	// THEN the API's behaviour only strips /api: /api/admin/users is the
	// API's /admin/users, never index.html.
	behaviours := cfg["CacheBehaviors"].([]any)
	if len(behaviours) != 1 || jsonPath(behaviours[0], "PathPattern") != APIPathPrefix+"/*" {
		t.Fatalf("behaviours %v", behaviours)
	}
	api := association(behaviours[0])
	for uri, want := range map[string]string{"/api/me": "/me", "/api/admin/users": "/admin/users", "/api/healthz": "/healthz", "/api/": "/"} {
		if got := runViewerRequest(t, api, uri); got != want {
			t.Errorf("API behaviour: %s became %s, want %s", uri, got, want)
		}
	}
}

func TestGivenTheApiBehaviourThenNothingIsCachedAndTheTokenReachesTheApi(t *testing.T) {
	cfg := distributionConfig(t, stackTemplate(t))
	b := cfg["CacheBehaviors"].([]any)[0]
	if got := jsonPath(b, "CachePolicyId"); got != cachingDisabled {
		t.Errorf("cache policy %s, want CachingDisabled", got)
	}
	// AllViewerExceptHostHeader forwards Authorization (caching disabled),
	// the query string and every header but Host.
	if got := jsonPath(b, "OriginRequestPolicyId"); got != allViewerExceptHostHeader {
		t.Errorf("origin request policy %s, want AllViewerExceptHostHeader", got)
	}
	var methods []string
	_ = json.Unmarshal([]byte(jsonPath(b, "AllowedMethods")), &methods)
	for _, m := range []string{"GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"} {
		if !slices.Contains(methods, m) {
			t.Errorf("the API behaviour does not allow %s", m)
		}
	}
	target := jsonPath(b, "TargetOriginId")
	for _, o := range cfg["Origins"].([]any) {
		if jsonPath(o, "Id") == target {
			if jsonPath(o, "CustomOriginConfig", "OriginProtocolPolicy") != "https-only" ||
				!strings.Contains(jsonPath(o, "DomainName"), ".execute-api.") {
				t.Errorf("the API origin %v", o)
			}
		}
	}
}

// deployments are the two BucketDeployments' properties: assets, pages.
func deployments(t *testing.T, tpl assertions.Template) (assets, pages map[string]any, pagesDependsOn []string) {
	t.Helper()
	all := *tpl.FindResources(jsii.String("Custom::CDKBucketDeployment"), nil)
	if len(all) != 2 {
		t.Fatalf("%d bucket deployments, want 2", len(all))
	}
	assetsID := ""
	for id, raw := range all {
		var r struct {
			Properties map[string]any
			DependsOn  []string
		}
		b, _ := json.Marshal(raw)
		_ = json.Unmarshal(b, &r)
		if strings.HasPrefix(id, "PortalAssets") {
			assets, assetsID = r.Properties, id
		} else {
			pages, pagesDependsOn = r.Properties, r.DependsOn
		}
	}
	if assetsID == "" || pages == nil {
		t.Fatalf("deployments %v", all)
	}
	return assets, pages, pagesDependsOn
}

func TestGivenThePortalsBuildThenHashedAssetsAreImmutableAndThePagesRevalidated(t *testing.T) {
	tpl := stackTemplate(t)
	assets, pages, dependsOn := deployments(t, tpl)
	// GIVEN Vite's hashed assets/ THEN cached a year, immutable, never
	// pruned (a browser on the previous index.html still finds its chunks).
	if got := jsonPath(assets, "SystemMetadata", "cache-control"); got != "public, max-age=31536000, immutable" {
		t.Errorf("assets Cache-Control %q", got)
	}
	if jsonPath(assets, "Include") != `["assets/*"]` || jsonPath(assets, "Exclude") != `["*"]` || assets["Prune"] != false {
		t.Errorf("assets deployment: include %s, exclude %s, prune %v", jsonPath(assets, "Include"), jsonPath(assets, "Exclude"), assets["Prune"])
	}
	// THEN index.html, config.json and the rest revalidated on every load,
	// uploaded after the assets, and invalidated at CloudFront.
	if got := jsonPath(pages, "SystemMetadata", "cache-control"); got != "max-age=0, must-revalidate" {
		t.Errorf("pages Cache-Control %q", got)
	}
	if jsonPath(pages, "Exclude") != `["assets/*"]` || pages["Prune"] != true {
		t.Errorf("pages deployment: exclude %s, prune %v", jsonPath(pages, "Exclude"), pages["Prune"])
	}
	if jsonPath(pages, "DistributionPaths") != `["/index.html","/config.json"]` || jsonPath(pages, "DistributionId", "Ref") == "" {
		t.Errorf("pages invalidation: %s of %s", jsonPath(pages, "DistributionPaths"), jsonPath(pages, "DistributionId"))
	}
	if !slices.ContainsFunc(dependsOn, func(id string) bool { return strings.HasPrefix(id, "PortalAssets") }) {
		t.Errorf("the pages deployment does not wait for the assets: DependsOn %v", dependsOn)
	}
}

// configJSON reads the config.json the pages deployment uploads: the last
// of its sources, staged in the cloud assembly.
func configJSON(t *testing.T, edit func(*PortalStackProps)) map[string]any {
	t.Helper()
	app, stack := newTestStackWith(t, edit)
	_, pages, _ := deployments(t, assertions.Template_FromStack(stack, nil))
	var keys []string
	_ = json.Unmarshal([]byte(jsonPath(pages, "SourceObjectKeys")), &keys)
	if len(keys) != 2 {
		t.Fatalf("pages sources %v, want the build and config.json", keys)
	}
	raw, err := os.ReadFile(filepath.Join(*app.Outdir(), "asset."+strings.TrimSuffix(keys[1], ".zip"), "config.json"))
	if err != nil {
		t.Fatal(err)
	}
	var cfg map[string]any
	if err := json.Unmarshal(raw, &cfg); err != nil {
		t.Fatal(err)
	}
	return cfg
}

func TestGivenTheStacksSettingsThenConfigJsonTellsThePortalItsApiIssuerAndClient(t *testing.T) {
	// GIVEN the issuer and the portal's client ID THEN config.json has the
	// API same-origin under /api, the issuer, the client ID: exactly those.
	want := map[string]any{"api_url": "/api", "issuer": "https://issuer.test/", "client_id": "portal-web"}
	if got := configJSON(t, nil); !equalJSON(got, want) {
		t.Errorf("config.json %v, want %v", got, want)
	}
	// GIVEN no portalClientId THEN the client ID is the JWT audience.
	got := configJSON(t, func(p *PortalStackProps) { p.PortalClientID = "" })
	if got["client_id"] != "portal" {
		t.Errorf("client_id %v without portalClientId, want the audience", got["client_id"])
	}
}

func equalJSON(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return string(x) == string(y)
}

func TestGivenNoCustomDomainThenThePortalUrlIsTheDistributions(t *testing.T) {
	tpl := stackTemplate(t)
	dist := onlyKey(t, *tpl.FindResources(jsii.String("AWS::CloudFront::Distribution"), nil))
	tpl.HasOutput(jsii.String("PortalUrl"), &map[string]any{
		"Value": map[string]any{"Fn::Join": []any{"", []any{"https://", map[string]any{"Fn::GetAtt": []any{dist, "DomainName"}}}}},
	})
}

func TestGivenACustomDomainThenTheDistributionServesItWithTls12AndTheApiSendsNoCors(t *testing.T) {
	_, stack := newTestStackWith(t, func(p *PortalStackProps) {
		p.PortalDomain, p.PortalCertificateArn = "portal.example.org", "arn:aws:acm:us-east-1:123456789012:certificate/abc"
		p.PortalOrigin = ""
	})
	tpl := assertions.Template_FromStack(stack, nil)
	tpl.HasResourceProperties(jsii.String("AWS::CloudFront::Distribution"), &map[string]any{
		"DistributionConfig": assertions.Match_ObjectLike(&map[string]any{
			"Aliases": []string{"portal.example.org"},
			"ViewerCertificate": map[string]any{"AcmCertificateArn": "arn:aws:acm:us-east-1:123456789012:certificate/abc",
				"MinimumProtocolVersion": "TLSv1.2_2021", "SslSupportMethod": "sni-only"},
		}),
	})
	tpl.HasOutput(jsii.String("PortalUrl"), &map[string]any{"Value": "https://portal.example.org"})
	// THEN without portalOrigin the API answers no preflight: the portal
	// calls it same-origin.
	for id, api := range *tpl.FindResources(jsii.String("AWS::ApiGatewayV2::Api"), nil) {
		if got := jsonPath(api, "Properties", "CorsConfiguration"); got != "null" {
			t.Errorf("%s: CorsConfiguration %s without portalOrigin", id, got)
		}
	}
}
