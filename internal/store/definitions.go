package store

import (
	"context"

	"github.com/personaportal/portal/internal/apierr"
	"github.com/personaportal/portal/internal/domain"
)

var (
	errDefinitionExists = apierr.Conflict("a persona definition of this type already exists")
	errDefinitionRaced  = apierr.Conflict("the definition changed meanwhile; read it again and retry")
	errDefinitionInUse  = apierr.Conflict("personas of this type still exist; revoke them first")
)

// GetDefinition reads one definition; absent is not_found.
func (s *Store) GetDefinition(ctx context.Context, tenant, typ string) (domain.Definition, error) {
	var it definitionItem
	found, err := s.getItem(ctx, tenantPK(tenant), preDef+typ, &it)
	if err != nil {
		return domain.Definition{}, err
	}
	if !found {
		return domain.Definition{}, apierr.NotFound("persona definition")
	}
	return it.domain(), nil
}

// ListDefinitions lists one page of a tenant's definitions by type.
func (s *Store) ListDefinitions(ctx context.Context, tenant string, page Page) ([]domain.Definition, []byte, error) {
	raw, next, err := s.query(ctx, query{partAttr: "pk", partValue: tenantPK(tenant), skPrefix: preDef,
		forward: true, page: page, consistent: true})
	if err != nil {
		return nil, nil, err
	}
	items, err := unmarshalAll[definitionItem](raw)
	if err != nil {
		return nil, nil, apierr.Internal(err)
	}
	out := make([]domain.Definition, len(items))
	for i, it := range items {
		out[i] = it.domain()
	}
	return out, next, nil
}

// AllDefinitions reads every definition of a tenant (one round trip for
// any realistic catalogue: 1 MB holds hundreds of definitions).
func (s *Store) AllDefinitions(ctx context.Context, tenant string) (domain.Definitions, error) {
	var all []domain.Definition
	page := Page{}
	for {
		defs, next, err := s.ListDefinitions(ctx, tenant, page)
		if err != nil {
			return nil, err
		}
		all = append(all, defs...)
		if next == nil {
			return domain.Index(all), nil
		}
		page.Start = next
	}
}

// CreateDefinition adds a definition and its digest in the tenant item
// (cfg as read); a duplicate type is a conflict.
func (s *Store) CreateDefinition(ctx context.Context, tenant string, cfg TenantConfig, d domain.Definition, rec domain.AuditRecord) error {
	if _, dup := cfg.Definitions[d.Type]; !dup && len(cfg.Definitions) >= MaxDefinitions {
		return apierr.Conflict("the tenant already has the maximum number of persona definitions")
	}
	t := s.txn()
	d.Version = 1
	t.put(definitionToItem(tenant, d, 0), condNew, nil, errDefinitionExists)
	t.putTenant(tenant, cfg.Version, cfg.with(d.Type, &d))
	t.audit(tenant, rec)
	return s.commit(ctx, t)
}

// ReplaceDefinition saves after over before (same version), keeping the
// live-persona counter that persona writes maintain.
func (s *Store) ReplaceDefinition(ctx context.Context, tenant string, cfg TenantConfig, before, after domain.Definition, rec domain.AuditRecord) error {
	t := s.txn()
	t.putTenant(tenant, cfg.Version, cfg.with(after.Type, &after))
	t.update(key(tenantPK(tenant), preDef+before.Type),
		"SET display_name = :dn, description = :de, scope_values = :sv, entitlements = :en, manages = :ma, "+
			"delegable = :dg, step_up_required = :su, updated_at = :up, version = :next",
		"version = :prev",
		values(":dn", after.DisplayName, ":de", after.Description, ":sv", after.ScopeValues, ":en", after.Entitlements,
			":ma", after.Manages, ":dg", after.Delegable, ":su", after.StepUpRequired, ":up", after.UpdatedAt,
			":next", before.Version+1, ":prev", before.Version),
		errDefinitionRaced)
	t.audit(tenant, rec)
	return s.commit(ctx, t)
}

// DeleteDefinition archives a definition: it leaves the catalogue (its type
// may be created again) and stays in the table under an archive key. It is
// refused while pending or accepted personas of the type exist.
func (s *Store) DeleteDefinition(ctx context.Context, tenant string, cfg TenantConfig, d domain.Definition, rec domain.AuditRecord) error {
	t := s.txn()
	t.putTenant(tenant, cfg.Version, cfg.with(d.Type, nil))
	t.del(key(tenantPK(tenant), preDef+d.Type),
		"version = :v AND (attribute_not_exists(live_personas) OR live_personas <= :zero)",
		values(":v", d.Version, ":zero", 0), errDefinitionInUse)
	arch := definitionToItem(tenant, d, 0)
	arch.SK = preArchive + preDef + d.Type + "#" + rec.ID
	arch.Kind = "definition-archive"
	t.put(arch, condNew, nil, nil)
	t.audit(tenant, rec)
	return s.commit(ctx, t)
}

// with returns a copy of cfg with the definition of typ set (nil: removed).
func (c TenantConfig) with(typ string, d *domain.Definition) TenantConfig {
	defs := make(domain.Definitions, len(c.Definitions)+1)
	for k, v := range c.Definitions {
		defs[k] = v
	}
	if d == nil {
		delete(defs, typ)
	} else {
		defs[typ] = *d
	}
	c.Definitions = defs
	return c
}
