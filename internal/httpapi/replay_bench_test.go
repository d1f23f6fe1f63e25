package httpapi_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/personaportal/portal/internal/apitest"
	"github.com/personaportal/portal/internal/perfdata"
	"github.com/personaportal/portal/internal/store"
)

// replayer replays recorded DynamoDB calls through a bare client on the
// harness's own table, and puts items back as they were at a snapshot.
type replayer struct {
	db    *dynamodb.Client
	table string
	// snap is every item of the table at the snapshot, by primary key.
	snap map[[2]string]map[string]types.AttributeValue
}

func newReplayer(t testing.TB, h *apitest.Harness) *replayer {
	t.Helper()
	if h.Portal.Embedded == nil {
		t.Fatal("the harness has no embedded DynamoDB")
	}
	db, err := perfdata.Client(context.Background(), h.Portal.Embedded.URL, 2)
	if err != nil {
		t.Fatal(err)
	}
	return &replayer{db: db, table: "portal"}
}

// snapshot reads the whole table (the demo tenant: a few hundred items).
func (r *replayer) snapshot(t testing.TB) {
	t.Helper()
	r.snap = map[[2]string]map[string]types.AttributeValue{}
	in := &dynamodb.ScanInput{TableName: aws.String(r.table), ConsistentRead: aws.Bool(true)}
	for {
		out, err := r.db.Scan(context.Background(), in)
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range out.Items {
			r.snap[primaryKey(it)] = it
		}
		if len(out.LastEvaluatedKey) == 0 {
			return
		}
		in.ExclusiveStartKey = out.LastEvaluatedKey
	}
}

func primaryKey(item map[string]types.AttributeValue) [2]string {
	s := func(name string) string {
		v, _ := item[name].(*types.AttributeValueMemberS)
		if v == nil {
			return ""
		}
		return v.Value
	}
	return [2]string{s("pk"), s("sk")}
}

// isWrite reports whether a call can change the table.
func isWrite(c store.Call) bool {
	switch c.Input.(type) {
	case *dynamodb.PutItemInput, *dynamodb.UpdateItemInput, *dynamodb.DeleteItemInput,
		*dynamodb.TransactWriteItemsInput, *dynamodb.BatchWriteItemInput:
		return true
	}
	return false
}

// written lists the primary keys the calls may have changed.
func written(calls []store.Call) [][2]string {
	var keys [][2]string
	for _, c := range calls {
		switch in := c.Input.(type) {
		case *dynamodb.PutItemInput:
			keys = append(keys, primaryKey(in.Item))
		case *dynamodb.UpdateItemInput:
			keys = append(keys, primaryKey(in.Key))
		case *dynamodb.DeleteItemInput:
			keys = append(keys, primaryKey(in.Key))
		case *dynamodb.TransactWriteItemsInput:
			for _, w := range in.TransactItems {
				switch {
				case w.Put != nil:
					keys = append(keys, primaryKey(w.Put.Item))
				case w.Update != nil:
					keys = append(keys, primaryKey(w.Update.Key))
				case w.Delete != nil:
					keys = append(keys, primaryKey(w.Delete.Key))
				}
			}
		case *dynamodb.BatchWriteItemInput:
			for _, reqs := range in.RequestItems {
				for _, w := range reqs {
					if w.PutRequest != nil {
						keys = append(keys, primaryKey(w.PutRequest.Item))
					} else if w.DeleteRequest != nil {
						keys = append(keys, primaryKey(w.DeleteRequest.Key))
					}
				}
			}
		}
	}
	return keys
}

// restore puts the items at keys back as they were at the snapshot: the
// snapshot's copy, or nothing when the snapshot had none.
func (r *replayer) restore(t testing.TB, keys [][2]string) {
	t.Helper()
	seen := map[[2]string]bool{}
	var reqs []types.WriteRequest
	for _, k := range keys {
		if seen[k] {
			continue
		}
		seen[k] = true
		if it, ok := r.snap[k]; ok {
			reqs = append(reqs, types.WriteRequest{PutRequest: &types.PutRequest{Item: it}})
		} else {
			reqs = append(reqs, types.WriteRequest{DeleteRequest: &types.DeleteRequest{Key: map[string]types.AttributeValue{
				"pk": &types.AttributeValueMemberS{Value: k[0]}, "sk": &types.AttributeValueMemberS{Value: k[1]}}}})
		}
	}
	if err := perfdata.WriteAll(context.Background(), r.db, r.table, reqs); err != nil {
		t.Fatal(err)
	}
}

// replay sends one recorded call again. A transaction goes without the
// idempotency token the SDK filled into the recorded input: with it,
// DynamoDB would take the replay for a retry of the first call and apply
// nothing.
func (r *replayer) replay(ctx context.Context, input any) (any, error) {
	switch in := input.(type) {
	case *dynamodb.GetItemInput:
		return r.db.GetItem(ctx, in)
	case *dynamodb.QueryInput:
		return r.db.Query(ctx, in)
	case *dynamodb.ScanInput:
		return r.db.Scan(ctx, in)
	case *dynamodb.BatchGetItemInput:
		return r.db.BatchGetItem(ctx, in)
	case *dynamodb.TransactGetItemsInput:
		return r.db.TransactGetItems(ctx, in)
	case *dynamodb.PutItemInput:
		return r.db.PutItem(ctx, in)
	case *dynamodb.UpdateItemInput:
		return r.db.UpdateItem(ctx, in)
	case *dynamodb.DeleteItemInput:
		return r.db.DeleteItem(ctx, in)
	case *dynamodb.BatchWriteItemInput:
		return r.db.BatchWriteItem(ctx, in)
	case *dynamodb.TransactWriteItemsInput:
		cp := *in
		cp.ClientRequestToken = nil
		return r.db.TransactWriteItems(ctx, &cp)
	}
	return nil, fmt.Errorf("replay: unexpected input %T", input)
}
