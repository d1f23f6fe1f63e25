package infra

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/aws/jsii-runtime-go"
	"github.com/personaportal/portal/internal/operations"
)

type statement struct {
	Sid       string
	Action    any
	Resource  any
	Condition map[string]any
}

func (s statement) actions() []string { return strs(s.Action) }

func strs(v any) []string {
	switch x := v.(type) {
	case string:
		return []string{x}
	case []any:
		var out []string
		for _, e := range x {
			if s, ok := e.(string); ok {
				out = append(out, s)
			} else {
				b, _ := json.Marshal(e)
				out = append(out, string(b))
			}
		}
		return out
	}
	b, _ := json.Marshal(v)
	return []string{string(b)}
}

// policyOf returns the statements of the inline policy of the role an
// operation's function runs with.
func policyOf(t *testing.T, op operations.Operation) []statement {
	t.Helper()
	tpl := stackTemplate(t)
	roleID := ""
	for _, fn := range *tpl.FindResources(jsii.String("AWS::Lambda::Function"), nil) {
		desc := jsonPath(fn, "Properties", "Description")
		if desc == op.Pattern() || strings.HasPrefix(desc, op.Name+" (") {
			var ref []string
			_ = json.Unmarshal([]byte(jsonPath(fn, "Properties", "Role", "Fn::GetAtt")), &ref)
			if len(ref) > 0 {
				roleID = ref[0]
			}
		}
	}
	if roleID == "" {
		t.Fatalf("no function found for %s", op.Name)
	}
	var out []statement
	for _, raw := range *tpl.FindResources(jsii.String("AWS::IAM::Policy"), nil) {
		b, _ := json.Marshal(raw)
		var p struct {
			Properties struct {
				PolicyDocument struct{ Statement []statement }
				Roles          []map[string]string
			}
		}
		_ = json.Unmarshal(b, &p)
		for _, r := range p.Properties.Roles {
			if r["Ref"] == roleID {
				out = append(out, p.Properties.PolicyDocument.Statement...)
			}
		}
	}
	if len(out) == 0 {
		t.Fatalf("no policy found for %s", op.Name)
	}
	return out
}

var writeActions = []string{"dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem"}

func TestGivenAReadOnlyOperationThenItsRoleHasNoWriteAction(t *testing.T) {
	for _, op := range operations.All {
		if !op.ReadOnly() {
			continue
		}
		reads, invokes := false, false
		for _, s := range policyOf(t, op) {
			for _, a := range s.actions() {
				reads = reads || a == "dynamodb:Query" || a == "dynamodb:GetItem"
				invokes = invokes || a == "lambda:InvokeFunction"
				if slices.Contains(writeActions, a) || strings.HasPrefix(a, "ses:") {
					t.Errorf("read-only %s may %s", op.Name, a)
				}
			}
		}
		if op.Role != 0 && (!reads || !invokes) { // healthz (public) touches nothing
			t.Errorf("%s: reads=%v, may invoke provision-identity=%v", op.Name, reads, invokes)
		}
	}
}

func TestGivenTheProvisionFunctionThenItWritesTheTableAndServesNoRoute(t *testing.T) {
	op, _ := operations.Find(operations.ProvisionIdentity)
	writes := false
	for _, s := range policyOf(t, op) {
		for _, a := range s.actions() {
			writes = writes || a == "dynamodb:PutItem"
		}
	}
	if !writes {
		t.Error("provision-identity cannot write")
	}
}

func TestGivenAWritingFunctionThenItsRoleWritesTheTableAndOnlySendEmailMails(t *testing.T) {
	patch, _ := operations.Find("patch-me")
	invite, _ := operations.Find("create-invitation")
	sender, _ := operations.Find(operations.SendEmail)
	for _, c := range []struct {
		op        operations.Operation
		wantEmail bool
	}{{patch, false}, {invite, false}, {sender, true}} {
		writes, mails := false, false
		for _, s := range policyOf(t, c.op) {
			for _, a := range s.actions() {
				writes = writes || a == "dynamodb:PutItem"
				if a == "ses:SendEmail" {
					mails = true
					if r := strs(s.Resource); len(r) != 1 || !strings.Contains(r[0], ":identity/portal.test") {
						t.Errorf("%s sends e-mail as %v", c.op.Name, r)
					}
				}
			}
		}
		if !writes || mails != c.wantEmail {
			t.Errorf("%s: writes=%v mails=%v", c.op.Name, writes, mails)
		}
	}
}

func TestNoStatementGrantsEveryActionOnEveryResource(t *testing.T) {
	for _, op := range operations.Functions() {
		for _, s := range policyOf(t, op) {
			for _, a := range s.actions() {
				if a == "*" || strings.HasSuffix(a, ":*") {
					t.Errorf("%s: action %s", op.Name, a)
				}
			}
			if slices.Contains(strs(s.Resource), "*") {
				for _, a := range s.actions() {
					if !strings.HasPrefix(a, "xray:") {
						t.Errorf("%s: %s on every resource", op.Name, a)
					}
				}
			}
		}
	}
}
