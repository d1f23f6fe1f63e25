package lambdaapp

import (
	"context"
	"log/slog"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/personaportal/portal/internal/httpapi"
	"github.com/personaportal/portal/internal/portal"
)

// SendEmailHandler is the send-email function's handler: each scheduled
// event delivers one batch of the outbox. An error makes EventBridge retry
// the invocation (then the dead-letter queue); the messages themselves are
// safe in the table either way.
func SendEmailHandler(ms *portal.MailSender, log *slog.Logger) func(context.Context, events.EventBridgeEvent) (portal.SendReport, error) {
	return func(ctx context.Context, _ events.EventBridgeEvent) (portal.SendReport, error) {
		rep, err := ms.RunOnce(ctx)
		if log != nil {
			// Also an embedded-metric-format record: the outbox's counts
			// become CloudWatch metrics (the stack's dashboard shows them).
			log.InfoContext(ctx, "send-email", "queued", rep.Queued, "sent", rep.Sent, "retrying", rep.Retrying,
				"rejected", rep.Rejected, "abandoned", rep.Abandoned, "skipped", rep.Skipped, "err", err,
				"OutboxQueued", rep.Queued, "OutboxSent", rep.Sent, "OutboxRetrying", rep.Retrying,
				"OutboxRejected", rep.Rejected, "OutboxAbandoned", rep.Abandoned,
				"_aws", outboxMetrics(time.Now()))
		}
		return rep, err
	}
}

// ExpireHandler is the expire function's handler: each scheduled event
// expires one batch of due items.
func ExpireHandler(x *portal.Expirer, log *slog.Logger) func(context.Context, events.EventBridgeEvent) (portal.ExpireReport, error) {
	return func(ctx context.Context, _ events.EventBridgeEvent) (portal.ExpireReport, error) {
		rep, err := x.RunOnce(ctx)
		if log != nil {
			log.InfoContext(ctx, "expire", "requests", rep.Requests, "delegations", rep.Delegations, "personas", rep.Personas,
				"skipped", rep.Skipped, "err", err)
		}
		return rep, err
	}
}

// OutboxMetrics are the metrics the send-email job reports per run.
var OutboxMetrics = []string{"OutboxQueued", "OutboxSent", "OutboxRetrying", "OutboxRejected", "OutboxAbandoned"}

// outboxMetrics is the _aws member of the send-email job's EMF record: the
// outbox counts, without dimensions, in the API's namespace.
func outboxMetrics(at time.Time) map[string]any {
	ms := make([]map[string]string, len(OutboxMetrics))
	for i, m := range OutboxMetrics {
		ms[i] = map[string]string{"Name": m, "Unit": "Count"}
	}
	return map[string]any{"Timestamp": at.UnixMilli(), "CloudWatchMetrics": []map[string]any{{
		"Namespace": httpapi.MetricNamespace, "Dimensions": [][]string{{}}, "Metrics": ms}}}
}
