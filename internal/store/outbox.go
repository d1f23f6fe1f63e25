package store

import (
	"context"
	"time"

	"github.com/personaportal/portal/internal/apierr"
	"github.com/personaportal/portal/internal/mail"
)

// E-mails go through an outbox in the table: a message is written in the
// same transaction as the change that causes it, so it exists exactly when
// its cause does, and the send-email job delivers it. While a message is
// waiting it sits in the job index (gsi1, partition jobDueMail) under the
// time it is next due; delivered, rejected and abandoned messages leave it.

// Mail statuses.
const (
	MailQueued    = "queued"
	MailSending   = "sending"
	MailSent      = "sent"
	MailRejected  = "rejected"  // SES refused it permanently: never retried
	MailAbandoned = "abandoned" // too many transient failures
)

// jobDueMail is the job index partition of waiting messages; finished ones
// move to jobDoneMail (rather than leaving the index: the embedded emulator
// mishandles items that drop their index keys). These are the partition
// keys not under a tenant: the send-email job serves every tenant.
const (
	jobDueMail  = "JOB#MAIL#DUE"
	jobDoneMail = "JOB#MAIL#DONE"
)

type outboxItem struct {
	PK        string       `dynamodbav:"pk"`
	SK        string       `dynamodbav:"sk"`
	GSI1PK    string       `dynamodbav:"gsi1pk"`
	GSI1SK    string       `dynamodbav:"gsi1sk"`
	Kind      string       `dynamodbav:"kind"`
	Tenant    string       `dynamodbav:"tenant"`
	Message   mail.Message `dynamodbav:"message"`
	Status    string       `dynamodbav:"status"`
	Attempts  int          `dynamodbav:"attempts"`
	DueAt     time.Time    `dynamodbav:"due_at"`
	LastError string       `dynamodbav:"last_error"`
	Version   int64        `dynamodbav:"version"`
}

// Outbound is a message of the outbox.
type Outbound struct {
	Tenant    string
	Message   mail.Message
	Status    string
	Attempts  int
	DueAt     time.Time
	LastError string
	Version   int64
}

func outboxPK(tenant, id string) string { return "T#" + tenant + "#MAIL#" + id }

func dueSK(at time.Time, tenant, id string) string {
	return at.UTC().Format(time.RFC3339) + "#" + tenant + "#" + id
}

func (o Outbound) item() outboxItem {
	it := outboxItem{PK: outboxPK(o.Tenant, o.Message.ID), SK: "MAIL", Kind: "mail", Tenant: o.Tenant, Message: o.Message,
		Status: o.Status, Attempts: o.Attempts, DueAt: o.DueAt, LastError: o.LastError, Version: o.Version}
	it.GSI1PK, it.GSI1SK = jobDoneMail, dueSK(o.DueAt, o.Tenant, o.Message.ID)
	if o.Status == MailQueued || o.Status == MailSending {
		it.GSI1PK = jobDueMail
	}
	return it
}

// enqueue adds a message to the outbox in the transaction of its cause.
func (t *txn) enqueue(tenant string, m mail.Message, now time.Time) {
	t.put(Outbound{Tenant: tenant, Message: m, Status: MailQueued, DueAt: now, Version: 1}.item(), condNew, nil, nil)
}

func (t *txn) enqueueAll(tenant string, ms []mail.Message, now time.Time) {
	for _, m := range ms {
		t.enqueue(tenant, m, now)
	}
}

// DueMail lists up to limit messages due at now, oldest first, across
// tenants: one query of the job index, whatever the table holds.
func (s *Store) DueMail(ctx context.Context, now time.Time, limit int32) ([]Outbound, error) {
	raw, _, err := s.query(ctx, query{index: "gsi1", partAttr: "gsi1pk", partValue: jobDueMail,
		skBetween: [2]string{"0", now.UTC().Format(time.RFC3339) + "#~"}, forward: true, page: Page{Limit: limit}})
	if err != nil {
		return nil, err
	}
	items, err := unmarshalAll[outboxItem](raw)
	if err != nil {
		return nil, apierr.Internal(err)
	}
	out := make([]Outbound, len(items))
	for i, it := range items {
		out[i] = Outbound{Tenant: it.Tenant, Message: it.Message, Status: it.Status, Attempts: it.Attempts,
			DueAt: it.DueAt, LastError: it.LastError, Version: it.Version}
	}
	return out, nil
}

var errMailClaimed = apierr.Conflict("another runner has this message")

// SaveMail writes a message's new state, on condition that it is still at
// the version read: of two runners, exactly one claims a message.
func (s *Store) SaveMail(ctx context.Context, before, after Outbound) error {
	t := s.txn()
	after.Version = before.Version + 1
	t.putVersioned(after.item(), before.Version, errMailClaimed)
	return s.commit(ctx, t)
}
