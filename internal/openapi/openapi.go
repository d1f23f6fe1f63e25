// Package openapi generates the portal's OpenAPI 3.1 document from the
// operations table: paths, methods, operation IDs (the operation names),
// roles and security from the table's entries; request and response
// schemas from the Go types each entry's Doc names (reflection over their
// json tags); error answers from rules over the entry (role, path
// parameters, body, needs) plus the codes its Doc adds. `make generate`
// writes it to docs/openapi.json; tests fail when that file, the table or
// the server's real answers disagree with it.
package openapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strings"

	"github.com/personaportal/portal/internal/httpapi"
	"github.com/personaportal/portal/internal/operations"
)

// Version is the document's info.version: the contract's, not a build's.
const Version = "1.0.0"

// errorCodes are every code of API.md's error table, with its status.
var errorCodes = []string{"invalid_request", "field_not_editable", "unauthenticated", "step_up_required", "forbidden",
	"feature_disabled", "profile_not_found", "profile_disabled", "not_found", "conflict", "gone", "payload_too_large",
	"unsupported_media_type", "rate_limited", "internal", "unavailable"}

var codeStatus = map[string]int{"invalid_request": 400, "field_not_editable": 400, "unauthenticated": 401,
	"step_up_required": 401, "forbidden": 403, "feature_disabled": 403, "profile_not_found": 403, "profile_disabled": 403,
	"not_found": 404, "conflict": 409, "gone": 410, "payload_too_large": 413, "unsupported_media_type": 415,
	"rate_limited": 429, "internal": 500, "unavailable": 503}

// codeMeaning is API.md's "when" column: the examples' messages.
var codeMeaning = map[string]string{
	"invalid_request":        "the request is not valid",
	"field_not_editable":     "the request sets fields that are read-only for this caller",
	"unauthenticated":        "no or invalid bearer token",
	"step_up_required":       "this persona needs a more recent authentication",
	"forbidden":              "the caller may not do this",
	"feature_disabled":       "the tenant has not enabled this feature",
	"profile_not_found":      "no profile exists for this identity in this tenant",
	"profile_disabled":       "this profile is disabled",
	"not_found":              "not found",
	"conflict":               "the state changed meanwhile, or a uniqueness rule holds",
	"gone":                   "this magic link was already used, or has expired",
	"payload_too_large":      "the body is larger than 65536 bytes",
	"unsupported_media_type": "the body must be application/json",
	"rate_limited":           "throttled (by API Gateway, before the function runs)",
	"internal":               "an internal error occurred",
	"unavailable":            "a dependency is unavailable; nothing was changed, try again",
}

// Errors are the error codes an operation answers, by status: the rules of
// its kind, then its Doc's own. The local-only routes (no handler: they do
// not run behind the API's authentication and decoding) answer only what
// their Doc names.
func Errors(o operations.Operation) map[int][]string {
	var codes []string
	if o.Handler != nil {
		codes = append(codes, "internal", "rate_limited")
		if len(o.Needs) > 0 {
			codes = append(codes, "unavailable")
		}
		if o.Role != httpapi.Public {
			codes = append(codes, "unauthenticated", "profile_not_found", "profile_disabled")
		}
		if o.Role == httpapi.TenantAdmin {
			codes = append(codes, "forbidden")
		}
		if strings.Contains(o.Path, "{") {
			codes = append(codes, "not_found")
		}
		if o.Doc.Body != nil {
			codes = append(codes, "invalid_request", "payload_too_large", "unsupported_media_type")
		}
		if len(o.Doc.Query) > 0 {
			codes = append(codes, "invalid_request")
		}
		if !o.ReadOnly() {
			codes = append(codes, "conflict")
		}
	}
	codes = append(codes, o.Doc.Errors...)
	out := map[int][]string{}
	for _, c := range errorCodes { // in the table's order, once each
		if slices.Contains(codes, c) {
			out[codeStatus[c]] = append(out[codeStatus[c]], c)
		}
	}
	return out
}

