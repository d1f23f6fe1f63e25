package store

import (
	"context"

	"github.com/personaportal/portal/internal/apierr"
	"github.com/personaportal/portal/internal/domain"
)

// Link is the profile a token subject is linked to.
type Link struct {
	UserID string
	Status string
}

// GetLink finds the profile linked to a token subject: the one read every
// authenticated request makes.
func (s *Store) GetLink(ctx context.Context, tenant, sub string) (Link, bool, error) {
	var it linkItem
	found, err := s.getItem(ctx, subPK(tenant, sub), skSub, &it)
	return Link{UserID: it.UserID, Status: it.Status}, found, err
}

// UserIDByEmail finds the profile that holds an e-mail in a tenant.
func (s *Store) UserIDByEmail(ctx context.Context, tenant, email string) (string, bool, error) {
	var it emailItem
	found, err := s.getItem(ctx, emailPK(tenant, email), skEmail, &it)
	return it.UserID, found, err
}

// LinkSubject links a token subject to an existing profile, on condition
// that the profile is unchanged since it was read.
func (s *Store) LinkSubject(ctx context.Context, p domain.Profile, sub string, rec domain.AuditRecord) error {
	t := s.txn()
	t.put(linkItem{PK: subPK(p.Tenant, sub), SK: skSub, Kind: "link", UserID: p.ID, Status: p.Status}, condNew, nil,
		apierr.Conflict("this identity is already linked"))
	subs := append(append([]string{}, p.Subs...), sub)
	t.update(key(userPK(p.Tenant, p.ID), skProfile), "SET subs = :subs, version = :next",
		"version = :prev", values(":subs", subs, ":next", p.Version+1, ":prev", p.Version), errProfileRaced)
	t.audit(p.Tenant, rec)
	return s.commit(ctx, t)
}
