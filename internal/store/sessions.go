package store

import (
	"context"
	"time"

	"github.com/personaportal/portal/internal/domain"
)

// GetSelection returns the persona a session selected ("" when none). The
// session key is bound to the user: another user's session never matches.
func (s *Store) GetSelection(ctx context.Context, tenant, uid, session string) (string, error) {
	var it sessionItem
	found, err := s.getItem(ctx, sessionPK(tenant, session), skSession, &it)
	if err != nil || !found || it.UserID != uid {
		return "", err
	}
	return it.PersonaID, nil
}

// SelectPersona records the persona a session of user uid selected, on
// condition that the persona is unchanged since it was checked. The item
// expires (DynamoDB TTL) at until, normally the token's expiry.
// A lent persona (delegationID set) is checked on the recipient's copy of
// the delegation instead: it must not have been revoked meanwhile.
func (s *Store) SelectPersona(ctx context.Context, uid, session string, p domain.Persona, delegationID string, until time.Time, rec domain.AuditRecord) error {
	t := s.txn()
	if delegationID != "" {
		t.check(key(userPK(p.Tenant, uid), preReceived+delegationID), "revoked = :f", values(":f", false), errDelegationRaced)
	} else {
		t.check(key(userPK(p.Tenant, p.UserID), prePersona+p.ID), "version = :v", values(":v", p.Version), errPersonaRaced)
	}
	t.put(sessionItem{PK: sessionPK(p.Tenant, session), SK: skSession, Kind: "session", UserID: uid, PersonaID: p.ID,
		TTL: until.Unix()}, "", nil, nil)
	t.audit(p.Tenant, rec)
	return s.commit(ctx, t)
}
