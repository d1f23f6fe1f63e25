package openapi_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/personaportal/portal/internal/localportal"
	"github.com/personaportal/portal/internal/nodetools"
	"github.com/personaportal/portal/internal/openapi"
	"github.com/personaportal/portal/internal/operations"
)

// redocly lints the document; pinned, installed by the test into .tools/
// (gitignored) on first use, like the SES emulator of internal/mail.
const redocly = "@redocly/cli@2.77.0"

func generate(t *testing.T) []byte {
	t.Helper()
	b, err := openapi.Generate(localportal.Operations())
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestTheCommittedDocumentIsWhatTheGeneratorWrites(t *testing.T) {
	committed, err := os.ReadFile(filepath.Join(nodetools.ModuleRoot(t), "docs", "openapi.json"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(committed, generate(t)) {
		t.Fatal("docs/openapi.json is stale: run make generate")
	}
}

type document struct {
	Paths map[string]map[string]struct {
		OperationID string           `json:"operationId"`
		Security    *[]any           `json:"security"`
		Tags        []string         `json:"tags"`
		Role        string           `json:"x-role"`
		Responses   map[string]any   `json:"responses"`
		Parameters  []map[string]any `json:"parameters"`
	} `json:"paths"`
}

func TestEveryOperationIsExactlyOnePathAndMethodOfTheDocumentAndNothingElseIs(t *testing.T) {
	var doc document
	if err := json.Unmarshal(generate(t), &doc); err != nil {
		t.Fatal(err)
	}
	want := map[string]operations.Operation{}
	for _, o := range localportal.Operations() {
		want[o.Method+" "+o.Path] = o
	}
	seen := map[string]bool{}
	for path, item := range doc.Paths {
		for method, op := range item {
			key := strings.ToUpper(method) + " " + path
			o, ok := want[key]
			switch {
			case !ok:
				t.Errorf("%s is in the document but no operation serves it", key)
			case op.OperationID != o.Name:
				t.Errorf("%s: operationId %q, the table says %q", key, op.OperationID, o.Name)
			case seen[o.Name]:
				t.Errorf("%s appears twice", o.Name)
			case op.Role != o.Role.String():
				t.Errorf("%s: x-role %q, the table says %q", o.Name, op.Role, o.Role)
			case (op.Security != nil && len(*op.Security) == 0) != (o.Role.String() == "public"):
				t.Errorf("%s: security %v does not match its role %s", o.Name, op.Security, o.Role)
			case op.Responses[itoa(o.Doc.SuccessStatus())] == nil:
				t.Errorf("%s: no %d answer", o.Name, o.Doc.SuccessStatus())
			}
			seen[o.Name] = true
		}
	}
	for _, o := range localportal.Operations() {
		if !seen[o.Name] {
			t.Errorf("%s (%s %s) is missing from the document", o.Name, o.Method, o.Path)
		}
	}
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

func TestErrorAnswersFollowTheRulesOfEachKindOfOperation(t *testing.T) {
	find := func(name string) operations.Operation {
		for _, o := range localportal.Operations() {
			if o.Name == name {
				return o
			}
		}
		t.Fatalf("no operation %s", name)
		return operations.Operation{}
	}
	for _, c := range []struct {
		name string
		op   string
		want map[int][]string
	}{
		{"healthz touches no dependency and needs no token", "healthz", map[int][]string{429: {"rate_limited"}, 500: {"internal"}}},
		{"a read of the caller's own data", "get-me", map[int][]string{401: {"unauthenticated"},
			403: {"profile_not_found", "profile_disabled"}, 429: {"rate_limited"}, 500: {"internal"}, 503: {"unavailable"}}},
		{"a tenant-admin write with a path parameter and a body", "patch-user", map[int][]string{
			400: {"invalid_request", "field_not_editable"}, 401: {"unauthenticated"},
			403: {"forbidden", "profile_not_found", "profile_disabled"}, 404: {"not_found"}, 409: {"conflict"},
			413: {"payload_too_large"}, 415: {"unsupported_media_type"}, 429: {"rate_limited"}, 500: {"internal"}, 503: {"unavailable"}}},
		{"selecting the active persona may ask for a step-up", "put-active-persona", map[int][]string{
			400: {"invalid_request"}, 401: {"unauthenticated", "step_up_required"}, 403: {"profile_not_found", "profile_disabled"},
			404: {"not_found"}, 409: {"conflict"}, 413: {"payload_too_large"}, 415: {"unsupported_media_type"},
			429: {"rate_limited"}, 500: {"internal"}, 503: {"unavailable"}}},
		{"a magic link may be spent", "get-magic-link", map[int][]string{401: {"unauthenticated"},
			403: {"profile_not_found", "profile_disabled"}, 404: {"not_found"}, 410: {"gone"}, 429: {"rate_limited"},
			500: {"internal"}, 503: {"unavailable"}}},
		{"a local-only route answers only what it names", "dev-login", map[int][]string{400: {"invalid_request"}, 500: {"internal"}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := openapi.Errors(find(c.op))
			if len(got) != len(c.want) {
				t.Fatalf("%v, want %v", got, c.want)
			}
			for status, codes := range c.want {
				if !slices.Equal(got[status], codes) {
					t.Errorf("%d: %v, want %v", status, got[status], codes)
				}
			}
		})
	}
}

// problem is a problem line of redocly's stylish format ("12:3  warning  rule  message").
var problem = regexp.MustCompile(`(?m)^\s*\d+:\d+\s+(warning|error)\s`)

func TestRedoclyFindsNoProblemInTheDocument(t *testing.T) {
	root := nodetools.ModuleRoot(t)
	bin := filepath.Join("node_modules", ".bin", "redocly")
	cli := filepath.Join(nodetools.Install(t, "redocly", redocly, bin), bin)
	// The generated document, not the committed one: the drift test
	// covers their difference, this one what the generator writes.
	path := filepath.Join(t.TempDir(), "openapi.json")
	if err := os.WriteFile(path, generate(t), 0o644); err != nil {
		t.Fatal(err)
	}
	lint := exec.Command(cli, "lint", "--config", filepath.Join(root, "redocly.yaml"), "--format", "stylish", path)
	lint.Env = append(os.Environ(), "REDOCLY_TELEMETRY=off", "REDOCLY_SUPPRESS_UPDATE_NOTICE=true")
	out, err := lint.CombinedOutput()
	if err != nil {
		t.Fatalf("redocly lint failed: %v\n%s", err, out)
	}
	// Warnings too: the rule set (redocly.yaml) turns off what does not
	// apply, so anything it still flags is to be fixed.
	if problem.Match(out) || !strings.Contains(string(out), "Your API description is valid") {
		t.Fatalf("redocly lint reports problems:\n%s", out)
	}
}

// openapiTypeScript generates the typed client's types (the portal's web
// client uses it); pinned, installed by the test into .tools/.
const openapiTypeScript = "openapi-typescript@7.13.0"

// An outside client can be generated from the document: openapi-typescript
// turns it into types with one entry per operation, without an error.
func TestATypeScriptClientIsGeneratedFromTheDocumentWithEveryOperation(t *testing.T) {
	bin := filepath.Join("node_modules", ".bin", "openapi-typescript")
	cli := filepath.Join(nodetools.Install(t, "openapi-typescript", openapiTypeScript, bin), bin)
	dir := t.TempDir()
	in, out := filepath.Join(dir, "openapi.json"), filepath.Join(dir, "api.d.ts")
	if err := os.WriteFile(in, generate(t), 0o644); err != nil {
		t.Fatal(err)
	}
	gen := exec.Command(cli, in, "--output", out)
	if msg, err := gen.CombinedOutput(); err != nil || strings.Contains(strings.ToLower(string(msg)), "error") {
		t.Fatalf("openapi-typescript: %v\n%s", err, msg)
	}
	ts, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	ops := string(ts)[strings.Index(string(ts), "export interface operations"):]
	for _, op := range localportal.Operations() {
		// Names that are identifiers go unquoted ("healthz: {").
		if !strings.Contains(ops, `"`+op.Name+`": {`) && !strings.Contains(ops, "\n    "+op.Name+": {") {
			t.Errorf("the generated client has no operation %s", op.Name)
		}
	}
}
