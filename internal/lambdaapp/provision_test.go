package lambdaapp_test

import (
	"bytes"
	"context"
	"encoding/json"
	"github.com/personaportal/portal/internal/lambdaapp"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/awslabs/aws-lambda-go-api-proxy/httpadapter"
	"github.com/personaportal/portal/internal/embedded"
	"github.com/personaportal/portal/internal/mail"
	"github.com/personaportal/portal/internal/operations"
	"github.com/personaportal/portal/internal/portal"
	"github.com/personaportal/portal/internal/sampleevents"
	"github.com/personaportal/portal/internal/store"
)

// A read-only function meets a caller for the first time: it invokes the
// provision-identity function (here behind a stand-in of the Lambda Invoke
// API, through the real SDK client) and serves the request with the
// profile that function created.
func TestAReadOnlyFunctionProvisionsThroughTheProvisionFunction(t *testing.T) {
	ctx := context.Background()
	db, st := fixtureStore(t)
	provision := lambdaapp.ProvisionHandler(portal.New(st, nil), st)
	var invocations atomic.Int32
	lambdaAPI := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != "POST" || r.URL.Path != "/2015-03-31/functions/provision-fn/invocations" {
			http.NotFound(w, r)
			return
		}
		invocations.Add(1)
		var req lambdaapp.ProvisionRequest
		_ = json.NewDecoder(r.Body).Decode(&req)
		res, err := provision(r.Context(), req)
		if err != nil {
			w.Header().Set("X-Amz-Function-Error", "Unhandled")
			_ = json.NewEncoder(w).Encode(map[string]string{"errorMessage": err.Error()})
			return
		}
		_ = json.NewEncoder(w).Encode(res)
	}))
	defer lambdaAPI.Close()

	env := map[string]string{"TABLE_NAME": "portal", "DYNAMODB_ENDPOINT": db.URL, "DYNAMODB_MAX_ATTEMPTS": "1",
		"PROVISION_FUNCTION": "provision-fn", "LAMBDA_ENDPOINT": lambdaAPI.URL}
	cfg, err := lambdaapp.ConfigFromEnv(func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	h, err := httpHandler(ctx, cfg, "get-me")
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile(filepath.Join(eventsDir, "get-me.json"))
	call := func(sub, email, verified string) events.APIGatewayV2HTTPResponse {
		var ev events.APIGatewayV2HTTPRequest
		_ = json.Unmarshal(raw, &ev)
		claims := ev.RequestContext.Authorizer.JWT.Claims
		claims["sub"], claims["email"], claims["email_verified"] = sub, email, verified
		res, err := httpadapter.NewV2(h).ProxyWithContext(ctx, ev)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	res := call("sample|newcomer", "newcomer@sample.test", "true")
	if res.StatusCode != 200 || !strings.Contains(res.Body, `"email":"newcomer@sample.test"`) || invocations.Load() != 1 {
		t.Fatalf("first sight through the provision function: %d %s (%d invocations)", res.StatusCode, res.Body, invocations.Load())
	}
	// Linked now: no further invocation.
	if res := call("sample|newcomer", "newcomer@sample.test", "true"); res.StatusCode != 200 || invocations.Load() != 1 {
		t.Fatalf("second request: %d, %d invocations", res.StatusCode, invocations.Load())
	}
	// An unverified e-mail that another profile holds: the function's 403 reaches the caller.
	if res := call("sample|impostor", "alice@sample.test", "false"); res.StatusCode != 403 || !strings.Contains(res.Body, "profile_not_found") {
		t.Fatalf("impostor: %d %s", res.StatusCode, res.Body)
	}
	// The provision function down: 503, nothing half-done.
	lambdaAPI.Close()
	if res := call("sample|late", "late@sample.test", "true"); res.StatusCode != 503 {
		t.Fatalf("provision function unreachable: %d %s", res.StatusCode, res.Body)
	}
}

func TestTheProvisionSampleEventProvisions(t *testing.T) {
	ctx := context.Background()
	_, st := fixtureStore(t)
	raw, err := os.ReadFile(filepath.Join(eventsDir, "provision-identity.json"))
	if err != nil {
		t.Fatal(err)
	}
	var req lambdaapp.ProvisionRequest
	if err := json.Unmarshal(raw, &req); err != nil {
		t.Fatal(err)
	}
	counted, calls := store.WithCallCounter(ctx)
	res, err := lambdaapp.ProvisionHandler(portal.New(st, nil), st)(counted, req)
	if err != nil || res.UserID == "" || res.Error != nil {
		t.Fatalf("%+v %v", res, err)
	}
	op, _ := operations.Find(operations.ProvisionIdentity)
	if calls.Count() > op.Budget {
		t.Fatalf("provisioning made %d round trips, budget %d", calls.Count(), op.Budget)
	}
}

// The send-email function's sample (scheduled) event delivers the outbox.
func TestTheSendEmailSampleEventDeliversTheOutbox(t *testing.T) {
	ctx := context.Background()
	db, st := fixtureStore(t)
	// Something to deliver: Alice lends a persona (two e-mails queued with it).
	raw, _ := os.ReadFile(filepath.Join(eventsDir, "lend-persona.json"))
	var ev events.APIGatewayV2HTTPRequest
	_ = json.Unmarshal(raw, &ev)
	env := map[string]string{"TABLE_NAME": "portal", "DYNAMODB_ENDPOINT": db.URL}
	cfg, _ := lambdaapp.ConfigFromEnv(func(k string) string { return env[k] })
	h, err := httpHandler(ctx, cfg, "lend-persona")
	if err != nil {
		t.Fatal(err)
	}
	if res, err := httpadapter.NewV2(h).ProxyWithContext(ctx, ev); err != nil || res.StatusCode != 201 {
		t.Fatalf("%v %+v", err, res)
	}
	var scheduled events.EventBridgeEvent
	raw, _ = os.ReadFile(filepath.Join(eventsDir, "send-email.json"))
	if err := json.Unmarshal(raw, &scheduled); err != nil {
		t.Fatal(err)
	}
	outbox := &mail.Outbox{}
	var logs bytes.Buffer
	rep, err := lambdaapp.SendEmailHandler(portal.NewMailSender(st, outbox, nil), slog.New(slog.NewJSONHandler(&logs, nil)))(ctx, scheduled)
	if err != nil || rep.Queued != 2 || rep.Sent != 2 || len(outbox.List("")) != 2 {
		t.Fatalf("%+v %v", rep, err)
	}
	// The run's log line is an EMF record of the outbox's counts.
	var line struct {
		OutboxQueued, OutboxSent, OutboxAbandoned *int
		AWS                                       struct {
			CloudWatchMetrics []struct {
				Namespace string
				Metrics   []struct{ Name string }
			}
		} `json:"_aws"`
	}
	if err := json.Unmarshal(logs.Bytes(), &line); err != nil || line.OutboxQueued == nil || *line.OutboxSent != 2 ||
		*line.OutboxAbandoned != 0 || len(line.AWS.CloudWatchMetrics) != 1 ||
		line.AWS.CloudWatchMetrics[0].Namespace != "PersonaPortal" || len(line.AWS.CloudWatchMetrics[0].Metrics) != len(lambdaapp.OutboxMetrics) {
		t.Fatalf("send-email log line: %v %s", err, logs.String())
	}
	for _, secret := range []string{"Carol", "@"} {
		if bytes.Contains(logs.Bytes(), []byte(secret)) {
			t.Fatalf("the job's log names a recipient or a body: %s", logs.String())
		}
	}
}

// The expire function's sample (scheduled) event runs against the fixture:
// nothing is due yet, and nothing fails.
func TestTheExpireSampleEventRuns(t *testing.T) {
	ctx := context.Background()
	_, st := fixtureStore(t)
	var scheduled events.EventBridgeEvent
	raw, _ := os.ReadFile(filepath.Join(eventsDir, "expire.json"))
	if err := json.Unmarshal(raw, &scheduled); err != nil {
		t.Fatal(err)
	}
	rep, err := lambdaapp.ExpireHandler(portal.NewExpirer(st, nil), nil)(ctx, scheduled)
	if err != nil || rep != (portal.ExpireReport{}) {
		t.Fatalf("%+v %v", rep, err)
	}
	// Two weeks on, the fixture's four pending requests and its loan are due.
	later := portal.NewExpirer(st, func() time.Time { return time.Now().Add(15 * 24 * time.Hour).UTC().Truncate(time.Second) })
	if rep, err := lambdaapp.ExpireHandler(later, nil)(ctx, scheduled); err != nil || rep.Requests != 4 || rep.Delegations != 1 {
		t.Fatalf("%+v %v", rep, err)
	}
}

// fixtureStore starts an embedded DynamoDB holding the sample fixture.
func fixtureStore(t *testing.T) (*embedded.DynamoDB, *store.Store) {
	t.Helper()
	db, err := embedded.Start(nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	client, err := db.Client(context.Background(), "portal", 1)
	if err != nil {
		t.Fatal(err)
	}
	st := store.New(client, "portal")
	if err := sampleevents.Fixture(context.Background(), st, time.Now()); err != nil {
		t.Fatal(err)
	}
	return db, st
}
