package sampleevents

import (
	"encoding/json"
	"strings"

	"github.com/aws/aws-lambda-go/events"
	"github.com/personaportal/portal/internal/operations"
)

// Spec is one operation's sample request and the status it answers
// against the fixture.
type Spec struct {
	Caller string // fixture user ID ("" = no authorizer claims)
	Path   string // the concrete path
	Query  string
	Body   string
	Status int
}

// Specs holds a sample for every HTTP operation (a test fails when one is
// missing).
var Specs = map[string]Spec{
	"healthz":                     {"", "/healthz", "", "", 200},
	"get-me":                      {Alice, "/me", "", "", 200},
	"patch-me":                    {Alice, "/me", "", `{"locale":"en-GB","attributes":{"team":"blue"}}`, 200},
	"list-my-applications":        {Alice, "/me/applications", "", "", 200},
	"list-my-personas":            {Alice, "/me/personas", "limit=20", "", 200},
	"get-my-persona":              {Alice, "/me/personas/" + AliceStaff, "", "", 200},
	"put-preferred-persona":       {Alice, "/me/preferred-persona", "", `{"persona_id":"` + AliceStaff + `"}`, 200},
	"get-active-persona":          {Alice, "/me/active-persona", "", "", 200},
	"get-my-rights":               {Bob, "/me/rights", "", "", 200},
	"put-active-persona":          {Alice, "/me/active-persona", "", `{"persona_id":"` + AliceStaff + `"}`, 200},
	"lend-persona":                {Alice, "/me/personas/" + AliceStaff + "/delegations", "", `{"to_email":"bob@sample.test","valid_from":"2098-12-01T00:00:00Z","valid_until":"2099-01-01T00:00:00Z"}`, 201},
	"list-my-delegations":         {Alice, "/me/delegations", "direction=granted", "", 200},
	"revoke-delegation":           {Alice, "/me/delegations/" + Delegation, "", "", 200},
	"list-approvals":              {Carol, "/me/requests/approvals", "q=customer", "", 200},
	"list-follow-up":              {Bob, "/me/requests/follow-up", "", "", 200},
	"list-history":                {Carol, "/me/requests/history", "status=accepted", "", 200},
	"get-request":                 {Carol, "/me/requests/" + RequestAssign, "", "", 200},
	"accept-request":              {Bob, "/me/requests/" + RequestActivate + "/accept", "", "", 200},
	"reject-request":              {Carol, "/me/requests/" + RequestReject + "/reject", "", `{"reason":"not my company"}`, 200},
	"cancel-request":              {Bob, "/me/requests/" + RequestCancel, "", "", 200},
	"get-magic-link":              {Carol, "/magic-links/" + MagicToken, "", "", 200},
	"accept-magic-link":           {Carol, "/magic-links/" + MagicToken + "/accept", "", "", 200},
	"reject-magic-link":           {Carol, "/magic-links/" + MagicToken + "/reject", "", `{"reason":"no, thanks"}`, 200},
	"create-invitation":           {Bob, "/persona-invitations", "", `{"type":"customer","scope":["company:globex"],"user_email":"alice@sample.test","send_email":false}`, 201},
	"list-invitations":            {Bob, "/persona-invitations", "state=waiting_for_user", "", 200},
	"resend-invitation":           {Bob, "/persona-invitations/" + RequestAssign + "/resend", "", `{"send_email":true}`, 200},
	"list-assignable-definitions": {Bob, "/persona-definitions", "", "", 200},
	"list-scoped-users":           {Bob, "/users", "q=alice", "", 200},
	"get-scoped-user":             {Bob, "/users/" + Alice, "", "", 200},
	"list-scoped-user-personas":   {Bob, "/users/" + Alice + "/personas", "", "", 200},
	"add-scoped-user-persona":     {Bob, "/users/" + Alice + "/personas", "", `{"type":"customer","scope":["company:globex"]}`, 201},
	"patch-scoped-user-persona":   {Bob, "/users/" + Alice + "/personas/" + AliceCustomer, "", `{"email":"alice.buyer@sample.test"}`, 200},
	"revoke-scoped-user-persona":  {Bob, "/users/" + Alice + "/personas/" + AliceCustomer, "", "", 200},
	"get-settings":                {Admin, "/admin/settings", "", "", 200},
	"put-settings":                {Admin, "/admin/settings", "", `{"history_days":60}`, 200},
	"list-definitions":            {Admin, "/admin/persona-definitions", "", "", 200},
	"create-definition":           {Admin, "/admin/persona-definitions", "", `{"type":"auditor","display_name":"Auditor","entitlements":["audit:read"]}`, 201},
	"get-definition":              {Admin, "/admin/persona-definitions/staff", "", "", 200},
	"put-definition":              {Admin, "/admin/persona-definitions/staff", "", `{"display_name":"Staff","scope_values":["dept:sales","dept:support"],"entitlements":["intranet:access"],"delegable":true}`, 200},
	"delete-definition":           {Admin, "/admin/persona-definitions/retired", "", "", 204},
	"list-users":                  {Admin, "/admin/users", "q=sample", "", 200},
	"create-user":                 {Admin, "/admin/users", "", `{"email":"dave@sample.test","given_name":"Dave"}`, 201},
	"get-user":                    {Admin, "/admin/users/" + Carol, "", "", 200},
	"patch-user":                  {Admin, "/admin/users/" + Carol, "", `{"given_name":"Caroline"}`, 200},
	"disable-user":                {Admin, "/admin/users/" + Carol, "", "", 200},
	"list-user-personas":          {Admin, "/admin/users/" + Alice + "/personas", "", "", 200},
	"add-user-persona":            {Admin, "/admin/users/" + Carol + "/personas", "", `{"type":"customer","scope":["company:acme"],"preferred":true}`, 201},
	"patch-user-persona":          {Admin, "/admin/users/" + Alice + "/personas/" + AliceCustomer, "", `{"scope":["company:globex"]}`, 200},
	"revoke-user-persona":         {Admin, "/admin/users/" + Alice + "/personas/" + AliceStaff, "", "", 200},
	"search-personas":             {Admin, "/admin/personas", "type=customer", "", 200},
	"list-applications":           {Admin, "/admin/applications", "", "", 200},
	"create-application":          {Admin, "/admin/applications", "", `{"name":"Wiki","url":"https://wiki.sample.test","persona_types":["staff"]}`, 201},
	"get-application":             {Admin, "/admin/applications/" + App, "", "", 200},
	"put-application":             {Admin, "/admin/applications/" + App, "", `{"name":"Order Desk","url":"https://orders.sample.test","persona_types":["customer"]}`, 200},
	"delete-application":          {Admin, "/admin/applications/" + App, "", "", 204},
	"list-audit":                  {Admin, "/admin/audit", "user_id=" + Alice, "", 200},
	"import-users": {Admin, "/admin/import", "dry_run=false", "email,given_name,family_name,persona_type,persona_scope,persona_preferred\n" +
		"dave@sample.test,Dave,Green,customer,company:acme,true\n" +
		"carol@sample.test,,,customer,company:globex,\n", 200},
	"export-users": {Admin, "/admin/export", "limit=100", "", 200},
}

