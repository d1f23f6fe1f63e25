package store

import (
	"context"
	"encoding/json"
	"strings"
	"time"

	"github.com/personaportal/portal/internal/apierr"
	"github.com/personaportal/portal/internal/domain"
	"github.com/personaportal/portal/internal/mail"
)

// A request is stored once, canonically (by ID: reads and decisions), and
// copied into the My Work lists of the people involved: while pending, an
// APPROVE copy for the assignee and a FOLLOW copy for the initiator; once
// decided, a HIST copy for each party. Every list is then one query on one
// partition, whatever the tenant holds. Copies change in the same
// transaction as the canonical item.

// Work lists.
const (
	ListApprovals = "APPROVE"
	ListFollowUp  = "FOLLOW"
	ListHistory   = "HIST"
)

var errRequestRaced = apierr.Conflict("the request changed meanwhile (decided, withdrawn or sent again); read it again")

type requestItem struct {
	PK string `dynamodbav:"pk"`
	SK string `dynamodbav:"sk"`
	// An assign_persona request is also in its initiator's invitations
	// (gsi1, see invitations.go), with the state its invitation is in.
	GSI1PK         string     `dynamodbav:"gsi1pk,omitempty"`
	GSI1SK         string     `dynamodbav:"gsi1sk,omitempty"`
	InviteState    string     `dynamodbav:"invite_state,omitempty"`
	InviteDue      string     `dynamodbav:"invite_due,omitempty"`
	GSI4PK         string     `dynamodbav:"gsi4pk"`
	GSI4SK         string     `dynamodbav:"gsi4sk"`
	Kind           string     `dynamodbav:"kind"`
	Status         string     `dynamodbav:"status"`
	ExpiresAt      time.Time  `dynamodbav:"expires_at"`
	MagicHash      string     `dynamodbav:"magic_hash,omitempty"`
	MagicExpiresAt *time.Time `dynamodbav:"magic_expires_at,omitempty"`
	MagicUsed      bool       `dynamodbav:"magic_used"`
	MagicRetired   []string   `dynamodbav:"magic_retired,omitempty"`
	MailID         string     `dynamodbav:"mail_id,omitempty"`
	// Doc is the request's public JSON: read whole, never queried inside.
	Doc     string `dynamodbav:"doc"`
	Version int64  `dynamodbav:"version"`
}

type workItem struct {
	PK        string `dynamodbav:"pk"`
	SK        string `dynamodbav:"sk"`
	Kind      string `dynamodbav:"kind"`
	RequestID string `dynamodbav:"request_id"`
	Status    string `dynamodbav:"status"`
	TitleLC   string `dynamodbav:"title_lc"`
	Doc       string `dynamodbav:"doc"`
}

func workSK(list string, r domain.Request) string {
	return list + "#" + r.CreatedAt.UTC().Format(time.RFC3339) + "#" + r.ID
}

func requestDoc(r domain.Request) string {
	b, _ := json.Marshal(r)
	return string(b)
}

// putRequest writes a request over version prev (0: a new one). For an
// assign_persona request, activation is the activate_persona request its
// acceptance creates in the same write (nil otherwise).
func (t *txn) putRequest(r domain.Request, prev int64, activation *domain.Request) {
	r.Version = prev + 1
	g4pk, g4sk := expiryKeys(r.Status == domain.RequestPending, r.ExpiresAt, ExpireRequest, r.Tenant, r.ID)
	it := requestItem{PK: requestPK(r.Tenant, r.ID), SK: skRequest, GSI4PK: g4pk, GSI4SK: g4sk, Kind: "request", Status: r.Status,
		ExpiresAt: r.ExpiresAt, MagicHash: r.MagicHash, MagicExpiresAt: r.MagicExpiresAt, MagicUsed: r.MagicUsed,
		MagicRetired: r.MagicRetired, MailID: r.MailID, Doc: requestDoc(r), Version: r.Version}
	if r.Kind == domain.KindAssignPersona {
		it.GSI1PK, it.GSI1SK = invitesGSI(r.Tenant, r.Initiator.ID), inviteSK(r)
		step := r
		if activation != nil {
			step = *activation
		}
		it.InviteState, it.InviteDue = inviteStep(step)
	}
	t.putVersioned(it, prev, errRequestRaced)
}

func (t *txn) putWork(list, uid string, r domain.Request) {
	t.put(workItem{PK: workPK(r.Tenant, uid), SK: workSK(list, r), Kind: "work", RequestID: r.ID, Status: r.Status,
		TitleLC: strings.ToLower(r.Title), Doc: requestDoc(r)}, "", nil, nil)
}

// addPending writes a new pending request and its My Work copies.
func (t *txn) addPending(r domain.Request) {
	t.putRequest(r, 0, nil)
	t.putWork(ListApprovals, r.Assignee.ID, r)
	t.putWork(ListFollowUp, r.Initiator.ID, r)
}