// Generate returns the document of ops (operations.All, then the local
// server's routes) as indented JSON.
func Generate(ops []operations.Operation) ([]byte, error) {
	doc, err := Document(ops)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Document builds the document of ops.
func Document(ops []operations.Operation) (map[string]any, error) {
	g := newGenerator()
	// The error shape, narrowed per set of codes by errorSchema (the
	// components Error and ErrorDetail themselves are then not needed).
	g.component(reflect.TypeFor[httpapi.ErrorBody](), response)
	g.errorBody, g.errorDetail = g.components["Error"], g.components["ErrorDetail"]
	delete(g.components, "Error")
	delete(g.components, "ErrorDetail")
	paths := map[string]Schema{}
	for _, o := range ops {
		item, ok := paths[o.Path]
		if !ok {
			item = Schema{}
			paths[o.Path] = item
		}
		m := strings.ToLower(o.Method)
		if _, dup := item[m]; dup {
			return nil, fmt.Errorf("openapi: two operations for %s %s", o.Method, o.Path)
		}
		item[m] = g.operation(o)
	}
	for k := range overrides {
		if !g.used[k] {
			g.errs = append(g.errs, fmt.Errorf("openapi: the override %q matches no field", k))
		}
	}
	if len(g.errs) > 0 {
		return nil, errors.Join(g.errs...)
	}
	examples, responses, headers := g.sharedErrors()
	return map[string]any{
		"openapi":           "3.1.0",
		"jsonSchemaDialect": "https://spec.openapis.org/oas/3.1/dialect/base",
		"info": Schema{
			"title":       "Persona Portal API",
			"version":     Version,
			"summary":     "Identity self-service: profiles, personas, requests, delegated and tenant administration.",
			"description": infoDescription,
			"license":     Schema{"name": "Proprietary", "identifier": "LicenseRef-Proprietary"},
		},
		"servers":  []any{Schema{"url": "http://127.0.0.1:8080", "description": "The local server (make dev)"}},
		"security": []any{Schema{"bearer": []any{}}},
		"tags":     tags,
		"paths":    paths,
		"components": Schema{
			"schemas":   g.components,
			"responses": responses,
			"examples":  examples,
			"headers":   headers,
			"securitySchemes": Schema{"bearer": Schema{"type": "http", "scheme": "bearer", "bearerFormat": "JWT",
				"description": "A JWT: in AWS validated by API Gateway's authorizer; locally an RS256 token of the development " +
					"OpenID Provider (issuer {server}/oidc, client persona-portal, code flow with PKCE) or of POST /dev/login, " +
					"verified through the provider's JWKS. " +
					"Claims used: sub, email, email_verified, auth_time, the tenant and groups claims."}},
		},
	}, nil
}

var infoDescription = "The binding contract is API.md; docs/api.md records what this implementation chose where " +
	"API.md is silent. This document is generated from the operations table (internal/operations) and checked " +
	"against every request and response of the HTTP tests.\n\n" +
	"- JSON in and out (`application/json; charset=utf-8`), snake_case fields, timestamps RFC 3339 in UTC.\n" +
	"- Lists are `{\"items\": [...], \"next_cursor\": \"...\" | null}`; follow `next_cursor` until it is null.\n" +
	"- Every error is `{\"error\": {\"code\", \"message\", \"details\"?}}`; each operation lists the codes it answers, by status.\n" +
	"- A path no operation serves, or a method a path does not serve, answers 404 `not_found` (\"no such route\"); " +
	"so does a non-canonical path (empty, `.` or `..` segments). That 404 belongs to no operation and is not repeated below.\n" +
	"- A query parameter given with an empty value (`?limit=`) is the same as leaving it out.\n" +
	"- The operations tagged `dev` are served by the local server only, never in AWS.\n" +
	"- The local server also hosts a development OpenID Provider under `/oidc` (issuer `http://127.0.0.1:8080/oidc`, " +
	"client `persona-portal`). Its endpoints are described by its own discovery document, " +
	"`/oidc/.well-known/openid-configuration`, not here: they answer OAuth's errors, not this API's.\n\n" +
	codeTable()

// codeTable is API.md's table of error codes.
func codeTable() string {
	var b strings.Builder
	b.WriteString("| status | code | when |\n|---|---|---|\n")
	for _, c := range errorCodes {
		fmt.Fprintf(&b, "| %d | `%s` | %s |\n", codeStatus[c], c, codeMeaning[c])
	}
	return b.String()
}

var tags = []any{
	Schema{"name": "health", "description": "Liveness."},
	Schema{"name": "self-service", "description": "Any authenticated user: own profile, personas, applications."},
	Schema{"name": "delegation", "description": "Lending a persona to another user for a period."},
	Schema{"name": "my-work", "description": "Requests (approvals, follow-up, history) and magic links."},
	Schema{"name": "delegated-admin", "description": "Callers holding an active persona whose definition manages others."},
	Schema{"name": "tenant-admin", "description": "Callers in the tenant-admin group."},
	Schema{"name": "dev", "description": "The local server only (make dev): dev tokens, the outbox, this document and its reference page."},
}

// Tag is the operation's group in the document.
func Tag(o operations.Operation) string {
	switch p := o.Path; {
	case o.Handler == nil:
		return "dev"
	case p == "/healthz":
		return "health"
	case strings.HasPrefix(p, "/admin/"):
		return "tenant-admin"
	case strings.HasPrefix(p, "/me/requests") || strings.HasPrefix(p, "/magic-links/"):
		return "my-work"
	case strings.HasSuffix(p, "/delegations") || strings.HasPrefix(p, "/me/delegations"):
		return "delegation"
	case p == "/me" || strings.HasPrefix(p, "/me/"):
		return "self-service"
	}
	return "delegated-admin"
}

var roleText = map[httpapi.Role]string{
	httpapi.Public:      "Anyone (no token).",
	httpapi.User:        "Any authenticated user with an active profile.",
	httpapi.TenantAdmin: "Tenant admins (the groups claim holds the admin group); 403 `forbidden` for everyone else.",
}

func (g *generator) operation(o operations.Operation) Schema {
	d := o.Doc
	desc := roleText[o.Role]
	// A delegated-admin route open to every user (their own invitations)
	// refuses no one.
	if Tag(o) == "delegated-admin" && slices.Contains(d.Errors, operations.Forbidden) {
		desc = "Delegated admins (an active persona whose definition manages others, own or lent); 403 `forbidden` for everyone else."
	}
	if o.Handler == nil {
		desc = "The local server only (make dev); never served in AWS."
	}
	op := Schema{
		"operationId": o.Name,
		"summary":     d.Summary,
		"description": desc,
		"tags":        []any{Tag(o)},
		"x-role":      o.Role.String(),
		"responses":   g.responses(o),
	}
	if o.Role == httpapi.Public {
		op["security"] = []any{} // no token
	}
	var params []any
	for _, name := range pathParams(o.Path) {
		params = append(params, Schema{"name": name, "in": "path", "required": true, "schema": pathParamSchema(name),
			"description": "A malformed value answers 404, as an unknown one does."})
	}
	for _, q := range d.Query {
		params = append(params, Schema{"name": q.Name, "in": "query", "required": false, "schema": q.Schema, "description": q.Description})
	}
	if len(params) > 0 {
		op["parameters"] = params
	}
	if d.Body != nil {
		content := Schema{}
		for _, media := range mediaOr(d.BodyMedia) {
			content[media] = g.media(media, d.Body, request)
		}
		body := Schema{"required": !d.OptionalBody, "content": content}
		if d.OptionalBody {
			body["description"] = "May be left out (no body and no Content-Type)."
		}
		op["requestBody"] = body
	}
	return op
}

func mediaOr(m []string) []string {
	if len(m) == 0 {
		return []string{"application/json"}
	}
	return m
}

// media is a media type object for a body given as a zero value. A string
// stands for a body that is not one JSON value (a file, a page): a text
// schema, or none for the NDJSON forms (one JSON value a line, which no
// single schema describes; the operation's description says what a line is).
func (g *generator) media(media string, v any, m mode) Schema {
	if _, ok := v.(string); ok {
		if strings.Contains(media, "json") {
			return Schema{}
		}
		return Schema{"schema": Schema{"type": "string"}}
	}
	return Schema{"schema": g.schema(reflect.TypeOf(v), m)}
}

func pathParams(path string) []string {
	var out []string
	for _, seg := range strings.Split(path, "/") {
		if strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}") {
			out = append(out, strings.Trim(seg, "{}"))
		}
	}
	return out
}

