package store

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/personaportal/portal/internal/domain"
)

// UserItems are the items CreateProfile and then CreatePersona (once per
// persona) leave for a new profile and its live personas, built by the
// same code: the profile (with its preferred persona and live count), its
// e-mail guard, each persona and its type+scope guard. No identity link
// (the user has not signed in) and no audit records. The benchmarks load a
// large tenant with these through BatchWriteItem instead of the API; the
// definitions' counters then take AddLivePersonas.
func UserItems(p domain.Profile, personas []domain.Persona) ([]map[string]types.AttributeValue, error) {
	p.Version = 1
	preferred := ""
	for _, x := range personas {
		if x.Preferred {
			preferred = x.ID
		}
	}
	items := []any{profileToItem(p, preferred, len(personas)),
		emailItem{PK: emailPK(p.Tenant, p.Email), SK: skEmail, Kind: "email", UserID: p.ID}}
	for _, x := range personas {
		x.Version = 1
		items = append(items, personaToItem(x),
			uniqItem{PK: userPK(x.Tenant, x.UserID), SK: uniqSK(x.Type, x.Scope), Kind: "uniq", PersonaID: x.ID})
	}
	out := make([]map[string]types.AttributeValue, len(items))
	for i, it := range items {
		av, err := marshalItem(it)
		if err != nil {
			return nil, err
		}
		if _, err := checkItem(av); err != nil {
			return nil, err
		}
		out[i] = av
	}
	return out, nil
}

// AddLivePersonas counts n more live personas on a definition, as the
// transactions creating them do one at a time.
func (s *Store) AddLivePersonas(ctx context.Context, tenant, typ string, n int) error {
	_, err := s.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: aws.String(s.table),
		Key: key(tenantPK(tenant), preDef+typ), UpdateExpression: aws.String("ADD live_personas :n"),
		ConditionExpression: aws.String(condExists), ExpressionAttributeValues: values(":n", n)})
	return dbErr(err)
}
