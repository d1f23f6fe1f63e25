package lambdaapp_test

import (
	"context"
	"fmt"
	"github.com/personaportal/portal/internal/lambdaapp"
	"net/http"
	"os"
	"path/filepath"
	"testing"

	"github.com/personaportal/portal/internal/auth"
	"github.com/personaportal/portal/internal/lambdaapp/invoke"
	"github.com/personaportal/portal/internal/lambdaapp/source"
	"github.com/personaportal/portal/internal/operations"
)

func TestEveryOperationHasExactlyItsFunctionFolder(t *testing.T) {
	root := filepath.Join("..", "..", "functions")
	entries, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	dirs := map[string]bool{}
	for _, e := range entries {
		if e.IsDir() && e.Name() != "local" {
			dirs[e.Name()] = true
		}
	}
	for _, op := range operations.Functions() {
		if !dirs[op.Name] {
			t.Errorf("operation %s has no folder functions/%s (run make generate)", op.Name, op.Name)
			continue
		}
		delete(dirs, op.Name)
		got, err := os.ReadFile(filepath.Join(root, op.Name, "main.go"))
		if err != nil || string(got) != source.FunctionSource(op) {
			t.Errorf("functions/%s/main.go differs from what the operations table generates (run make generate)", op.Name)
		}
	}
	for d := range dirs {
		t.Errorf("functions/%s names no operation", d)
	}
}

func TestConfigFailsFastWithoutATable(t *testing.T) {
	env := map[string]string{}
	get := func(k string) string { return env[k] }
	if _, err := lambdaapp.ConfigFromEnv(get); err == nil {
		t.Fatal("a function without TABLE_NAME would start")
	}
	env["TABLE_NAME"], env["DYNAMODB_MAX_ATTEMPTS"] = "portal", "zero"
	if _, err := lambdaapp.ConfigFromEnv(get); err == nil {
		t.Fatal("a bad DYNAMODB_MAX_ATTEMPTS was accepted")
	}
	env["DYNAMODB_MAX_ATTEMPTS"], env["TENANT_CLAIM"], env["GROUPS_CLAIM"], env["ADMIN_GROUP"] = "2", "custom:tenant", "cognito:groups", "admins"
	c, err := lambdaapp.ConfigFromEnv(get)
	if err != nil || c.MaxAttempts != 2 || c.Claims != (auth.Config{TenantClaim: "custom:tenant", GroupsClaim: "cognito:groups", AdminGroup: "admins"}) {
		t.Fatalf("%+v %v", c, err)
	}
}

// httpHandler builds an operation's HTTP handler as its generated main.go
// does: its route, its handler method and, for a read-only operation, the
// provisioner that invokes provision-identity.
func httpHandler(ctx context.Context, cfg lambdaapp.Config, name string) (http.Handler, error) {
	op, ok := operations.Find(name)
	if !ok || op.Method == "" {
		return nil, fmt.Errorf("no HTTP operation %q", name)
	}
	var p lambdaapp.NewProvisioner
	if op.InvokesProvision() {
		p = invoke.Provisioner
	}
	return lambdaapp.HTTPHandler(ctx, cfg, lambdaapp.Route{Name: op.Name, Method: op.Method, Path: op.Path, Role: op.Role}, op.Handler, p, nil)
}
