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

// ProfilesByID reads profiles by ID (one round trip per 100); absent ones
// are left out.
func (s *Store) ProfilesByID(ctx context.Context, tenant string, ids []string) (map[string]domain.Profile, error) {
	keys := make([]map[string]types.AttributeValue, len(ids))
	for i, id := range ids {
		keys[i] = key(userPK(tenant, id), skProfile)
	}
	items, err := getMany[profileItem](ctx, s, keys)
	out := make(map[string]domain.Profile, len(items))
	for _, it := range items {
		out[it.ID] = it.domain(tenant)
	}
	return out, err
}

// DefinitionsByType reads the named definitions in full (one round trip
// per 100 types).
func (s *Store) DefinitionsByType(ctx context.Context, tenant string, typs []string) ([]domain.Definition, error) {
	typs = domain.SortedSet(typs) // BatchGetItem refuses duplicate keys
	keys := make([]map[string]types.AttributeValue, len(typs))
	for i, t := range typs {
		keys[i] = key(tenantPK(tenant), preDef+t)
	}
	items, err := getMany[definitionItem](ctx, s, keys)
	out := make([]domain.Definition, len(items))
	for i, it := range items {
		out[i] = it.domain()
	}
	return out, err
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
