package store

import (
	"context"
	"encoding/json"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/personaportal/portal/internal/apierr"
	"github.com/personaportal/portal/internal/domain"
	"github.com/personaportal/portal/internal/mail"
)

// An invitation is an assign_persona request listed for the admin who
// prepared it. The request item itself is indexed in gsi1 under its
// initiator (partition T#<t>#INVITES#<initiator>, sorted by creation), and
// carries the state of its current step: the assignment while it is
// pending or ended without acceptance, then the activation it created,
// whose decisions update the assignment's item in their own transaction.
// Listing is then one query, whatever the tenant holds.

// invitesGSI is the gsi1 partition of the invitations a user prepared.
func invitesGSI(t, uid string) string { return "T#" + t + "#INVITES#" + uid }

func inviteSK(r domain.Request) string { return r.CreatedAt.UTC().Format(time.RFC3339) + "#" + r.ID }

// inviteStep is the state and due time (RFC 3339, which sorts as time) a
// request puts its invitation in.
func inviteStep(r domain.Request) (string, string) {
	return domain.InvitationStep(r.Kind, r.Status), r.ExpiresAt.UTC().Format(time.RFC3339)
}

// activationOutcome carries a decided activation to the invitation it
// belongs to: the assign_persona request it was created by.
func (t *txn) activationOutcome(r domain.Request) {
	if r.Kind != domain.KindActivatePersona || r.RelatedRequestID == nil {
		return
	}
	state, due := inviteStep(r)
	t.update(key(requestPK(r.Tenant, *r.RelatedRequestID), skRequest), "SET invite_state = :s, invite_due = :d", condExists,
		values(":s", state, ":d", due), errRequestRaced)
}

// ResendRequest saves a pending request sent again (a new magic link, a
// renewed expiry) over the version read, so of two concurrent resends, or
// a resend and a decision, one wins. Its My Work copies follow (they show
// the expiry), with the audit record and the new e-mail.
func (s *Store) ResendRequest(ctx context.Context, before, after domain.Request, rec domain.AuditRecord, mails ...mail.Message) error {
	t := s.txn()
	t.putRequest(after, before.Version, nil)
	t.putWork(ListApprovals, after.Assignee.ID, after)
	t.putWork(ListFollowUp, after.Initiator.ID, after)
	t.audit(after.Tenant, rec)
	t.enqueueAll(after.Tenant, mails, rec.At)
	return s.commit(ctx, t)
}

// InvitationRow is one invitation as stored: the request, the state of
// its current step (before time is considered) and when that step falls
// due.
type InvitationRow struct {
	Request domain.Request
	Step    string
	Due     time.Time
}

// Invitations lists one page of the invitations a user prepared, newest
// first; state (optional) keeps those in that state at now, by a filter,
// so a page may hold fewer than its limit.
func (s *Store) Invitations(ctx context.Context, tenant, uid, state string, now time.Time, page Page) ([]InvitationRow, []byte, error) {
	// The sort key range is all of it: it keeps the embedded emulator's
	// last evaluated key inside the partition (without one it may name an
	// item of the next partition when a filter drops the last items).
	q := query{index: "gsi1", partAttr: "gsi1pk", partValue: invitesGSI(tenant, uid), skBetween: [2]string{"0", "~"}, page: page}
	if state != "" {
		q.filter, q.names, q.vals = invitationFilter(state, now)
	}
	raw, next, err := s.query(ctx, q)
	if err != nil {
		return nil, nil, err
	}
	items, err := unmarshalAll[requestItem](raw)
	if err != nil {
		return nil, nil, apierr.Internal(err)
	}
	out := make([]InvitationRow, 0, len(items))
	for _, it := range items {
		var r domain.Request
		if err := json.Unmarshal([]byte(it.Doc), &r); err != nil {
			return nil, nil, apierr.Internal(err)
		}
		r.Tenant, r.MagicExpiresAt, r.MailID, r.Version = tenant, it.MagicExpiresAt, it.MailID, it.Version
		due, err := time.Parse(time.RFC3339, it.InviteDue)
		if err != nil {
			return nil, nil, apierr.Internal(err)
		}
		out = append(out, InvitationRow{Request: r, Step: it.InviteState, Due: due})
	}
	return out, next, nil
}

// invitationFilter keeps the invitations in state at now: a waiting step
// past its due time is expired, as domain.InvitationState says.
func invitationFilter(state string, now time.Time) (string, map[string]string, map[string]types.AttributeValue) {
	names := map[string]string{"#is": "invite_state", "#id": "invite_due"}
	at := now.UTC().Format(time.RFC3339)
	switch state {
	case domain.InvitationWaitingForUser, domain.InvitationWaitingForActivation:
		return "#is = :s AND #id > :now", names, values(":s", state, ":now", at)
	case domain.InvitationExpired:
		return "#is = :s OR ((#is = :w1 OR #is = :w2) AND #id <= :now)", names, values(":s", state, ":now", at,
			":w1", domain.InvitationWaitingForUser, ":w2", domain.InvitationWaitingForActivation)
	}
	return "#is = :s", map[string]string{"#is": "invite_state"}, values(":s", state)
}

// MailStatuses reads the delivery status of outbox e-mails by ID, in one
// round trip per 100; unknown IDs are left out.
func (s *Store) MailStatuses(ctx context.Context, tenant string, ids []string) (map[string]string, error) {
	keys := make([]map[string]types.AttributeValue, len(ids))
	for i, id := range ids {
		keys[i] = key(outboxPK(tenant, id), "MAIL")
	}
	items, err := getMany[outboxItem](ctx, s, keys)
	if err != nil {
		return nil, err
	}
	out := make(map[string]string, len(items))
	for _, it := range items {
		out[it.Message.ID] = it.Status
	}
	return out, nil
}
