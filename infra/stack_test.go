package infra

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/jsii-runtime-go"
	"github.com/personaportal/portal/internal/auth"
	"github.com/personaportal/portal/internal/operations"
	"github.com/personaportal/portal/internal/store"
)

var (
	synthOnce sync.Once
	template  assertions.Template
)

// newTestStack defines the stack in a fresh app, with a tiny stand-in
// package for every function so that synthesis bundles nothing.
func newTestStack(t testing.TB) (awscdk.App, awscdk.Stack) { return newTestStackWith(t, nil) }

// newTestStackWith is newTestStack with props changed by edit.
func newTestStackWith(t testing.TB, edit func(*PortalStackProps)) (awscdk.App, awscdk.Stack) {
	dir, err := os.MkdirTemp("", "portal-code")
	if err != nil {
		t.Fatal(err)
	}
	code := filepath.Join(dir, "code")
	if err := os.MkdirAll(code, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(code, "bootstrap"), []byte("stand-in"), 0o755); err != nil {
		t.Fatal(err)
	}
	// A stand-in portal build: index.html, a local config.json (the stack's
	// replaces it) and one hashed chunk.
	web := filepath.Join(dir, "dist")
	if err := os.MkdirAll(filepath.Join(web, "assets"), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, body := range map[string]string{"index.html": "<!doctype html>", "config.json": `{"api_url":"/api"}`,
		"assets/x-1a2b3c.js": "console.log(1)"} {
		if err := os.WriteFile(filepath.Join(web, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	app := awscdk.NewApp(&awscdk.AppProps{Outdir: jsii.String(filepath.Join(dir, "cdk.out"))})
	props := &PortalStackProps{
		StackProps: awscdk.StackProps{Env: &awscdk.Environment{Account: jsii.String("123456789012"), Region: jsii.String("eu-west-1")}},
		JwtIssuer:  "https://issuer.test/", JwtAudience: "portal", PortalOrigin: "https://portal.test",
		PortalURL: "https://portal.test/app", PortalClientID: "portal-web", PortalAssets: web,
		MailFrom: "no-reply@portal.test", SESIdentity: "portal.test",
		Claims:       auth.Config{TenantClaim: "custom:tenant", GroupsClaim: "cognito:groups", AdminGroup: "portal-admins"},
		AlarmEmail:   "ops@portal.test",
		Code:         func(string) awslambda.Code { return awslambda.Code_FromAsset(jsii.String(code), nil) },
		ThrottleRate: 100, ThrottleBurst: 200,
	}
	if edit != nil {
		edit(props)
	}
	stack := NewPortalStack(app, "PortalStack", props)
	return app, stack
}

// stackTemplate synthesizes the stack once for all template tests.
func stackTemplate(t *testing.T) assertions.Template {
	t.Helper()
	synthOnce.Do(func() {
		_, stack := newTestStack(t)
		template = assertions.Template_FromStack(stack, nil)
	})
	return template
}

func TestGivenTheOperationsTableThenThereIsOneFunctionAndRoutePerOperation(t *testing.T) {
	tpl := stackTemplate(t)
	n := jsii.Number(float64(len(operations.All)))
	if got := len(portalFunctions(tpl)); got != len(operations.Functions()) {
		t.Fatalf("%d functions, want %d", got, len(operations.Functions()))
	}
	tpl.ResourceCountIs(jsii.String("AWS::ApiGatewayV2::Route"), n)
	tpl.ResourceCountIs(jsii.String("AWS::ApiGatewayV2::Integration"), n)
	for _, op := range operations.All {
		// Bulk operations get API Gateway's whole 30 s (less a second) and more memory.
		timeout, memory := 10, 256
		if op.Bulk() {
			timeout, memory = 29, 1024
		}
		tpl.HasResourceProperties(jsii.String("AWS::Lambda::Function"), &map[string]any{
			"Description": op.Pattern(), "Runtime": "provided.al2023", "Architectures": []string{"arm64"}, "Handler": "bootstrap",
			"LoggingConfig": assertions.Match_ObjectLike(&map[string]any{"LogGroup": assertions.Match_AnyValue()}),
			"Timeout":       timeout, "MemorySize": memory,
		})
		auth := "JWT"
		if op.Name == "healthz" {
			auth = "NONE"
		}
		tpl.HasResourceProperties(jsii.String("AWS::ApiGatewayV2::Route"), &map[string]any{
			"RouteKey": op.Pattern(), "AuthorizationType": auth,
		})
	}
}

// environments returns every function's environment variables by
// logical ID.
func environments(t *testing.T) map[string]map[string]any {
	t.Helper()
	out := map[string]map[string]any{}
	for id, fn := range portalFunctions(stackTemplate(t)) {
		var env map[string]any
		if err := json.Unmarshal([]byte(jsonPath(fn, "Properties", "Environment", "Variables")), &env); err != nil {
			t.Fatalf("%s: %v", id, err)
		}
		out[id] = env
	}
	if len(out) != len(operations.Functions()) {
		t.Fatalf("%d functions", len(out))
	}
	return out
}

func TestGivenTheIdentityProvidersClaimsThenEveryFunctionReadsThem(t *testing.T) {
	for id, env := range environments(t) {
		if env["TENANT_CLAIM"] != "custom:tenant" || env["GROUPS_CLAIM"] != "cognito:groups" || env["ADMIN_GROUP"] != "portal-admins" {
			t.Errorf("%s: TENANT_CLAIM %v, GROUPS_CLAIM %v, ADMIN_GROUP %v", id, env["TENANT_CLAIM"], env["GROUPS_CLAIM"], env["ADMIN_GROUP"])
		}
	}
}

func TestGivenThePortalURLThenEveryFunctionLinksToIt(t *testing.T) {
	for id, env := range environments(t) {
		if env["PORTAL_BASE_URL"] != "https://portal.test/app" {
			t.Errorf("%s: PORTAL_BASE_URL %v", id, env["PORTAL_BASE_URL"])
		}
	}
	// Without a portal URL, the links go to the stack's own portal: the
	// distribution's domain (no cycle: the distribution does not depend on
	// the functions), or the custom domain.
	_, stack := newTestStackWith(t, func(p *PortalStackProps) { p.PortalURL, p.PortalOrigin = "", "" })
	tpl := assertions.Template_FromStack(stack, nil)
	dist := onlyKey(t, *tpl.FindResources(jsii.String("AWS::CloudFront::Distribution"), nil))
	want := `{"Fn::Join":["",["https://",{"Fn::GetAtt":["` + dist + `","DomainName"]}]]}`
	for id, fn := range portalFunctions(tpl) {
		if got := jsonPath(fn, "Properties", "Environment", "Variables", "PORTAL_BASE_URL"); got != want {
			t.Errorf("%s: PORTAL_BASE_URL %s without portalUrl, want %s", id, got, want)
		}
	}
	_, stack = newTestStackWith(t, func(p *PortalStackProps) {
		p.PortalURL, p.PortalDomain, p.PortalCertificateArn = "", "portal.example.org", "arn:aws:acm:us-east-1:123456789012:certificate/abc"
	})
	for id, fn := range portalFunctions(assertions.Template_FromStack(stack, nil)) {
		if got := jsonPath(fn, "Properties", "Environment", "Variables", "PORTAL_BASE_URL"); got != "https://portal.example.org" {
			t.Errorf("%s: PORTAL_BASE_URL %s with portalDomain", id, got)
		}
	}
}

// onlyKey is the one logical ID of found.
func onlyKey(t *testing.T, found map[string]*map[string]any) string {
	t.Helper()
	if len(found) != 1 {
		t.Fatalf("%d resources, want 1", len(found))
	}
	for id := range found {
		return id
	}
	return ""
}

func TestGivenTheAlarmsThenEachNotifiesTheEncryptedAlarmTopic(t *testing.T) {
	tpl := stackTemplate(t)
	topics := *tpl.FindResources(jsii.String("AWS::SNS::Topic"), nil)
	if len(topics) != 1 {
		t.Fatalf("%d SNS topics", len(topics))
	}
	var topicID string
	for id, topic := range topics {
		topicID = id
		if jsonPath(topic, "Properties", "KmsMasterKeyId") == "null" {
			t.Error("the alarm topic is not encrypted with a key of its own")
		}
	}
	tpl.HasResourceProperties(jsii.String("AWS::KMS::Key"), &map[string]any{
		"EnableKeyRotation": true,
		"KeyPolicy": assertions.Match_ObjectLike(&map[string]any{"Statement": assertions.Match_ArrayWith(&[]any{
			assertions.Match_ObjectLike(&map[string]any{"Principal": map[string]any{"Service": "cloudwatch.amazonaws.com"},
				"Action": []string{"kms:Decrypt", "kms:GenerateDataKey*"}})})}),
	})
	tpl.HasResourceProperties(jsii.String("AWS::SNS::Subscription"), &map[string]any{
		"Protocol": "email", "Endpoint": "ops@portal.test", "TopicArn": map[string]any{"Ref": topicID},
	})
	tpl.HasResourceProperties(jsii.String("AWS::SNS::TopicPolicy"), &map[string]any{
		"Topics": []any{map[string]any{"Ref": topicID}},
		"PolicyDocument": assertions.Match_ObjectLike(&map[string]any{"Statement": assertions.Match_ArrayWith(&[]any{
			assertions.Match_ObjectLike(&map[string]any{"Effect": "Deny",
				"Condition": map[string]any{"Bool": map[string]any{"aws:SecureTransport": "false"}}}),
			assertions.Match_ObjectLike(&map[string]any{"Effect": "Allow", "Action": "sns:Publish",
				"Principal": map[string]any{"Service": "cloudwatch.amazonaws.com"}}),
		})}),
	})
	alarms := *tpl.FindResources(jsii.String("AWS::CloudWatch::Alarm"), nil)
	if len(alarms) == 0 {
		t.Fatal("no alarms")
	}
	for id, alarm := range alarms {
		if got := jsonPath(alarm, "Properties", "AlarmActions"); got != `[{"Ref":"`+topicID+`"}]` {
			t.Errorf("alarm %s notifies %s, not the alarm topic", id, got)
		}
	}
}

func TestGivenTheStoreSchemaThenTheTableMatchesItAndIsProtected(t *testing.T) {
	tpl := stackTemplate(t)
	var gsis []any
	for _, ix := range store.Schema.Indexes {
		gsis = append(gsis, map[string]any{"IndexName": ix.Name, "KeySchema": []any{
			map[string]any{"AttributeName": ix.PartitionKey, "KeyType": "HASH"},
			map[string]any{"AttributeName": ix.SortKey, "KeyType": "RANGE"}},
			"Projection": map[string]any{"ProjectionType": "ALL"}})
	}
	tpl.HasResourceProperties(jsii.String("AWS::DynamoDB::Table"), &map[string]any{
		"KeySchema": []any{
			map[string]any{"AttributeName": store.Schema.PartitionKey, "KeyType": "HASH"},
			map[string]any{"AttributeName": store.Schema.SortKey, "KeyType": "RANGE"}},
		"BillingMode":                      "PAY_PER_REQUEST",
		"GlobalSecondaryIndexes":           gsis,
		"PointInTimeRecoverySpecification": map[string]any{"PointInTimeRecoveryEnabled": true},
		"DeletionProtectionEnabled":        true,
		"SSESpecification":                 map[string]any{"SSEEnabled": true},
		"TimeToLiveSpecification":          map[string]any{"AttributeName": store.Schema.TTLAttribute, "Enabled": true},
	})
	tpl.HasResource(jsii.String("AWS::DynamoDB::Table"), &map[string]any{"DeletionPolicy": "Retain", "UpdateReplacePolicy": "Retain"})
}

func TestGivenTheStageThenItIsDefaultThrottledAndLogged(t *testing.T) {
	tpl := stackTemplate(t)
	tpl.HasResourceProperties(jsii.String("AWS::ApiGatewayV2::Stage"), &map[string]any{
		"StageName":            "$default",
		"AutoDeploy":           true,
		"DefaultRouteSettings": map[string]any{"ThrottlingRateLimit": 100, "ThrottlingBurstLimit": 200},
		"AccessLogSettings":    assertions.Match_ObjectLike(&map[string]any{"DestinationArn": assertions.Match_AnyValue()}),
	})
	tpl.HasResourceProperties(jsii.String("AWS::ApiGatewayV2::Authorizer"), &map[string]any{
		"AuthorizerType": "JWT", "JwtConfiguration": map[string]any{"Audience": []string{"portal"}, "Issuer": "https://issuer.test/"},
	})
	tpl.HasResourceProperties(jsii.String("AWS::ApiGatewayV2::Api"), &map[string]any{
		"CorsConfiguration": assertions.Match_ObjectLike(&map[string]any{"AllowOrigins": []string{"https://portal.test"}}),
	})
	jobs := 0
	for _, op := range operations.Invoked {
		if op.Schedule != "" {
			jobs++
			tpl.HasResourceProperties(jsii.String("AWS::Events::Rule"), &map[string]any{
				"ScheduleExpression": op.Schedule,
				"Targets": []any{assertions.Match_ObjectLike(&map[string]any{
					"RetryPolicy":      map[string]any{"MaximumRetryAttempts": 2, "MaximumEventAgeInSeconds": 3600},
					"DeadLetterConfig": assertions.Match_ObjectLike(&map[string]any{"Arn": assertions.Match_AnyValue()}),
				})},
			})
		}
	}
	tpl.ResourceCountIs(jsii.String("AWS::Events::Rule"), jsii.Number(float64(jobs)))
	tpl.ResourceCountIs(jsii.String("AWS::SQS::Queue"), jsii.Number(float64(jobs)))
	// Errors and throttles of every function, and each job's dead letters.
	tpl.ResourceCountIs(jsii.String("AWS::CloudWatch::Alarm"), jsii.Number(float64(2*len(operations.Functions())+jobs)))
	// CloudFormation refuses stacks over 500 resources: keep room to grow.
	if n := len(*tpl.ToJSON()); n > 0 {
		if res := len((*tpl.ToJSON())["Resources"].(map[string]any)); res > 420 {
			t.Errorf("%d resources: the stack nears CloudFormation's limit of 500", res)
		} else {
			t.Logf("%d resources in the stack", res)
		}
	}
}

func TestGivenARouteThenItsIntegrationInvokesTheFunctionOfItsOperation(t *testing.T) {
	tpl := stackTemplate(t)
	fnByDesc := map[string]string{} // "GET /me" -> function logical ID
	for id, raw := range *tpl.FindResources(jsii.String("AWS::Lambda::Function"), nil) {
		fnByDesc[jsonPath(raw, "Properties", "Description")] = id
	}
	integrations := *tpl.FindResources(jsii.String("AWS::ApiGatewayV2::Integration"), nil)
	routes := *tpl.FindResources(jsii.String("AWS::ApiGatewayV2::Route"), nil)
	for _, raw := range routes {
		key := jsonPath(raw, "Properties", "RouteKey")
		target := jsonPath(raw, "Properties", "Target") // {"Fn::Join":["",["integrations/",{"Ref":"<id>"}]]}
		found := false
		for id, integ := range integrations {
			if strings.Contains(target, `"`+id+`"`) {
				uri := jsonPath(integ, "Properties", "IntegrationUri")
				found = strings.Contains(uri, `"`+fnByDesc[key]+`"`)
			}
		}
		if !found || fnByDesc[key] == "" {
			t.Errorf("route %s does not invoke the function of its operation", key)
		}
	}
	if len(routes) != len(operations.All) {
		t.Errorf("%d routes", len(routes))
	}
}

// jsonPath renders a nested value of a template resource as JSON text
// (strings unquoted).
func jsonPath(raw any, path ...string) string {
	b, _ := json.Marshal(raw)
	var v any
	_ = json.Unmarshal(b, &v)
	for _, p := range path {
		m, _ := v.(map[string]any)
		v = m[p]
	}
	if s, ok := v.(string); ok {
		return s
	}
	b, _ = json.Marshal(v)
	return string(b)
}

// portalFunctions are the portal's own functions (Go, handler bootstrap):
// not the Lambda function behind the portal's BucketDeployment.
func portalFunctions(tpl assertions.Template) map[string]*map[string]any {
	return *tpl.FindResources(jsii.String("AWS::Lambda::Function"),
		&map[string]any{"Properties": map[string]any{"Handler": "bootstrap"}})
}

// deploymentResources are the resources of typ that the BucketDeployment
// construct brings (its singleton function and role).
func deploymentResources(tpl assertions.Template, typ string) map[string]*map[string]any {
	out := map[string]*map[string]any{}
	for id, r := range *tpl.FindResources(jsii.String(typ), nil) {
		if strings.HasPrefix(id, "CustomCDKBucketDeployment") {
			out[id] = r
		}
	}
	return out
}
