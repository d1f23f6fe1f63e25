package infra

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/jsii-runtime-go"
	"github.com/personaportal/portal/internal/httpapi"
	"github.com/personaportal/portal/internal/lambdaapp"
	"github.com/personaportal/portal/internal/operations"
)

// DashboardName is the name of the stack's CloudWatch dashboard.
const DashboardName = "persona-portal"

// newDashboard defines the one dashboard of the stack: per operation its
// requests, server and client errors, p99 duration (the EMF metrics every
// function's access log line carries, see httpapi.logRequest) and Lambda
// throttles; then the outbox's counts per send-email run. Operations come
// from the operations table, so a new one appears without a change here.
func newDashboard(stack awscdk.Stack, fns map[string]awslambda.Function) awscloudwatch.Dashboard {
	period := awscdk.Duration_Minutes(jsii.Number(5))
	emf := func(metric, op, stat string, extra map[string]*string) awscloudwatch.IMetric {
		dims := map[string]*string{"Operation": jsii.String(op)}
		for k, v := range extra {
			dims[k] = v
		}
		return awscloudwatch.NewMetric(&awscloudwatch.MetricProps{Namespace: jsii.String(httpapi.MetricNamespace),
			MetricName: jsii.String(metric), DimensionsMap: &dims, Statistic: jsii.String(stat), Period: period,
			Label: jsii.String(op)})
	}
	outcome := func(o string) map[string]*string { return map[string]*string{"Outcome": jsii.String(o)} }
	var requests, serverErrors, clientErrors, p99, throttles []awscloudwatch.IMetric
	for _, op := range operations.All {
		requests = append(requests, emf("Requests", op.Name, "Sum", nil))
		serverErrors = append(serverErrors, emf("Requests", op.Name, "Sum", outcome(httpapi.OutcomeServerError)))
		clientErrors = append(clientErrors, emf("Requests", op.Name, "Sum", outcome(httpapi.OutcomeClientError)))
		p99 = append(p99, emf("Duration", op.Name, "p99", nil))
		throttles = append(throttles, fns[op.Name].MetricThrottles(&awscloudwatch.MetricOptions{
			Period: period, Statistic: jsii.String("Sum"), Label: jsii.String(op.Name)}))
	}
	var outbox []awscloudwatch.IMetric
	for _, m := range lambdaapp.OutboxMetrics {
		outbox = append(outbox, awscloudwatch.NewMetric(&awscloudwatch.MetricProps{Namespace: jsii.String(httpapi.MetricNamespace),
			MetricName: jsii.String(m), Statistic: jsii.String("Sum"), Period: period, Label: jsii.String(m)}))
	}
	graph := func(title string, ms []awscloudwatch.IMetric) awscloudwatch.IWidget {
		return awscloudwatch.NewGraphWidget(&awscloudwatch.GraphWidgetProps{Title: jsii.String(title), Left: &ms,
			Width: jsii.Number(12), Height: jsii.Number(8), LegendPosition: awscloudwatch.LegendPosition_RIGHT})
	}
	d := awscloudwatch.NewDashboard(stack, jsii.String("Dashboard"), &awscloudwatch.DashboardProps{
		DashboardName: jsii.String(DashboardName)})
	d.AddWidgets(graph("Requests per operation", requests), graph("Server errors (5xx) per operation", serverErrors))
	d.AddWidgets(graph("Client errors (4xx) per operation", clientErrors), graph("p99 duration per operation (ms)", p99))
	d.AddWidgets(graph("Lambda throttles per operation", throttles), graph("Outbox per send-email run: queued, sent, retrying, rejected, abandoned", outbox))
	return d
}
