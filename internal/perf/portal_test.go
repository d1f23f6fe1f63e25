package perf

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/personaportal/portal/internal/embedded"
	"github.com/personaportal/portal/internal/seed"
)

func startPortal(tb testing.TB) *Portal {
	tb.Helper()
	p, err := StartPortal(context.Background())
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { _ = p.Close() })
	return p
}

// A small run of each measurement on the real local portal: the counts
// and outcomes, never the timings.
func TestLoadGrowAndUnitsOnTheLocalPortal(t *testing.T) {
	ctx := context.Background()
	p := startPortal(t)

	units, err := Units(ctx, p, 2)
	if err != nil {
		t.Fatal(err)
	}
	if p.Engine() == embedded.Local {
		for _, pr := range probes {
			u, ok := units[pr.op]
			switch {
			case !ok:
				t.Errorf("%s: not metered", pr.op)
			case u.Calls == 0 || u.ReadUnits <= 0:
				t.Errorf("%s: %+v: no call or no read", pr.op, u)
			case (pr.method == http.MethodGet) != (u.WriteUnits == 0):
				t.Errorf("%s %s: %v write units", pr.method, pr.path, u.WriteUnits)
			}
		}
		if u := units[ImportLine]; u.WriteUnits <= 0 {
			t.Errorf("an imported user wrote nothing: %+v", u)
		}
	} else if len(units) != 0 {
		t.Errorf("%s reported capacity: %+v", p.Engine(), units)
	}

	routes := []string{"/me", "/me/personas"}
	const rate, d = 40, 250 * time.Millisecond
	runs, err := Load(ctx, p, LoadConfig{Routes: routes, Rate: rate, Duration: d, PerRoute: true, Mixed: true,
		Ramp: []int{rate}, RampDuration: d})
	if err != nil {
		t.Fatal(err)
	}
	if len(runs) != len(routes)+2 || !runs[0].Ramp || runs[len(runs)-1].Name != "mixed" {
		t.Fatalf("runs %+v, want the ramp's, one per route and a mixed one", runs)
	}
	// vegeta stops at the duration's end: on a busy machine it may have
	// sent fewer than rate x duration by then, never more.
	most := int(rate * d.Seconds())
	for _, run := range runs {
		if run.Total.Requests < 1 || run.Total.Requests > most || run.Total.Errors != 0 {
			t.Errorf("%s: %d requests, %d errors (%s); want 1 to %d, 0 errors", run.Name, run.Total.Requests, run.Total.Errors, run.Total.FirstError, most)
		}
		sum := 0
		for _, s := range run.Routes {
			sum += s.Requests
			if s.P50 > s.P99 || s.P99 > s.Max || s.P50 <= 0 {
				t.Errorf("%s %s: p50 %s, p99 %s, max %s", run.Name, s.Route, s.P50, s.P99, s.Max)
			}
		}
		if sum != run.Total.Requests {
			t.Errorf("%s: routes add up to %d of %d requests", run.Name, sum, run.Total.Requests)
		}
	}
	// Round robin: the mixed run reaches every route it sent enough for.
	mixed := runs[len(runs)-1]
	if n := len(mixed.Routes); n != min(len(routes), mixed.Total.Requests) {
		t.Errorf("the mixed run hit %d routes in %d requests, want %d", n, mixed.Total.Requests, min(len(routes), mixed.Total.Requests))
	}

	g, err := Grow(ctx, p, GrowConfig{Users: 30, Part: 20, Samples: 5})
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Reads) != 3 || g.Users != 30 || g.UsersPerSecond <= 0 {
		t.Fatalf("grow: %+v", g)
	}
	for _, r := range g.Reads {
		if r.Before <= 0 || r.After <= 0 {
			t.Errorf("%s: %s before, %s after", r.Route, r.Before, r.After)
		}
	}
	// The imported users are there: the admin's first page of 100 users
	// holds at least the 30.
	admin, err := NewClient(p, seed.Admin, true)
	if err != nil {
		t.Fatal(err)
	}
	b, err := admin.Do(ctx, http.StatusOK, http.MethodGet, "/admin/users?limit=100", "", "")
	if err != nil {
		t.Fatal(err)
	}
	var list struct {
		Items []json.RawMessage `json:"items"`
	}
	if err := json.Unmarshal(b, &list); err != nil {
		t.Fatal(err)
	}
	if len(list.Items) < 30 {
		t.Errorf("%d users after importing 30: %.300s", len(list.Items), b)
	}
}

// BenchmarkPerUserReadsPlus5000Users: Alice's per-user requests on the
// demo tenant, then after 5,000 users came in through POST /admin/import
// (reported: imported-users/s). Compare the two sides' ns/op.
func BenchmarkPerUserReadsPlus5000Users(b *testing.B) {
	ctx := context.Background()
	p := startPortal(b)
	c, err := NewClient(p, seed.Alice, false)
	if err != nil {
		b.Fatal(err)
	}
	reqs, err := PerUserRequests(ctx, c)
	if err != nil {
		b.Fatal(err)
	}
	// DynamoDB Local's JVM compiles its hot paths first: warm it up, or
	// the demo side measures that.
	for _, r := range reqs {
		for i := range 200 {
			if err := r.Next(ctx, i); err != nil {
				b.Fatal(err)
			}
		}
	}
	measure := func(b *testing.B, metrics map[string]float64) {
		for _, r := range reqs {
			b.Run(strings.NewReplacer(" /", "_", "/", "-").Replace(r.Name), func(b *testing.B) {
				i := 0
				for b.Loop() {
					if err := r.Next(ctx, i); err != nil {
						b.Fatal(err)
					}
					i++
				}
				for unit, v := range metrics {
					b.ReportMetric(v, unit)
				}
			})
		}
	}
	b.Run("tenant=demo", func(b *testing.B) { measure(b, nil) })
	admin, err := NewClient(p, seed.Admin, true)
	if err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	for part := range 10 {
		if err := admin.Import(ctx, ImportFile(fmt.Sprintf("bench%d-", part), 500)); err != nil {
			b.Fatal(err)
		}
	}
	rate := 5000 / time.Since(start).Seconds()
	b.Run("tenant=plus5000", func(b *testing.B) { measure(b, map[string]float64{"imported-users/s": rate}) })
}
