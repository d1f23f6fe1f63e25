package store

import (
	"context"
	"encoding/json"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/personaportal/portal/internal/apierr"
	"github.com/personaportal/portal/internal/domain"
	"github.com/personaportal/portal/internal/mail"
)

// A delegation is stored twice: in its owner's partition (DLG#G#, for the
// owner's list and revocation) and in its recipient's (DLG#R#, which sorts
// just before PERSONA#, so one range query returns a user's own and lent
// personas). The recipient's copy carries the lent persona as it stands;
// every change of the owner's persona updates it in the same transaction.

var errDelegationRaced = apierr.Conflict("the delegation changed meanwhile")

type delegationItem struct {
	PK           string     `dynamodbav:"pk"`
	SK           string     `dynamodbav:"sk"`
	GSI4PK       string     `dynamodbav:"gsi4pk,omitempty"`
	GSI4SK       string     `dynamodbav:"gsi4sk,omitempty"`
	Expired      bool       `dynamodbav:"expired"`
	Kind         string     `dynamodbav:"kind"`
	ID           string     `dynamodbav:"id"`
	Doc          string     `dynamodbav:"doc"`
	PersonaDoc   string     `dynamodbav:"persona_doc"`
	PersonaExtra []string   `dynamodbav:"persona_extra"`
	Revoked      bool       `dynamodbav:"revoked"`
	RevokedAt    *time.Time `dynamodbav:"revoked_at"`
	Version      int64      `dynamodbav:"version"`
}

func delegationItems(d domain.PersonaDelegation) (owner, recipient delegationItem) {
	doc, _ := json.Marshal(d)
	pdoc, _ := json.Marshal(d.Persona)
	base := delegationItem{Kind: "delegation", ID: d.ID, Doc: string(doc), PersonaDoc: string(pdoc),
		PersonaExtra: d.Persona.ExtraEntitlements, Revoked: d.Revoked, RevokedAt: d.RevokedAt, Version: d.Version}
	owner, recipient = base, base
	owner.PK, owner.SK = userPK(d.Tenant, d.FromUser.ID), preGranted+d.ID
	// The owner's copy waits in the expiry index until its period ends.
	owner.GSI4PK, owner.GSI4SK = expiryKeys(!d.Revoked, d.ValidUntil, ExpireDelegation, d.Tenant, d.FromUser.ID+"#"+d.ID)
	recipient.PK, recipient.SK = userPK(d.Tenant, d.ToUser.ID), preReceived+d.ID
	return owner, recipient
}

func (it delegationItem) domain(tenant string) (domain.PersonaDelegation, error) {
	var d domain.PersonaDelegation
	if err := json.Unmarshal([]byte(it.Doc), &d); err != nil {
		return d, apierr.Internal(err)
	}
	if err := json.Unmarshal([]byte(it.PersonaDoc), &d.Persona); err != nil {
		return d, apierr.Internal(err)
	}
	d.Tenant, d.Persona.Tenant, d.Persona.ExtraEntitlements = tenant, tenant, it.PersonaExtra
	d.Revoked, d.RevokedAt, d.Version = it.Revoked, it.RevokedAt, it.Version
	return d, nil
}

// CreateDelegation writes a delegation (both copies) and records it on the
// owner's persona, which must be unchanged since it was checked.
func (s *Store) CreateDelegation(ctx context.Context, d domain.PersonaDelegation, persona domain.Persona, rec domain.AuditRecord, mails ...mail.Message) error {
	t := s.txn()
	d.Version = 1
	owner, recipient := delegationItems(d)
	t.put(owner, condNew, nil, errDelegationRaced)
	t.put(recipient, condNew, nil, errDelegationRaced)
	after := persona
	after.Lent = persona.OpenLent(d.CreatedAt)
	if after.Lent == nil {
		after.Lent = map[string]string{}
	}
	after.Lent[d.ID] = domain.LentEntry(d.ToUser.ID, d.ValidUntil)
	after.Version = persona.Version + 1
	t.putVersioned(personaToItem(after), persona.Version, errPersonaRaced)
	t.audit(d.Tenant, rec)
	t.enqueueAll(d.Tenant, mails, rec.At)
	return s.commit(ctx, t)
}

// HeldPersonas lists one page of what a user holds: own personas (newest
// first), then personas lent to them.
func (s *Store) HeldPersonas(ctx context.Context, tenant, uid string, page Page) ([]domain.Persona, []domain.PersonaDelegation, []byte, error) {
	raw, next, err := s.query(ctx, query{partAttr: "pk", partValue: userPK(tenant, uid),
		skBetween: [2]string{preReceived, prePersona + "~"}, page: page, consistent: true})
	if err != nil {
		return nil, nil, nil, err
	}
	ps, ds, err := splitHeld(tenant, raw)
	return ps, ds, next, err
}

// AllHeldPersonas reads all of what a user holds (one round trip for any
// realistic user).
func (s *Store) AllHeldPersonas(ctx context.Context, tenant, uid string) ([]domain.Persona, []domain.PersonaDelegation, error) {
	var ps []domain.Persona
	var ds []domain.PersonaDelegation
	page := Page{}
	for {
		p, d, next, err := s.HeldPersonas(ctx, tenant, uid, page)
		if err != nil {
			return nil, nil, err
		}
		ps, ds = append(ps, p...), append(ds, d...)
		if next == nil {
			return ps, ds, nil
		}
		page.Start = next
	}
}

