package infra

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/aws/jsii-runtime-go"
	"github.com/personaportal/portal/internal/httpapi"
	"github.com/personaportal/portal/internal/lambdaapp"
	"github.com/personaportal/portal/internal/operations"
)

func TestGivenTheOperationsThenTheDashboardShowsEachOnesRequestsErrorsLatencyAndThrottles(t *testing.T) {
	tpl := stackTemplate(t)
	dashboards := *tpl.FindResources(jsii.String("AWS::CloudWatch::Dashboard"), nil)
	if len(dashboards) != 1 {
		t.Fatalf("%d dashboards, want 1", len(dashboards))
	}
	for _, d := range dashboards {
		raw, _ := json.Marshal(d)
		// The body is a Fn::Join (it names the functions for their throttles):
		// its JSON, escaped once more, is what the checks read.
		body := strings.ReplaceAll(string(raw), `\"`, `"`)
		if !strings.Contains(body, `"DashboardName":"`+DashboardName+`"`) {
			t.Errorf("dashboard name: %.200s", body)
		}
		for _, want := range []string{
			`"` + httpapi.MetricNamespace + `","Requests","Operation"`, `"Outcome","` + httpapi.OutcomeServerError + `"`,
			`"Outcome","` + httpapi.OutcomeClientError + `"`, `"stat":"p99"`, `"AWS/Lambda","Throttles"`,
			"Requests per operation", "p99 duration per operation",
		} {
			if !strings.Contains(body, want) {
				t.Errorf("the dashboard has no %s", want)
			}
		}
		for _, op := range operations.All {
			if n := strings.Count(body, `"Operation","`+op.Name+`"`); n < 4 {
				t.Errorf("operation %s appears in %d metrics, want requests, server and client errors and p99", op.Name, n)
			}
		}
		for _, m := range lambdaapp.OutboxMetrics {
			if !strings.Contains(body, `"`+httpapi.MetricNamespace+`","`+m+`"`) {
				t.Errorf("the dashboard has no outbox metric %s", m)
			}
		}
	}
}

func TestGivenTheFunctionsThenEachIsTracedWithXRay(t *testing.T) {
	fns := portalFunctions(stackTemplate(t))
	if len(fns) != len(operations.Functions()) {
		t.Fatalf("%d functions, want %d", len(fns), len(operations.Functions()))
	}
	for id, fn := range fns {
		if got := jsonPath(fn, "Properties", "TracingConfig", "Mode"); got != "Active" {
			t.Errorf("%s: tracing mode %s, want Active", id, got)
		}
	}
}
