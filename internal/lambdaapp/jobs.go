package lambdaapp

import (
	"context"
	"log/slog"

	"github.com/aws/aws-lambda-go/events"
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
			log.InfoContext(ctx, "send-email", "sent", rep.Sent, "retrying", rep.Retrying, "rejected", rep.Rejected,
				"abandoned", rep.Abandoned, "skipped", rep.Skipped, "err", err)
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