func pathParamSchema(name string) Schema {
	switch {
	case name == "type":
		return Schema{"type": "string", "pattern": slugPattern}
	case name == "token":
		return Schema{"type": "string", "description": "The magic link's secret (URL-safe)."}
	case name == "asset":
		return Schema{"type": "string", "enum": strs("swagger-ui-bundle.js", "swagger-ui.css", "init.js")}
	case strings.HasSuffix(name, "_id"):
		return Schema{"type": "string", "format": "uuid"}
	}
	return Schema{"type": "string"}
}

func (g *generator) responses(o operations.Operation) Schema {
	d := o.Doc
	ok := Schema{"description": d.Summary}
	if d.Response != nil {
		content := Schema{}
		for _, media := range mediaOr(d.ResponseMedia) {
			content[media] = g.media(media, d.Response, response)
		}
		ok["content"] = content
	}
	if o.Name == "export-users" {
		ok["headers"] = Schema{"Link": Schema{"description": "`</admin/export?cursor=…&limit=…>; rel=\"next\"` while more users remain.",
			"schema": Schema{"type": "string"}}}
	}
	out := Schema{fmt.Sprint(d.SuccessStatus()): ok}
	byStatus := Errors(o)
	statuses := make([]int, 0, len(byStatus))
	for s := range byStatus {
		statuses = append(statuses, s)
	}
	sort.Ints(statuses)
	for _, status := range statuses {
		out[fmt.Sprint(status)] = g.errorResponse(status, byStatus[status])
	}
	return out
}

