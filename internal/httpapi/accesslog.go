package httpapi

import (
	"context"
	"log/slog"
	"time"
)

// MetricNamespace is the CloudWatch namespace of the API's metrics.
const MetricNamespace = "PersonaPortal"

// Outcomes of a request, the metric dimension beside the operation.
const (
	OutcomeSuccess     = "success"
	OutcomeClientError = "client_error"
	OutcomeServerError = "server_error"
)

// requestInfo is what the access log line says of a request beyond its
// status: the middleware makes it, the operation's handler fills it in as
// it learns who the caller is.
type requestInfo struct {
	operation, route string
	tenant, userID   string
}

type requestInfoKey struct{}

func infoFrom(ctx context.Context) *requestInfo {
	if ri, ok := ctx.Value(requestInfoKey{}).(*requestInfo); ok {
		return ri
	}
	return &requestInfo{} // outside the middleware (a handler under test): nowhere to report
}

func outcome(status int) string {
	switch {
	case status >= 500:
		return OutcomeServerError
	case status >= 400:
		return OutcomeClientError
	}
	return OutcomeSuccess
}

// logRequest writes the one access log line of a request. It names the
// route pattern, never the path: a path may carry a magic-link token. No
// header, body or attribute value is logged. With EMF set, the same line
// is a CloudWatch embedded-metric-format record: Requests and Duration per
// operation and outcome, with no call to CloudWatch at run time.
func (a *API) logRequest(ctx context.Context, ri *requestInfo, method string, status, calls int, took time.Duration) {
	if a.Log == nil {
		return
	}
	op := ri.operation
	switch {
	case op == "" && ri.route != "":
		op = ri.route // a local-only route (/dev/*)
	case op == "":
		op = "unrouted"
	}
	ms := float64(took.Microseconds()) / 1000
	attrs := []slog.Attr{
		slog.String("request_id", RequestID(ctx)), slog.String("operation", op), slog.String("method", method),
		slog.String("route", ri.route), slog.Int("status", status), slog.String("outcome", outcome(status)),
		slog.Float64("duration_ms", ms), slog.Int("dynamodb_calls", calls),
		slog.String("tenant", ri.tenant), slog.String("user_id", ri.userID),
	}
	if a.EMF {
		attrs = append(attrs, slog.String("Operation", op), slog.String("Outcome", outcome(status)),
			slog.Int("Requests", 1), slog.Float64("Duration", ms),
			slog.Any("_aws", emfMetadata(time.Now())))
	}
	a.Log.LogAttrs(ctx, slog.LevelInfo, "request", attrs...)
}

// emfMetadata is the _aws member of an embedded-metric-format record.
func emfMetadata(at time.Time) map[string]any {
	return map[string]any{
		"Timestamp": at.UnixMilli(),
		"CloudWatchMetrics": []map[string]any{{
			"Namespace":  MetricNamespace,
			"Dimensions": [][]string{{"Operation", "Outcome"}, {"Operation"}},
			"Metrics": []map[string]string{
				{"Name": "Requests", "Unit": "Count"},
				{"Name": "Duration", "Unit": "Milliseconds"},
			},
		}},
	}
}
