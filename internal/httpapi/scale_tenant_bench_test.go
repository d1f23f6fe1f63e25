package httpapi_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/personaportal/portal/internal/apitest"
	"github.com/personaportal/portal/internal/perfdata"
	"github.com/personaportal/portal/internal/store"
)

// ScaleEnv lists the tenant sizes BenchmarkScale loads, in personas
// (make perf: 1000,1000000). The default keeps a plain -bench run short.
const ScaleEnv = "PP_SCALE_PERSONAS"

// scaleWorkersEnv sets the BatchWriteItem workers of the load.
const scaleWorkersEnv = "PP_SCALE_WORKERS"

// BenchmarkScale fills the demo tenant with N more personas (N/2 users, a
// customer and a staff persona each) written straight into the table with
// BatchWriteItem, then pages through the list routes: one page per
// iteration, following next_cursor (back to the first page at the end).
// Per route it reports the latency of a page (p50-ms, p99-ms), the items
// the page's queries read (items/page, max-items/page) against the page
// size (limit), and the load's rate (load-items/s). A page costs O(limit)
// whatever the tenant holds, so the two sizes should look alike.
func BenchmarkScale(b *testing.B) {
	for _, n := range scaleSizes(b) {
		b.Run(fmt.Sprintf("personas=%d", n), func(b *testing.B) {
			s := newScaleTenant(b, n)
			b.Logf("engine %s: loaded %d users, %d personas (%d items) in %s: %.0f items/s",
				s.h.Portal.Embedded.Engine, s.loaded.Users, s.loaded.Personas, s.loaded.Items, s.loaded.Took.Round(time.Millisecond), s.loaded.Rate())
			for _, rt := range s.routes() {
				b.Run(rt.name, func(b *testing.B) { s.benchPages(b, rt) })
			}
		})
	}
}

// TestScaleListPagesReadAtMostLimitPlusOne loads two small tenants and
// checks that no page of the scale routes reads more than its page size
// plus one item, however many personas the tenant holds.
func TestScaleListPagesReadAtMostLimitPlusOne(t *testing.T) {
	// The smaller tenant is walked to the end of every list and round again
	// (its users fit in 11 pages; /users crosses from one scope partition
	// to the next on the way); the larger one for its first pages.
	for n, pages := range map[int]int{1000: 12, 5000: 4} {
		s := newScaleTenant(t, n)
		for _, rt := range s.routes() {
			pg := s.pager(t, rt)
			for range pages {
				read, _ := pg.next(t)
				if read > pg.limit+1 {
					t.Errorf("personas=%d %s page %d (%s): read %d items, page size %d", n, rt.name, pg.pages, pg.last, read, pg.limit)
				}
			}
			if pg.maxRead == 0 && rt.name != "list-my-personas" {
				t.Errorf("personas=%d %s: no page read anything", n, rt.name)
			}
		}
	}
}

func scaleSizes(b *testing.B) []int {
	v := os.Getenv(ScaleEnv)
	if v == "" {
		v = "1000,20000"
	}
	var sizes []int
	for f := range strings.SplitSeq(v, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			b.Fatalf("%s=%q: want sizes like 1000,1000000", ScaleEnv, v)
		}
		sizes = append(sizes, n)
	}
	return sizes
}

// scaleTenant is a demo portal with the bulk-loaded personas.
type scaleTenant struct {
	h      *apitest.Harness
	d      apitest.Demo
	loaded perfdata.Loaded
}

