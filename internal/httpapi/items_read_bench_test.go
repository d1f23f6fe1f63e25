package httpapi_test

import (
	"context"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/personaportal/portal/internal/apitest"
	"github.com/personaportal/portal/internal/operations"
	"github.com/personaportal/portal/internal/store"
)

// TestEveryOperationReadsBoundedItems runs each operation's scenario once,
// as BenchmarkOperation does (from the same state, restored after it), and
// bounds what each DynamoDB call read by what it asked for: a GetItem one
// item, a batch or transactional get its keys, a paged Query its Limit,
// which must not exceed the request's page size (?limit=, default 50) plus
// one. A Query without Limit may only read a partition the store bounds
// (a user's: at most 100 live personas and 10 loans; the tenant's: at most
// 200 definitions), and then at most what that partition holds. The replay
// of the same calls through a bare client must read exactly as many items,
// so BenchmarkOperation's sdk side has the handler's shape.
func TestEveryOperationReadsBoundedItems(t *testing.T) {
	h := apitest.NewDemo(t)
	scenarios, _ := opScenarios(h)
	r := newReplayer(t, h)
	r.snapshot(t)
	tenant := "T#demo"
	for _, op := range operations.All {
		c, ok := scenarios[op.Name]
		if !ok {
			t.Errorf("operation %s has no scenario", op.Name)
			continue
		}
		calls := recordOnce(t, h, op.Name, c)
		read, bound := 0, 0
		for _, call := range calls {
			n := store.ItemsRead(call.Output)
			b, problem := r.readBound(call, pageLimit(t, c.path), tenant)
			if problem != "" {
				t.Errorf("%s: %s", op.Name, problem)
			}
			if n > b {
				t.Errorf("%s: a %s read %d items, at most %d expected", op.Name, call.Op, n, b)
			}
			read, bound = read+n, bound+b
		}
		r.restore(t, written(calls))
		replayed := 0
		for _, call := range calls {
			out, err := r.replay(context.Background(), call.Input)
			if (err != nil) != (call.Err != nil) {
				t.Fatalf("%s: %s replayed answered %v, the handler's %v", op.Name, call.Op, err, call.Err)
			}
			if err == nil {
				replayed += store.ItemsRead(out)
			}
		}
		r.restore(t, written(calls))
		if replayed != read {
			t.Errorf("%s: the replay read %d items, the handler %d", op.Name, replayed, read)
		}
		t.Logf("%-28s %2d calls, %3d items read (bound %d)", op.Name, len(calls), read, bound)
	}
}

// pageLimit is the page size a request asks for.
func pageLimit(t *testing.T, path string) int {
	u, err := url.Parse(path)
	if err != nil {
		t.Fatal(err)
	}
	if v := u.Query().Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	return 50
}

// readBound is the most items call may read, or a problem when it may read
// more than a page.
func (r *replayer) readBound(call store.Call, page int, tenant string) (int, string) {
	switch in := call.Input.(type) {
	case *dynamodb.GetItemInput:
		return 1, ""
	case *dynamodb.BatchGetItemInput:
		n := 0
		for _, ka := range in.RequestItems {
			n += len(ka.Keys)
		}
		return n, ""
	case *dynamodb.TransactGetItemsInput:
		return len(in.TransactItems), ""
	case *dynamodb.QueryInput:
		if in.Limit != nil {
			if int(*in.Limit) > page+1 {
				return 0, "a Query asks for " + strconv.Itoa(int(*in.Limit)) + " items, more than a page of " + strconv.Itoa(page) + " + 1"
			}
			return int(*in.Limit), ""
		}
		part, _ := in.ExpressionAttributeValues[":p"].(*types.AttributeValueMemberS)
		if in.IndexName != nil || part == nil || part.Value != tenant && !strings.HasPrefix(part.Value, tenant+"#U#") {
			return 0, "a Query without Limit outside a user's or the tenant's partition"
		}
		n := 0
		for k := range r.snap {
			if k[0] == part.Value {
				n++
			}
		}
		return n, ""
	case *dynamodb.ScanInput:
		return 0, "a Scan"
	}
	return 0, ""
}
