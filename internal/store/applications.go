package store

import (
	"context"

	"github.com/personaportal/portal/internal/apierr"
	"github.com/personaportal/portal/internal/domain"
)

var errApplicationRaced = apierr.Conflict("the application changed meanwhile; read it again and retry")

// GetApplication reads one application; absent is not_found.
func (s *Store) GetApplication(ctx context.Context, tenant, id string) (domain.Application, error) {
	var it applicationItem
	found, err := s.getItem(ctx, tenantPK(tenant), preApp+id, &it)
	if err != nil {
		return domain.Application{}, err
	}
	if !found {
		return domain.Application{}, apierr.NotFound("application")
	}
	return it.domain(), nil
}

// ListApplications lists one page of a tenant's applications.
func (s *Store) ListApplications(ctx context.Context, tenant string, page Page) ([]domain.Application, []byte, error) {
	raw, next, err := s.query(ctx, query{partAttr: "pk", partValue: tenantPK(tenant), skPrefix: preApp,
		forward: true, page: page, consistent: true})
	if err != nil {
		return nil, nil, err
	}
	items, err := unmarshalAll[applicationItem](raw)
	if err != nil {
		return nil, nil, apierr.Internal(err)
	}
	out := make([]domain.Application, len(items))
	for i, it := range items {
		out[i] = it.domain()
	}
	return out, next, nil
}

// AllApplications reads a tenant's whole application catalogue.
func (s *Store) AllApplications(ctx context.Context, tenant string) ([]domain.Application, error) {
	var all []domain.Application
	page := Page{}
	for {
		apps, next, err := s.ListApplications(ctx, tenant, page)
		if err != nil {
			return nil, err
		}
		all = append(all, apps...)
		if next == nil {
			return all, nil
		}
		page.Start = next
	}
}

// PutApplication creates (prev 0) or replaces (prev = the version read) an
// application.
func (s *Store) PutApplication(ctx context.Context, tenant string, a domain.Application, prev int64, rec domain.AuditRecord) error {
	t := s.txn()
	a.Version = prev + 1
	t.putVersioned(applicationToItem(tenant, a), prev, errApplicationRaced)
	t.audit(tenant, rec)
	return s.commit(ctx, t)
}

// DeleteApplication archives an application (it leaves the catalogue and
// stays in the table under an archive key).
func (s *Store) DeleteApplication(ctx context.Context, tenant string, a domain.Application, rec domain.AuditRecord) error {
	t := s.txn()
	t.del(key(tenantPK(tenant), preApp+a.ID), "version = :v", values(":v", a.Version), errApplicationRaced)
	arch := applicationToItem(tenant, a)
	arch.SK = preArchive + preApp + a.ID
	arch.Kind = "application-archive"
	t.put(arch, "", nil, nil)
	t.audit(tenant, rec)
	return s.commit(ctx, t)
}