func newScaleTenant(t testing.TB, personas int) *scaleTenant {
	t.Helper()
	h := apitest.NewDemo(t)
	d := h.DemoIDs()
	db, err := perfdata.Client(context.Background(), h.Portal.Embedded.URL, 3)
	if err != nil {
		t.Fatal(err)
	}
	// DynamoDB Local keeps every database in memory until it exits.
	t.Cleanup(func() {
		_, _ = db.DeleteTable(context.Background(), &dynamodb.DeleteTableInput{TableName: aws.String("portal")})
	})
	workers := 8
	if v := os.Getenv(scaleWorkersEnv); v != "" {
		if workers, err = strconv.Atoi(v); err != nil || workers < 1 {
			t.Fatalf("%s=%q: want a positive number", scaleWorkersEnv, v)
		}
	}
	loaded, err := perfdata.Load(context.Background(), db, h.Portal.Store, "portal", perfdata.Tenant{
		Tenant: "demo", Personas: personas, EmailDomain: "scale.test", Now: h.Now(),
		Companies:   []string{"company:acme", "company:globex", "company:initech"},
		Departments: []string{"dept:engineering", "dept:sales", "dept:support"},
	}, workers)
	if err != nil {
		t.Fatal(err)
	}
	return &scaleTenant{h: h, d: d, loaded: loaded}
}

// scaleRoute is a list route and the caller paging through it.
type scaleRoute struct{ name, tok, path string }

// routes are the lists a large tenant could slow down: the admin's persona
// search (gsi1 by type, scope filtered) and user list (gsi1), a delegated
// admin's users (gsi3 partitions, then their profiles), and one user's own
// personas (the user's partition, which the tenant's size must not touch).
// Each is named after its operation.
func (s *scaleTenant) routes() []scaleRoute {
	return []scaleRoute{
		{"search-personas", s.d.Admin, "/admin/personas?type=customer&scope=company:acme"},
		{"list-users", s.d.Admin, "/admin/users"},
		{"list-scoped-users", s.d.Bob, "/users"},
		{"list-my-personas", s.d.Alice, "/me/personas"},
	}
}

// pager walks a route page by page.
type pager struct {
	s       *scaleTenant
	rt      scaleRoute
	limit   int
	cursor  string
	last    string // the path of the last page
	rec     *store.CallCounter
	pages   int
	read    int // items the pages' queries read, in all
	maxRead int
}

func (s *scaleTenant) pager(t testing.TB, rt scaleRoute) *pager {
	_, rec := store.WithCallRecorder(context.Background())
	return &pager{s: s, rt: rt, limit: pageLimitOf(t, rt.path), rec: rec}
}

func pageLimitOf(t testing.TB, path string) int {
	u, err := url.Parse(path)
	if err != nil {
		t.Fatal(err)
	}
	if v := u.Query().Get("limit"); v != "" {
		if n, err := strconv.Atoi(v); err == nil {
			return n
		}
	}
	return 50
}

// next fetches the next page and returns the items its page queries read
// (the Queries with a Limit: not authentication, the caller's grants nor
// the profiles of /users' page) and how long the handler took.
func (p *pager) next(t testing.TB) (int, time.Duration) {
	p.last = p.rt.path
	if p.cursor != "" {
		sep := "?"
		if strings.Contains(p.last, "?") {
			sep = "&"
		}
		p.last += sep + "cursor=" + url.QueryEscape(p.cursor)
	}
	req := opCall{tok: p.rt.tok, method: "GET", path: p.last}.request(nil)
	w := httptest.NewRecorder()
	p.rec.Reset()
	start := time.Now()
	p.s.h.Portal.Handler.ServeHTTP(w, req.WithContext(store.WithCounter(req.Context(), p.rec)))
	took := time.Since(start)
	if w.Code != 200 {
		t.Fatalf("%s %s: status %d: %s", p.rt.name, p.last, w.Code, w.Body.Bytes())
	}
	var page struct {
		Next *string `json:"next_cursor"`
	}
	if err := json.Unmarshal(w.Body.Bytes(), &page); err != nil {
		t.Fatal(err)
	}
	p.cursor = ""
	if page.Next != nil {
		p.cursor = *page.Next
	}
	read := 0
	for _, c := range p.rec.Calls() {
		if q, ok := c.Input.(*dynamodb.QueryInput); ok && q.Limit != nil {
			read += store.ItemsRead(c.Output)
		}
	}
	p.pages++
	p.read += read
	p.maxRead = max(p.maxRead, read)
	return read, took
}

