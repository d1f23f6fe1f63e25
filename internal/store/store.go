package store

import (
	"context"
	"errors"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/personaportal/portal/internal/apierr"
)

// Store is the portal's data on one DynamoDB table.
type Store struct {
	db    *dynamodb.Client
	table string
}

// New returns a store on table.
func New(db *dynamodb.Client, table string) *Store { return &Store{db: db, table: table} }

// Table is the table's name.
func (s *Store) Table() string { return s.table }

// getItem reads one item with a strongly consistent read; found is false
// when it does not exist.
func (s *Store) getItem(ctx context.Context, pk, sk string, out any) (found bool, err error) {
	res, err := s.db.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(s.table), Key: key(pk, sk),
		ConsistentRead: aws.Bool(true)})
	if err != nil {
		return false, dbErr(err)
	}
	if res.Item == nil {
		return false, nil
	}
	return true, attributevalue.UnmarshalMap(res.Item, out)
}

// batchGet reads up to 100 items by key in one round trip and returns them
// by "pk|sk". Unprocessed keys are read again (rare; only under throttling).
// A key asked twice is asked once: DynamoDB refuses the call otherwise
// ("Provided list of item keys contains duplicates").
func (s *Store) batchGet(ctx context.Context, keys ...map[string]types.AttributeValue) (map[string]map[string]types.AttributeValue, error) {
	out := map[string]map[string]types.AttributeValue{}
	seen := make(map[string]bool, len(keys))
	keys = slices.DeleteFunc(slices.Clone(keys), func(k map[string]types.AttributeValue) bool {
		dup := seen[itemKey(k)]
		seen[itemKey(k)] = true
		return dup
	})
	req := map[string]types.KeysAndAttributes{s.table: {Keys: keys, ConsistentRead: aws.Bool(true)}}
	for len(req) > 0 {
		res, err := s.db.BatchGetItem(ctx, &dynamodb.BatchGetItemInput{RequestItems: req})
		if err != nil {
			return nil, dbErr(err)
		}
		for _, it := range res.Responses[s.table] {
			out[itemKey(it)] = it
		}
		req = res.UnprocessedKeys
	}
	return out, nil
}

// getMany reads items of one type by key, 100 keys a round trip (the
// BatchGetItem limit); absent items are left out, order is not kept.
func getMany[T any](ctx context.Context, s *Store, keys []map[string]types.AttributeValue) ([]T, error) {
	var out []T
	for chunk := range slices.Chunk(keys, 100) {
		got, err := s.batchGet(ctx, chunk...)
		if err != nil {
			return nil, err
		}
		for _, raw := range got {
			var it T
			if err := attributevalue.UnmarshalMap(raw, &it); err != nil {
				return nil, apierr.Internal(err)
			}
			out = append(out, it)
		}
	}
	return out, nil
}

func itemKey(it map[string]types.AttributeValue) string {
	var pk, sk string
	if v, ok := it["pk"].(*types.AttributeValueMemberS); ok {
		pk = v.Value
	}
	if v, ok := it["sk"].(*types.AttributeValueMemberS); ok {
		sk = v.Value
	}
	return pk + "|" + sk
}

// query is one Query call; it returns the raw items and the opaque position
// of the next page.
type query struct {
	index      string // "" for the table
	partAttr   string
	partValue  string
	skPrefix   string // begins_with on the sort key, when set
	skBetween  [2]string
	filter     string
	names      map[string]string
	vals       map[string]types.AttributeValue
	forward    bool
	page       Page
	consistent bool
}

// sortKeyInRange reports whether a start position's sort key satisfies the
// query's key condition.
func (q query) sortKeyInRange(sk string) bool {
	switch {
	case q.skPrefix != "":
		return strings.HasPrefix(sk, q.skPrefix)
	case q.skBetween[0] != "":
		return q.skBetween[0] <= sk && sk <= q.skBetween[1]
	}
	return true
}