// splitHeld sorts raw items of a user's partition into personas and
// received delegations (other kinds are ignored).
func splitHeld(tenant string, raw []map[string]types.AttributeValue) ([]domain.Persona, []domain.PersonaDelegation, error) {
	var ps []domain.Persona
	var ds []domain.PersonaDelegation
	for _, r := range raw {
		sk, _ := r["sk"].(*types.AttributeValueMemberS)
		switch {
		case sk != nil && strings.HasPrefix(sk.Value, prePersona):
			var it personaItem
			if err := attributevalue.UnmarshalMap(r, &it); err != nil {
				return nil, nil, apierr.Internal(err)
			}
			ps = append(ps, it.domain(tenant))
		case sk != nil && strings.HasPrefix(sk.Value, preReceived):
			var it delegationItem
			if err := attributevalue.UnmarshalMap(r, &it); err != nil {
				return nil, nil, apierr.Internal(err)
			}
			d, err := it.domain(tenant)
			if err != nil {
				return nil, nil, err
			}
			ds = append(ds, d)
		}
	}
	return ps, ds, nil
}

// Delegations lists one page of a user's delegations: granted (DLG#G#),
// received (DLG#R#) or both (direction "").
func (s *Store) Delegations(ctx context.Context, tenant, uid, direction string, page Page) ([]domain.PersonaDelegation, []byte, error) {
	prefix := map[string]string{"granted": preGranted, "received": preReceived}[direction]
	if prefix == "" {
		prefix = "DLG#"
	}
	raw, next, err := s.query(ctx, query{partAttr: "pk", partValue: userPK(tenant, uid), skPrefix: prefix, page: page, consistent: true})
	if err != nil {
		return nil, nil, err
	}
	items, err := unmarshalAll[delegationItem](raw)
	if err != nil {
		return nil, nil, apierr.Internal(err)
	}
	out := make([]domain.PersonaDelegation, 0, len(items))
	for _, it := range items {
		d, err := it.domain(tenant)
		if err != nil {
			return nil, nil, err
		}
		out = append(out, d)
	}
	return out, next, nil
}

// GetUserDelegation finds a delegation in a user's partition: granted is
// true when the user owns it, false when they received it.
func (s *Store) GetUserDelegation(ctx context.Context, tenant, uid, id string) (domain.PersonaDelegation, bool, error) {
	got, err := s.batchGet(ctx, key(userPK(tenant, uid), preGranted+id), key(userPK(tenant, uid), preReceived+id))
	if err != nil {
		return domain.PersonaDelegation{}, false, err
	}
	for sk, granted := range map[string]bool{preGranted + id: true, preReceived + id: false} {
		if raw, ok := got[userPK(tenant, uid)+"|"+sk]; ok {
			var it delegationItem
			if err := attributevalue.UnmarshalMap(raw, &it); err != nil {
				return domain.PersonaDelegation{}, false, apierr.Internal(err)
			}
			d, err := it.domain(tenant)
			return d, granted, err
		}
	}
	return domain.PersonaDelegation{}, false, apierr.NotFound("delegation")
}

// RevokeDelegation ends a delegation (both copies). The persona's Lent
// entry stays until the period's end: ending or editing the persona then
// just touches a revoked copy again, which changes nothing.
func (s *Store) RevokeDelegation(ctx context.Context, d domain.PersonaDelegation, at time.Time, rec domain.AuditRecord, mails ...mail.Message) error {
	t := s.txn()
	owner, recipient := delegationItems(d)
	t.update(key(owner.PK, owner.SK), "SET revoked = :t, revoked_at = :at, version = :next, gsi4pk = :done", "version = :prev",
		values(":t", true, ":at", at, ":next", d.Version+1, ":prev", d.Version, ":done", jobExpireDone), errDelegationRaced)
	t.update(key(recipient.PK, recipient.SK), "SET revoked = :t, revoked_at = :at, version = :next", condExists,
		values(":t", true, ":at", at, ":next", d.Version+1), errDelegationRaced)
	t.audit(d.Tenant, rec)
	t.enqueueAll(d.Tenant, mails, at)
	return s.commit(ctx, t)
}

// cascadeLent carries a persona change to its open delegations (those
// whose period has not ended): ending the persona revokes them; any other
// change refreshes the lent copy. Loans past their end are left as they are.
func (t *txn) cascadeLent(before, after domain.Persona, at time.Time) {
	ending := live(before.Status.Value) && !live(after.Status.Value)
	for id, entry := range before.OpenLent(at) {
		rcpt, _, _ := domain.ParseLent(entry)
		owner, recipient := key(userPK(before.Tenant, before.UserID), preGranted+id), key(userPK(before.Tenant, rcpt), preReceived+id)
		if ending {
			t.update(owner, "SET revoked = :t, revoked_at = :at, gsi4pk = :done", condExists, values(":t", true, ":at", at, ":done", jobExpireDone), nil)
			t.update(recipient, "SET revoked = :t, revoked_at = :at", condExists, values(":t", true, ":at", at), nil)
			continue
		}
		doc, _ := json.Marshal(after)
		t.update(recipient, "SET persona_doc = :doc", condExists, values(":doc", string(doc)), nil)
	}
}