// CreateRequest writes a new pending request with its copies, audit record
// and the e-mails it causes.
func (s *Store) CreateRequest(ctx context.Context, r domain.Request, rec domain.AuditRecord, mails ...mail.Message) error {
	t := s.txn()
	t.addPending(r)
	t.audit(r.Tenant, rec)
	t.enqueueAll(r.Tenant, mails, rec.At)
	return s.commit(ctx, t)
}

// GetRequest reads a request; absent is not_found.
func (s *Store) GetRequest(ctx context.Context, tenant, id string) (domain.Request, error) {
	var it requestItem
	found, err := s.getItem(ctx, requestPK(tenant, id), skRequest, &it)
	if err != nil {
		return domain.Request{}, err
	}
	if !found {
		return domain.Request{}, apierr.NotFound("request")
	}
	var r domain.Request
	if err := json.Unmarshal([]byte(it.Doc), &r); err != nil {
		return domain.Request{}, apierr.Internal(err)
	}
	r.Tenant, r.MagicHash, r.MagicExpiresAt, r.MagicUsed, r.Version = tenant, it.MagicHash, it.MagicExpiresAt, it.MagicUsed, it.Version
	r.MagicRetired, r.MailID = it.MagicRetired, it.MailID
	return r, nil
}

// Decision is one decided request and what it causes, written together.
type Decision struct {
	Before, After domain.Request
	// Spawn is a new pending request the decision creates (the activation
	// request an accepted assignment creates).
	Spawn *domain.Request
	// Persona is the persona an accepted activation gives the subject.
	Persona *domain.Persona
	Audit   []domain.AuditRecord
	// Mail are the e-mails the decision causes, queued in its transaction.
	Mail []mail.Message
}

// Decide writes a decision in one transaction: the request (which must be
// unchanged since read: of two concurrent decisions one wins), its copies
// moved from the pending lists to each party's history, and what it
// causes. If any part fails, nothing is written.
func (s *Store) Decide(ctx context.Context, d Decision) error {
	t := s.txn()
	t.putRequest(d.After, d.Before.Version, d.Spawn)
	t.activationOutcome(d.After)
	t.del(key(workPK(d.Before.Tenant, d.Before.Assignee.ID), workSK(ListApprovals, d.Before)), "", nil, nil)
	t.del(key(workPK(d.Before.Tenant, d.Before.Initiator.ID), workSK(ListFollowUp, d.Before)), "", nil, nil)
	for _, uid := range d.After.Parties() {
		t.putWork(ListHistory, uid, d.After)
	}
	if d.Spawn != nil {
		t.addPending(*d.Spawn)
	}
	if d.Persona != nil {
		t.createPersona(*d.Persona, "")
	}
	for _, rec := range d.Audit {
		t.audit(d.Before.Tenant, rec)
	}
	if d.After.DecidedAt != nil {
		t.enqueueAll(d.Before.Tenant, d.Mail, *d.After.DecidedAt)
	}
	return s.commit(ctx, t)
}

// WorkFilter narrows a My Work list.
type WorkFilter struct {
	Q      string    // substring of the title, case-insensitive
	Status string    // history only
	Since  time.Time // history only: created at or after
}

// WorkList lists one page of a user's My Work list, newest first.
func (s *Store) WorkList(ctx context.Context, tenant, uid, list string, f WorkFilter, page Page) ([]domain.Request, []byte, error) {
	q := query{partAttr: "pk", partValue: workPK(tenant, uid), skPrefix: list + "#", page: page, consistent: true}
	if list == ListHistory {
		q.skPrefix = ""
		q.skBetween = [2]string{list + "#" + f.Since.UTC().Format(time.RFC3339), list + "#~"}
	}
	var conds []string
	q.names, q.vals = map[string]string{}, values()
	if f.Q != "" {
		conds = append(conds, "contains(#t, :q)")
		q.names["#t"], q.vals[":q"] = "title_lc", values(":q", strings.ToLower(f.Q))[":q"]
	}
	if f.Status != "" {
		conds = append(conds, "#st = :st")
		q.names["#st"], q.vals[":st"] = "status", values(":st", f.Status)[":st"]
	}
	q.filter = strings.Join(conds, " AND ")
	raw, next, err := s.query(ctx, q)
	if err != nil {
		return nil, nil, err
	}
	items, err := unmarshalAll[workItem](raw)
	if err != nil {
		return nil, nil, apierr.Internal(err)
	}
	out := make([]domain.Request, 0, len(items))
	for _, it := range items {
		var r domain.Request
		if err := json.Unmarshal([]byte(it.Doc), &r); err != nil {
			return nil, nil, apierr.Internal(err)
		}
		out = append(out, r)
	}
	return out, next, nil
}