// errorResponse is the error shape narrowed to the codes this operation
// answers with this status, with an example of each. A status with one
// code refers to that code's shared response.
func (g *generator) errorResponse(status int, codes []string) Schema {
	if len(codes) == 1 {
		g.single[codes[0]] = true
		return Schema{"$ref": "#/components/responses/" + codes[0]}
	}
	examples := Schema{}
	var desc []string
	for _, c := range codes {
		desc = append(desc, "`"+c+"`: "+codeMeaning[c])
		examples[c] = Schema{"$ref": "#/components/examples/" + c}
	}
	return g.errorResponseOf(status, codes, strings.Join(desc, "; "), examples)
}

// errorSchema is the Error component (generated from httpapi.ErrorBody)
// with its code narrowed to codes. Inline rather than an allOf over the
// component: with additionalProperties false on both levels an allOf
// cannot add a constraint to a property without lint tools flagging it.
// Each set of codes is one component ("Error.not_found", "Error.invalid_request.payload_too_large"...).
func (g *generator) errorSchema(codes []string) Schema {
	name := "Error." + strings.Join(codes, ".")
	if _, ok := g.components[name]; !ok {
		detail := deepCopy(g.errorDetail)
		detail["properties"].(Schema)["code"] = Schema{"type": "string", "enum": strs(codes...)}
		e := deepCopy(g.errorBody)
		e["properties"].(Schema)["error"] = detail
		g.components[name] = e
	}
	return Schema{"$ref": "#/components/schemas/" + name}
}

func deepCopy(s Schema) Schema {
	b, _ := json.Marshal(s)
	var out Schema
	_ = json.Unmarshal(b, &out)
	return out
}

func (g *generator) errorResponseOf(status int, codes []string, desc string, examples Schema) Schema {
	r := Schema{
		"description": desc,
		"content": Schema{"application/json": Schema{
			"schema":   g.errorSchema(codes),
			"examples": examples,
		}},
	}
	headers := Schema{}
	if slices.Contains(codes, "unauthenticated") || slices.Contains(codes, "step_up_required") {
		headers["WWW-Authenticate"] = Schema{"$ref": "#/components/headers/WWW-Authenticate"}
	}
	if status == 503 || status == 429 {
		headers["Retry-After"] = Schema{"$ref": "#/components/headers/Retry-After"}
	}
	if len(headers) > 0 {
		r["headers"] = headers
	}
	return r
}

// sharedErrors are the components the error answers refer to: per code an
// example and a response of that code alone, and the headers.
func (g *generator) sharedErrors() (examples, responses, headers Schema) {
	examples, responses = Schema{}, Schema{}
	for _, c := range errorCodes {
		examples[c] = Schema{"summary": c, "value": Schema{"error": Schema{"code": c, "message": codeMeaning[c]}}}
		if !g.single[c] {
			continue
		}
		responses[c] = g.errorResponseOf(codeStatus[c], []string{c}, "`"+c+"`: "+codeMeaning[c],
			Schema{c: Schema{"$ref": "#/components/examples/" + c}})
	}
	headers = Schema{
		"WWW-Authenticate": Schema{"description": "`Bearer`; for step_up_required the RFC 9470 challenge " +
			"`Bearer error=\"insufficient_user_authentication\", error_description=\"...\", max_age=N`.",
			"schema": Schema{"type": "string"}},
		"Retry-After": Schema{"description": "Seconds to wait before trying again.", "schema": Schema{"type": "integer"}},
	}
	return examples, responses, headers
}
