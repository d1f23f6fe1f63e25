package store

import (
	"context"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/personaportal/portal/internal/apierr"
	"github.com/personaportal/portal/internal/domain"
	"github.com/personaportal/portal/internal/mail"
)

// Expiry is one item the expire job must look at.
type Expiry struct {
	Kind   string // ExpireRequest, ExpireDelegation, ExpirePersona
	Tenant string
	// ID is the request, delegation or persona ID; UserID the owner of a
	// delegation or persona.
	ID, UserID string
	At         time.Time
}

// DueExpiries lists up to limit items due at now, oldest first, across
// tenants: one query of the expiry index, whatever the table holds.
func (s *Store) DueExpiries(ctx context.Context, now time.Time, limit int32) ([]Expiry, error) {
	raw, _, err := s.query(ctx, query{index: "gsi4", partAttr: "gsi4pk", partValue: jobExpire,
		skBetween: [2]string{"0", now.UTC().Format(time.RFC3339) + "#~"}, forward: true, page: Page{Limit: limit}})
	if err != nil {
		return nil, err
	}
	out := make([]Expiry, 0, len(raw))
	for _, r := range raw {
		var k struct {
			SK string `dynamodbav:"gsi4sk"`
		}
		if err := attributevalue.UnmarshalMap(r, &k); err != nil {
			return nil, apierr.Internal(err)
		}
		// <at>#<kind>#<tenant>#<ref>, ref = id or user#id
		parts := strings.SplitN(k.SK, "#", 4)
		if len(parts) != 4 {
			continue
		}
		at, _ := time.Parse(time.RFC3339, parts[0])
		e := Expiry{Kind: parts[1], Tenant: parts[2], ID: parts[3], At: at}
		if user, id, ok := strings.Cut(parts[3], "#"); ok {
			e.UserID, e.ID = user, id
		}
		out = append(out, e)
	}
	return out, nil
}

// ExpireDelegation marks a delegation whose period ended (both copies) and
// takes it out of the expiry index, with its audit record and e-mail.
func (s *Store) ExpireDelegation(ctx context.Context, d domain.PersonaDelegation, rec domain.AuditRecord, mails ...mail.Message) error {
	t := s.txn()
	owner, recipient := delegationItems(d)
	// Not already expired: a runner that reads the delegation just after
	// another expired it sees the new version, and must still skip it.
	t.update(key(owner.PK, owner.SK), "SET expired = :t, version = :next, gsi4pk = :done", "version = :prev AND revoked = :f AND expired = :f",
		values(":t", true, ":f", false, ":next", d.Version+1, ":prev", d.Version, ":done", jobExpireDone), errDelegationRaced)
	t.update(key(recipient.PK, recipient.SK), "SET expired = :t", condExists, values(":t", true), nil)
	t.audit(d.Tenant, rec)
	t.enqueueAll(d.Tenant, mails, rec.At)
	return s.commit(ctx, t)
}
