package store_test

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/personaportal/portal/internal/apitest"
	"github.com/personaportal/portal/internal/store"
)

// rawItems reads every item of the table (tests only: no request path scans).
func rawItems(t *testing.T, db *dynamodb.Client, table string) []map[string]types.AttributeValue {
	t.Helper()
	var all []map[string]types.AttributeValue
	var start map[string]types.AttributeValue
	for {
		out, err := db.Scan(context.Background(), &dynamodb.ScanInput{TableName: aws.String(table), ExclusiveStartKey: start})
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, out.Items...)
		if len(out.LastEvaluatedKey) == 0 {
			return all
		}
		start = out.LastEvaluatedKey
	}
}

func str(it map[string]types.AttributeValue, k string) string {
	if v, ok := it[k].(*types.AttributeValueMemberS); ok {
		return v.Value
	}
	return ""
}

func TestEveryItemLivesUnderItsTenantAndSubjectsAreHashed(t *testing.T) {
	h := apitest.NewDemo(t)
	h.DemoIDs() // first logins link and provision profiles too
	h.Must(200, h.Token("someone@other.test", "other", false), "GET", "/me", nil)
	items := rawItems(t, h.Portal.DB, h.Portal.Store.Table())
	if len(items) < 20 {
		t.Fatalf("only %d items", len(items))
	}
	for _, it := range items {
		pk := str(it, "pk")
		if !strings.HasPrefix(pk, "T#demo") && !strings.HasPrefix(pk, "T#other") {
			t.Errorf("item outside any tenant: %s", pk)
		}
		for _, k := range []string{"gsi1pk", "gsi2pk", "gsi3pk"} {
			// The job index (JOB#...) is the one cross-tenant partition; its items live under their tenant.
			if v := str(it, k); v != "" && !strings.HasPrefix(v, pk[:6]) && !strings.HasPrefix(v, "JOB#") {
				t.Errorf("%s %q of %s points at another tenant", k, v, pk)
			}
		}
		if strings.Contains(pk, "dev|") {
			t.Errorf("a token subject is stored in clear in a key: %s", pk)
		}
	}
}

func TestACursorFromAnotherPartitionIsRefused(t *testing.T) {
	h := apitest.NewDemo(t)
	st := h.Portal.Store
	ctx := context.Background()
	_, next, err := st.ListProfiles(ctx, "demo", store.ProfileFilter{}, store.Page{Limit: 1})
	if err != nil || next == nil {
		t.Fatalf("%v %v", next, err)
	}
	if _, _, err := st.ListProfiles(ctx, "other", store.ProfileFilter{}, store.Page{Limit: 1, Start: next}); err == nil {
		t.Fatal("a demo cursor read the other tenant's index")
	}
	if _, _, err := st.ListProfiles(ctx, "demo", store.ProfileFilter{}, store.Page{Start: []byte(`{"pk":"x"}`)}); err == nil {
		t.Fatal("a forged position was accepted")
	}
	if _, _, err := st.ListProfiles(ctx, "demo", store.ProfileFilter{}, store.Page{Limit: 1, Start: next}); err != nil {
		t.Fatalf("the cursor does not work where it belongs: %v", err)
	}
}

func TestTheSchemaHasTheIndexesTheStoreQueries(t *testing.T) {
	in := store.Schema.CreateTableInput("t")
	if len(in.GlobalSecondaryIndexes) != len(store.Schema.Indexes) || len(in.GlobalSecondaryIndexes) != 4 || in.BillingMode != types.BillingModePayPerRequest {
		t.Fatalf("%+v", in)
	}
	if err := store.EnsureTable(context.Background(), apitest.New(t).Portal.DB, "portal"); err != nil {
		t.Fatalf("creating an existing table must be a no-op: %v", err)
	}
}

func TestABatchReadAskingAKeyTwiceReadsItOnce(t *testing.T) {
	h := apitest.NewDemo(t)
	items := rawItems(t, h.Portal.DB, h.Portal.Store.Table())
	a, b := [2]string{str(items[0], "pk"), str(items[0], "sk")}, [2]string{str(items[1], "pk"), str(items[1], "sk")}
	got, err := h.Portal.Store.BatchGetPairs(context.Background(), a, b, a, [2]string{"T#demo#nothing", "here"}, b)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || !got[a[0]+"|"+a[1]] || !got[b[0]+"|"+b[1]] {
		t.Fatalf("read %v, want the two items", got)
	}
}