func (s *Store) query(ctx context.Context, q query) ([]map[string]types.AttributeValue, []byte, error) {
	skAttr := "sk"
	keyAttrs := []string{"pk", "sk"}
	if q.index != "" {
		for _, ix := range Schema.Indexes {
			if ix.Name == q.index {
				skAttr = ix.SortKey
				keyAttrs = append(keyAttrs, ix.PartitionKey, ix.SortKey)
			}
		}
	}
	start, err := decodeKey(q.page.Start, q.partAttr, q.partValue, keyAttrs...)
	if err != nil {
		return nil, nil, err
	}
	if start != nil && !q.sortKeyInRange(start[skAttr].(*types.AttributeValueMemberS).Value) {
		// DynamoDB refuses a start key outside the key condition.
		return nil, nil, errBadCursor
	}
	names := map[string]string{"#p": q.partAttr}
	vals := map[string]types.AttributeValue{":p": &types.AttributeValueMemberS{Value: q.partValue}}
	cond := "#p = :p"
	switch {
	case q.skPrefix != "":
		names["#s"] = skAttr
		vals[":s"] = &types.AttributeValueMemberS{Value: q.skPrefix}
		cond += " AND begins_with(#s, :s)"
	case q.skBetween[0] != "":
		names["#s"] = skAttr
		vals[":s1"] = &types.AttributeValueMemberS{Value: q.skBetween[0]}
		vals[":s2"] = &types.AttributeValueMemberS{Value: q.skBetween[1]}
		cond += " AND #s BETWEEN :s1 AND :s2"
	}
	for k, v := range q.names {
		names[k] = v
	}
	for k, v := range q.vals {
		vals[k] = v
	}
	in := &dynamodb.QueryInput{
		TableName:                 aws.String(s.table),
		KeyConditionExpression:    aws.String(cond),
		ExpressionAttributeNames:  names,
		ExpressionAttributeValues: vals,
		ScanIndexForward:          aws.Bool(q.forward),
		ExclusiveStartKey:         start,
	}
	if q.index != "" {
		in.IndexName = aws.String(q.index)
	} else if q.consistent {
		in.ConsistentRead = aws.Bool(true)
	}
	if q.filter != "" {
		in.FilterExpression = aws.String(q.filter)
	}
	if q.page.Limit > 0 {
		in.Limit = aws.Int32(q.page.Limit)
	}
	for hop := range maxEmulatorHops {
		if hop == 1 {
			// Hops exist only against the emulator: they are no round
			// trip DynamoDB would make, so the budgets do not count them.
			ctx = context.WithValue(ctx, callsKey{}, (*CallCounter)(nil))
		}
		res, err := s.db.Query(ctx, in)
		if err != nil {
			return nil, nil, dbErr(err)
		}
		switch where := emulatorPosition(q, res.LastEvaluatedKey); {
		case where == 0:
			return res.Items, encodeKey(res.LastEvaluatedKey), nil
		case where > 0 || len(res.Items) > 0:
			return res.Items, nil, nil
		}
		in.ExclusiveStartKey = res.LastEvaluatedKey
	}
	return nil, nil, apierr.Internal(errors.New("store: a filtered query did not reach its partition"))
}

// maxEmulatorHops bounds the walk of emulatorPosition.
const maxEmulatorHops = 1000

// emulatorPosition places a Query's last evaluated key against the queried
// partition: 0 when there is none or it lies inside it, as DynamoDB always
// answers; otherwise the embedded emulator (minidyn) answered, which walks
// its whole table or index in key order and, when a filter is set, counts
// items of other partitions against Limit. Then -1: it stopped before the
// partition in the walk's direction (the query goes on from there), 1:
// after it (the partition is done).
func emulatorPosition(q query, lek map[string]types.AttributeValue) int {
	v, ok := lek[q.partAttr].(*types.AttributeValueMemberS)
	if !ok || v.Value == q.partValue {
		return 0
	}
	// The emulator orders keys as "<partition>.<sort key>".
	before := v.Value+"." < q.partValue+"."
	if before == q.forward {
		return -1
	}
	return 1
}

// unmarshalAll decodes raw items into item structs.
func unmarshalAll[T any](raw []map[string]types.AttributeValue) ([]T, error) {
	out := make([]T, 0, len(raw))
	for _, r := range raw {
		var it T
		if err := attributevalue.UnmarshalMap(r, &it); err != nil {
			return nil, err
		}
		out = append(out, it)
	}
	return out, nil
}
