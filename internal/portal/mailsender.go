package portal

import (
	"context"
	"errors"
	"time"

	"github.com/personaportal/portal/internal/apierr"
	"github.com/personaportal/portal/internal/domain"
	"github.com/personaportal/portal/internal/mail"
	"github.com/personaportal/portal/internal/store"
)

// Mailer delivers one e-mail (SES in AWS, the dev outbox locally).
type Mailer interface {
	Send(ctx context.Context, m mail.Message) error
}

// MailSender is the send-email job: it delivers the outbox's due messages.
// Each message is first claimed with a conditional write (of two runners,
// one wins), then sent, then marked: sent; rejected (a permanent failure,
// never retried); queued again with backoff (a transient one); abandoned
// after MaxAttempts. A runner that dies after claiming leaves the message
// due again when its lease ends.
type MailSender struct {
	store       Store
	mailer      Mailer
	now         domain.Clock
	Batch       int32
	MaxAttempts int
	Lease       time.Duration
}

// NewMailSender returns the job with its defaults: batches of 25, five
// attempts, a two-minute lease.
func NewMailSender(st Store, m Mailer, now domain.Clock) *MailSender {
	return &MailSender{store: st, mailer: m, now: now.OrSystem(), Batch: 25, MaxAttempts: 5, Lease: 2 * time.Minute}
}

// SendReport counts what one run did.
type SendReport struct {
	Queued    int `json:"queued"` // due when the run started
	Sent      int `json:"sent"`
	Retrying  int `json:"retrying"`
	Rejected  int `json:"rejected"`
	Abandoned int `json:"abandoned"`
	Skipped   int `json:"skipped"` // claimed by another runner
}

// Backoff is the wait before attempt n+1 after n transient failures.
func Backoff(n int) time.Duration {
	d := 30 * time.Second << (n - 1)
	if d > time.Hour || d <= 0 {
		return time.Hour
	}
	return d
}

// RunOnce delivers one batch of due messages.
func (ms *MailSender) RunOnce(ctx context.Context) (SendReport, error) {
	var rep SendReport
	now := ms.now()
	due, err := ms.store.DueMail(ctx, now, ms.Batch)
	if err != nil {
		return rep, err
	}
	rep.Queued = len(due)
	for _, o := range due {
		claim := o
		claim.Status, claim.DueAt = store.MailSending, now.Add(ms.Lease)
		if err := ms.store.SaveMail(ctx, o, claim); err != nil {
			if errors.Is(err, apierr.KindConflict) {
				rep.Skipped++
				continue
			}
			return rep, err
		}
		claim.Version = o.Version + 1
		next := claim
		switch err := ms.mailer.Send(ctx, o.Message); {
		case err == nil:
			next.Status, next.LastError = store.MailSent, ""
			rep.Sent++
		case mail.Permanent(err):
			next.Status, next.LastError = store.MailRejected, err.Error()
			rep.Rejected++
		default:
			next.Attempts++
			next.LastError = err.Error()
			if next.Attempts >= ms.MaxAttempts {
				next.Status = store.MailAbandoned
				rep.Abandoned++
			} else {
				next.Status, next.DueAt = store.MailQueued, now.Add(Backoff(next.Attempts))
				rep.Retrying++
			}
		}
		if err := ms.store.SaveMail(ctx, claim, next); err != nil {
			return rep, err
		}
	}
	return rep, nil
}
