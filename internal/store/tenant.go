package store

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/personaportal/portal/internal/apierr"
	"github.com/personaportal/portal/internal/domain"
)

// MaxDefinitions caps a tenant's persona definitions, which keeps the
// tenant item (settings + definition digests) far below 400 KB.
const MaxDefinitions = 200

var errTenantRaced = apierr.Conflict("the tenant's settings or definitions changed meanwhile; retry")

// TenantConfig is a tenant's settings and the digest of its definitions
// (scope catalogues and descriptions left out).
type TenantConfig struct {
	Settings    domain.Settings
	Definitions domain.Definitions
	Version     int64
}

func (c TenantConfig) item(tenant string) tenantItem {
	defs := make(map[string]defDigest, len(c.Definitions))
	for t, d := range c.Definitions {
		defs[t] = digestOf(d)
	}
	return tenantItem{PK: tenantPK(tenant), SK: skTenant, Kind: "tenant", Settings: c.Settings, Defs: defs, Version: c.Version}
}

func (it tenantItem) config() TenantConfig {
	c := TenantConfig{Settings: it.Settings, Definitions: make(domain.Definitions, len(it.Defs)), Version: it.Version}
	for t, d := range it.Defs {
		c.Definitions[t] = domain.Definition{Type: t, DisplayName: d.DisplayName, Entitlements: domain.SortedSet(d.Entitlements),
			Manages: domain.SortedSet(d.Manages), Delegable: d.Delegable, StepUpRequired: d.StepUpRequired}
	}
	return c
}

// putTenant writes the tenant item, which must still be at cfg's version.
func (t *txn) putTenant(tenant string, prev int64, cfg TenantConfig) {
	cfg.Version = prev + 1
	t.putVersioned(cfg.item(tenant), prev, errTenantRaced)
}

// Caller is what every authenticated request needs first: the profile
// linked to the token subject, and the tenant's configuration.
type Caller struct {
	Link   Link
	Linked bool
	Tenant TenantConfig
}

// LoadCaller reads the identity link and the tenant item in one
// BatchGetItem: the single round trip of authentication.
func (s *Store) LoadCaller(ctx context.Context, tenant, sub string) (Caller, error) {
	got, err := s.batchGet(ctx, key(subPK(tenant, sub), skSub), key(tenantPK(tenant), skTenant))
	if err != nil {
		return Caller{}, err
	}
	c := Caller{Tenant: TenantConfig{Settings: domain.DefaultSettings(), Definitions: domain.Definitions{}}}
	if raw, ok := got[subPK(tenant, sub)+"|"+skSub]; ok {
		var it linkItem
		if err := attributevalue.UnmarshalMap(raw, &it); err != nil {
			return Caller{}, apierr.Internal(err)
		}
		c.Link, c.Linked = Link{UserID: it.UserID, Status: it.Status}, true
	}
	if raw, ok := got[tenantPK(tenant)+"|"+skTenant]; ok {
		var it tenantItem
		if err := attributevalue.UnmarshalMap(raw, &it); err != nil {
			return Caller{}, apierr.Internal(err)
		}
		c.Tenant = it.config()
	}
	return c, nil
}

// GetTenant reads a tenant's configuration (defaults when never saved).
func (s *Store) GetTenant(ctx context.Context, tenant string) (TenantConfig, error) {
	var it tenantItem
	found, err := s.getItem(ctx, tenantPK(tenant), skTenant, &it)
	if err != nil {
		return TenantConfig{}, err
	}
	if !found {
		return TenantConfig{Settings: domain.DefaultSettings(), Definitions: domain.Definitions{}}, nil
	}
	return it.config(), nil
}

// PutSettings replaces a tenant's settings; cfg is the configuration as read.
func (s *Store) PutSettings(ctx context.Context, tenant string, cfg TenantConfig, st domain.Settings, rec domain.AuditRecord) error {
	t := s.txn()
	prev := cfg.Version
	cfg.Settings = st
	t.putTenant(tenant, prev, cfg)
	t.audit(tenant, rec)
	return s.commit(ctx, t)
}