// warmUpPages are the pages read before timing: DynamoDB Local runs on
// the JVM, whose compiler would otherwise slow the first pages down.
const warmUpPages = 20

func (s *scaleTenant) benchPages(b *testing.B, rt scaleRoute) {
	warm := s.pager(b, rt)
	for range warmUpPages {
		warm.next(b)
	}
	pg := s.pager(b, rt)
	var took []time.Duration
	for b.Loop() {
		_, d := pg.next(b)
		took = append(took, d)
	}
	slices.Sort(took)
	ms := func(q float64) float64 { return float64(took[int(q*float64(len(took)-1))]) / 1e6 }
	b.ReportMetric(ms(0.50), "p50-ms")
	b.ReportMetric(ms(0.99), "p99-ms")
	b.ReportMetric(float64(pg.read)/float64(pg.pages), "items/page")
	b.ReportMetric(float64(pg.maxRead), "max-items/page")
	b.ReportMetric(float64(pg.limit), "limit")
	b.ReportMetric(s.loaded.Rate(), "load-items/s")
}

// TestBulkLoadedUsersAreAsTheAPIWritesThem checks that the loaded items
// work as the API's own: a loaded user is found by e-mail with both
// personas, its guards refuse the same persona twice and its e-mail a
// second profile, each definition counts exactly the live personas of its
// type, and the API revokes loaded personas (the counters follow).
func TestBulkLoadedUsersAreAsTheAPIWritesThem(t *testing.T) {
	s := newScaleTenant(t, 10)
	if s.loaded.Users != 5 || s.loaded.Items != 5*2+10*2 {
		t.Fatalf("loaded %+v, want 5 users and 30 items", s.loaded)
	}
	s.checkCounters(t)
	users := s.h.Must(200, s.d.Admin, "GET", "/admin/users?q=scale0000003@", nil).Items()
	if len(users) != 1 {
		t.Fatalf("users found by e-mail: %v", users)
	}
	base := "/admin/users/" + users[0]["id"].(string) + "/personas"
	ps := s.h.Must(200, s.d.Admin, "GET", base, nil).Items()
	if len(ps) != 2 {
		t.Fatalf("personas: %v", ps)
	}
	for _, p := range ps {
		s.h.Must(409, s.d.Admin, "POST", base, map[string]any{"type": p["type"], "scope": p["scope"]})
	}
	s.h.Must(409, s.d.Admin, "POST", "/admin/users", map[string]any{"email": "scale0000003@scale.test"})
	for _, p := range ps {
		s.h.Must(200, s.d.Admin, "DELETE", base+"/"+p["id"].(string), nil)
	}
	s.checkCounters(t)
}

// checkCounters compares each loaded type's live_personas counter with the
// live (pending and accepted) personas of that type the API lists.
func (s *scaleTenant) checkCounters(t *testing.T) {
	t.Helper()
	db, err := perfdata.Client(context.Background(), s.h.Portal.Embedded.URL, 3)
	if err != nil {
		t.Fatal(err)
	}
	for _, typ := range []string{"customer", "staff"} {
		out, err := db.GetItem(context.Background(), &dynamodb.GetItemInput{TableName: aws.String("portal"), ConsistentRead: aws.Bool(true),
			Key: map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: "T#demo"}, "sk": &types.AttributeValueMemberS{Value: "DEF#" + typ}}})
		if err != nil {
			t.Fatal(err)
		}
		var def struct {
			Live int `dynamodbav:"live_personas"`
		}
		if err := attributevalue.UnmarshalMap(out.Item, &def); err != nil {
			t.Fatal(err)
		}
		live := 0 // pending and accepted
		for _, st := range []string{"pending", "accepted"} {
			live += len(s.h.Must(200, s.d.Admin, "GET", "/admin/personas?limit=100&type="+typ+"&status="+st, nil).Items())
		}
		if def.Live != live {
			t.Errorf("%s: the definition counts %d live personas, the API lists %d", typ, def.Live, live)
		}
	}
}
