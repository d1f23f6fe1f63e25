package store

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/personaportal/portal/internal/apierr"
	"github.com/personaportal/portal/internal/domain"
)

// ScopedPersonas lists one page of the accepted personas of a type whose
// sorted scope starts with first ("" for an empty scope), by user.
func (s *Store) ScopedPersonas(ctx context.Context, tenant, typ, first string, page Page) ([]domain.Persona, []byte, error) {
	if first == "" {
		first = "~"
	}
	raw, next, err := s.query(ctx, query{index: "gsi3", partAttr: "gsi3pk", partValue: scopedGSI(tenant, typ, first),
		forward: true, page: page})
	if err != nil {
		return nil, nil, err
	}
	return personasFrom(tenant, raw, next)
}

// ProfilesByID reads up to 100 profiles in one round trip; absent ones
// are left out.
func (s *Store) ProfilesByID(ctx context.Context, tenant string, ids []string) (map[string]domain.Profile, error) {
	out := map[string]domain.Profile{}
	if len(ids) == 0 {
		return out, nil
	}
	keys := make([]map[string]types.AttributeValue, 0, len(ids))
	for _, id := range ids {
		keys = append(keys, key(userPK(tenant, id), skProfile))
	}
	got, err := s.batchGet(ctx, keys...)
	if err != nil {
		return nil, err
	}
	for _, raw := range got {
		var it profileItem
		if err := attributevalue.UnmarshalMap(raw, &it); err != nil {
			return nil, apierr.Internal(err)
		}
		out[it.ID] = it.domain(tenant)
	}
	return out, nil
}

// DefinitionsByType reads the named definitions (in full) in one round trip.
func (s *Store) DefinitionsByType(ctx context.Context, tenant string, typs []string) ([]domain.Definition, error) {
	if len(typs) == 0 {
		return nil, nil
	}
	keys := make([]map[string]types.AttributeValue, 0, len(typs))
	for _, t := range typs {
		keys = append(keys, key(tenantPK(tenant), preDef+t))
	}
	got, err := s.batchGet(ctx, keys...)
	if err != nil {
		return nil, err
	}
	var out []domain.Definition
	for _, raw := range got {
		var it definitionItem
		if err := attributevalue.UnmarshalMap(raw, &it); err != nil {
			return nil, apierr.Internal(err)
		}
		out = append(out, it.domain())
	}
	return out, nil
}

// ProfileByEmail finds a profile by e-mail through the users index, in one
// round trip (the index is eventually consistent: a user created a moment
// ago may not be found yet).
func (s *Store) ProfileByEmail(ctx context.Context, tenant, email string) (domain.Profile, bool, error) {
	raw, _, err := s.query(ctx, query{index: "gsi1", partAttr: "gsi1pk", partValue: usersGSI(tenant), skPrefix: email + "#",
		forward: true, page: Page{Limit: 1}})
	if err != nil || len(raw) == 0 {
		return domain.Profile{}, false, err
	}
	var it profileItem
	if err := attributevalue.UnmarshalMap(raw[0], &it); err != nil {
		return domain.Profile{}, false, apierr.Internal(err)
	}
	return it.domain(tenant), it.Email == email, nil
}