// contentTypes are the sample bodies that are not JSON.
var contentTypes = map[string]string{"import-users": "text/csv"}

// AuthTime is the auth_time of every sample token (2025-11-22T10:00:00Z).
const AuthTime = "1763805600"

var emails = map[string]string{Admin: "admin@sample.test", Alice: "alice@sample.test", Bob: "bob@sample.test", Carol: "carol@sample.test"}

// Event builds the API Gateway v2 event of an operation's sample, with the
// claims as the HTTP API JWT authorizer passes them: every value a string,
// lists bracketed and space-separated.
func Event(op operations.Operation, s Spec) events.APIGatewayV2HTTPRequest {
	ev := events.APIGatewayV2HTTPRequest{
		Version: "2.0", RouteKey: op.Pattern(), RawPath: s.Path, RawQueryString: s.Query,
		Headers: map[string]string{"accept": "application/json", "user-agent": "sample-event"},
		RequestContext: events.APIGatewayV2HTTPRequestContext{
			RouteKey: op.Pattern(), AccountID: "123456789012", Stage: "$default", RequestID: "sample-" + op.Name,
			APIID: "portalapi", DomainName: "api.portal.sample.test", DomainPrefix: "api", Time: "22/Nov/2026:10:00:00 +0000",
			TimeEpoch: 1795341600000,
			HTTP: events.APIGatewayV2HTTPRequestContextHTTPDescription{Method: op.Method, Path: s.Path,
				Protocol: "HTTP/1.1", SourceIP: "203.0.113.10", UserAgent: "sample-event"},
		},
	}
	if s.Query != "" {
		ev.QueryStringParameters = map[string]string{}
		for _, kv := range strings.Split(s.Query, "&") {
			k, v, _ := strings.Cut(kv, "=")
			ev.QueryStringParameters[k] = v
		}
	}
	if s.Body != "" {
		ev.Body = s.Body
		ev.Headers["content-type"] = "application/json"
		if ct, ok := contentTypes[op.Name]; ok {
			ev.Headers["content-type"] = ct
		}
	}
	if s.Caller != "" {
		groups := "[]"
		if s.Caller == Admin {
			groups = "[portal-admin]"
		}
		ev.RequestContext.Authorizer = &events.APIGatewayV2HTTPRequestContextAuthorizerDescription{
			JWT: &events.APIGatewayV2HTTPRequestContextAuthorizerJWTDescription{
				Claims: map[string]string{"sub": Subject(s.Caller), "email": emails[s.Caller], "email_verified": "true",
					"tenant": Tenant, "groups": groups, "auth_time": AuthTime, "iss": "https://issuer.sample.test",
					"aud": "portal", "jti": "sample-" + op.Name},
				Scopes: []string{"openid", "email"},
			}}
	}
	return ev
}

// ProvisionSample is the sample event of the provision-identity function:
// a caller never seen before, whom the tenant auto-provisions.
var ProvisionSample = map[string]any{"tenant": Tenant, "sub": "sample|newcomer", "email": "newcomer@sample.test",
	"email_verified": true, "given_name": "Nina", "family_name": "Newcomer"}

// ScheduledSample is the EventBridge event a schedule rule sends a job.
func ScheduledSample(op operations.Operation) map[string]any {
	return map[string]any{"version": "0", "id": "7bf73129-1428-4cd3-a780-95db273d1602", "detail-type": "Scheduled Event",
		"source": "aws.events", "account": "123456789012", "time": "2026-11-22T10:00:00Z", "region": "eu-west-1",
		"resources": []string{"arn:aws:events:eu-west-1:123456789012:rule/PortalStack-" + op.Name}, "detail": map[string]any{}}
}

// File is the JSON of an operation's sample event file.
func File(op operations.Operation) ([]byte, bool) {
	if op.Schedule != "" {
		b, _ := json.MarshalIndent(ScheduledSample(op), "", "  ")
		return append(b, '\n'), true
	}
	if op.Name == operations.ProvisionIdentity {
		b, _ := json.MarshalIndent(ProvisionSample, "", "  ")
		return append(b, '\n'), true
	}
	s, ok := Specs[op.Name]
	if !ok {
		return nil, false
	}
	b, _ := json.MarshalIndent(Event(op, s), "", "  ")
	return append(b, '\n'), true
}
