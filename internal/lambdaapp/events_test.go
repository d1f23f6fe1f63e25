package lambdaapp_test

import (
	"bytes"
	"context"
	"encoding/json"
	"github.com/personaportal/portal/internal/lambdaapp"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-lambda-go/events"
	"github.com/awslabs/aws-lambda-go-api-proxy/httpadapter"
	"github.com/personaportal/portal/internal/operations"
	"github.com/personaportal/portal/internal/sampleevents"
)

const eventsDir = "../../events"

func TestEveryOperationHasItsSampleEvent(t *testing.T) {
	files := map[string]bool{}
	entries, err := os.ReadDir(eventsDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".json") && e.Name() != "sam-env.json" {
			files[strings.TrimSuffix(e.Name(), ".json")] = true
		}
	}
	for _, op := range operations.Functions() {
		want, ok := sampleevents.File(op)
		if !ok {
			t.Errorf("operation %s has no sample (internal/sampleevents.Specs)", op.Name)
			continue
		}
		got, err := os.ReadFile(filepath.Join(eventsDir, op.Name+".json"))
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("events/%s.json is missing or differs from its sample (run make generate)", op.Name)
		}
		delete(files, op.Name)
	}
	for f := range files {
		t.Errorf("events/%s.json names no operation", f)
	}
}

// serveEvent runs an event through an operation's Lambda handler, exactly as
// its main.go starts it, against a fresh embedded DynamoDB with the fixture.
func serveEvent(t *testing.T, name string, ev events.APIGatewayV2HTTPRequest) events.APIGatewayV2HTTPResponse {
	t.Helper()
	ctx := context.Background()
	db, _ := fixtureStore(t)
	env := map[string]string{"TABLE_NAME": "portal", "DYNAMODB_ENDPOINT": db.URL, "DYNAMODB_MAX_ATTEMPTS": "1"}
	cfg, err := lambdaapp.ConfigFromEnv(func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	h, err := httpHandler(ctx, cfg, name)
	if err != nil {
		t.Fatal(err)
	}
	res, err := httpadapter.NewV2(h).ProxyWithContext(ctx, ev)
	if err != nil {
		t.Fatalf("%s: proxy: %v", name, err)
	}
	return res
}

func TestEverySampleEventAnswersItsDocumentedStatus(t *testing.T) {
	for _, op := range operations.All {
		t.Run(op.Name, func(t *testing.T) {
			t.Parallel()
			raw, err := os.ReadFile(filepath.Join(eventsDir, op.Name+".json"))
			if err != nil {
				t.Fatal(err)
			}
			var ev events.APIGatewayV2HTTPRequest
			if err := json.Unmarshal(raw, &ev); err != nil {
				t.Fatal(err)
			}
			res := serveEvent(t, op.Name, ev)
			if want := sampleevents.Specs[op.Name].Status; res.StatusCode != want {
				t.Fatalf("status %d, want %d: %s", res.StatusCode, want, res.Body)
			}
		})
	}
}

// The API Gateway v2 sample events that ship with aws-lambda-go (other
// authorizers, no authorizer, unknown claims, a path no function serves)
// answer a clean 401 or 404: never a panic, never a 5xx.
func TestForeignEventsAnswerCleanly(t *testing.T) {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/aws/aws-lambda-go").Output()
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(strings.TrimSpace(string(out)), "events", "testdata", "apigw-v2-request-*.json"))
	if len(files) < 3 {
		t.Fatalf("found %d aws-lambda-go sample events", len(files))
	}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range []string{"get-me", "patch-user", "accept-request", "list-audit"} {
			op, _ := operations.Find(name)
			var ev events.APIGatewayV2HTTPRequest
			if err := json.Unmarshal(raw, &ev); err != nil {
				t.Fatal(err)
			}
			if res := serveEvent(t, name, ev); res.StatusCode != 404 {
				t.Errorf("%s via %s as shipped: %d %s", filepath.Base(f), name, res.StatusCode, res.Body)
			}
			// The same event aimed at the function's own route: no valid claims.
			ev.RawPath = sampleevents.Specs[name].Path
			ev.RequestContext.HTTP.Method = op.Method
			if res := serveEvent(t, name, ev); res.StatusCode != 401 {
				t.Errorf("%s via %s on its route: %d %s", filepath.Base(f), name, res.StatusCode, res.Body)
			}
		}
	}
}
