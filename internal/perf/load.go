package perf

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"time"

	"github.com/personaportal/portal/internal/seed"
	vegeta "github.com/tsenart/vegeta/v12/lib"
)

// SelfServiceReads are the routes the load test attacks by default.
var SelfServiceReads = []string{"/me", "/me/personas", "/me/applications", "/me/active-persona",
	"/me/rights", "/me/delegations", "/me/requests/approvals"}

// The load goals (issue 13): 1,000 req/s on 2 cores, p99 under 50 ms, no
// error.
const (
	GoalRate = 1000
	GoalP99  = 50 * time.Millisecond
)

// LoadConfig is one load test.
type LoadConfig struct {
	Routes []string // GET paths (default SelfServiceReads)
	// Rate is the requests per second of each run (all its routes
	// together); Duration how long each run lasts.
	Rate     int
	Duration time.Duration
	// PerRoute runs each route alone; Mixed runs them all together, round
	// robin. Both may be set.
	PerRoute, Mixed bool
	// Warmup is a mixed run at WarmupRate before the measured ones, not
	// recorded: DynamoDB Local's JVM compiles its hot paths first.
	Warmup     time.Duration
	WarmupRate int
	// Ramp lists rates for mixed runs of RampDuration, run first (after
	// the warm-up, before the heavier runs leave work behind): the highest
	// that meets the goal is what this machine sustains.
	Ramp         []int
	RampDuration time.Duration
	// MaxInFlight bounds the requests in flight (and connections): a
	// server that cannot keep up then shows as a rate not held, not as a
	// load generator running out of sockets (default 256; at 1,000 req/s
	// and 50 ms, 50 are in flight).
	MaxInFlight int
	// Progress, when set, receives a line as each run starts and ends.
	Progress io.Writer
}

// LoadRun is one run: its name ("GET /me" or "mixed") and each route's
// numbers within it.
type LoadRun struct {
	Name   string
	Ramp   bool // a run of LoadConfig.Ramp
	Rate   int  // requested
	Total  RouteStats
	Routes []RouteStats
}

// RouteStats are the latencies and outcome of one route within a run.
type RouteStats struct {
	Route      string
	Requests   int
	Errors     int
	FirstError string
	Achieved   float64 // requests sent per second
	// Throughput is the answers with a 200 per second, from the first
	// request sent to the last answer read.
	Throughput    float64
	P50, P99, Max time.Duration
}

// MeetsGoal reports whether the route met the load goal at rate: no error,
// p99 under GoalP99, and the rate sent (within 1%).
func (s RouteStats) MeetsGoal(rate int) bool {
	return s.Errors == 0 && s.P99 < GoalP99 && s.Achieved >= 0.99*float64(rate)
}

// Users the load test signs in as: three demo users, so reads spread over
// profiles (Alice has three personas and a preferred one, Bob is a
// delegated admin with approvals to list, Carol has no persona).
var loadUsers = []string{seed.Alice, seed.Bob, seed.Carol}

// WithDefaults fills in what cfg leaves zero: the routes, MaxInFlight
// 256, WarmupRate 200 req/s.
func (cfg LoadConfig) WithDefaults() LoadConfig {
	if len(cfg.Routes) == 0 {
		cfg.Routes = SelfServiceReads
	}
	if cfg.MaxInFlight == 0 {
		cfg.MaxInFlight = 256
	}
	if cfg.WarmupRate == 0 {
		cfg.WarmupRate = 200
	}
	return cfg
}

// Load runs the load test against p and returns its runs in order: the
// ramp's, the per-route runs, then the mixed one.
func Load(ctx context.Context, p *Portal, cfg LoadConfig) ([]LoadRun, error) {
	targets := map[string][]vegeta.Target{}
	for _, email := range loadUsers {
		tok, err := p.Token(email, false)
		if err != nil {
			return nil, err
		}
		h := http.Header{"Authorization": {"Bearer " + tok}}
		for _, r := range cfg.Routes {
			t := vegeta.Target{Method: http.MethodGet, URL: p.URL + r, Header: h}
			// Every target answers 200 before the load (a first call also
			// links the user's identity, which is a write).
			if err := preflight(ctx, t); err != nil {
				return nil, fmt.Errorf("%s as %s: %w", r, email, err)
			}
			targets[r] = append(targets[r], t)
		}
	}
	var all []vegeta.Target
	for i := range loadUsers {
		for _, r := range cfg.Routes {
			all = append(all, targets[r][i])
		}
	}
	cfg = cfg.WithDefaults()
	if cfg.Warmup > 0 {
		say(cfg.Progress, "load: warm-up, mixed, %d req/s for %s", cfg.WarmupRate, cfg.Warmup)
		attack(all, cfg.WarmupRate, cfg.Warmup, cfg.MaxInFlight)
	}
	var runs []LoadRun
	for _, rate := range cfg.Ramp {
		say(cfg.Progress, "load: ramp, mixed at %d req/s for %s", rate, cfg.RampDuration)
		run := attack(all, rate, cfg.RampDuration, cfg.MaxInFlight)
		run.Name, run.Ramp = fmt.Sprintf("mixed at %d req/s", rate), true
		runs = append(runs, run)
		say(cfg.Progress, "load:   %s; goal met: %v", run.Total, run.Total.MeetsGoal(rate))
	}
	if cfg.PerRoute {
		for _, r := range cfg.Routes {
			say(cfg.Progress, "load: GET %s at %d req/s for %s", r, cfg.Rate, cfg.Duration)
			run := attack(targets[r], cfg.Rate, cfg.Duration, cfg.MaxInFlight)
			run.Name = "GET " + r
			runs = append(runs, run)
			say(cfg.Progress, "load:   %s; goal met: %v", run.Total, run.Total.MeetsGoal(cfg.Rate))
		}
	}
	if cfg.Mixed {
		say(cfg.Progress, "load: mixed (%d routes) at %d req/s for %s", len(cfg.Routes), cfg.Rate, cfg.Duration)
		run := attack(all, cfg.Rate, cfg.Duration, cfg.MaxInFlight)
		run.Name = "mixed"
		runs = append(runs, run)
		say(cfg.Progress, "load:   %s; goal met: %v", run.Total, run.Total.MeetsGoal(cfg.Rate))
	}
	return runs, nil
}

func (s RouteStats) String() string {
	return fmt.Sprintf("%d requests sent at %.0f/s, %.0f/s answered 200, p50 %s, p99 %s, max %s, %d errors",
		s.Requests, s.Achieved, s.Throughput, ms(s.P50), ms(s.P99), ms(s.Max), s.Errors)
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2f ms", float64(d)/1e6) }

func say(w io.Writer, format string, args ...any) {
	if w != nil {
		fmt.Fprintf(w, format+"\n", args...)
	}
}

func preflight(ctx context.Context, t vegeta.Target) error {
	req, err := http.NewRequestWithContext(ctx, t.Method, t.URL, nil)
	if err != nil {
		return err
	}
	req.Header = t.Header.Clone()
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("status %d: %.200s", res.StatusCode, b)
	}
	return nil
}

// attack sends targets round robin at rate for d, at most inFlight at a
// time, and sums up the results by route (the target URL's path).
func attack(targets []vegeta.Target, rate int, d time.Duration, inFlight int) LoadRun {
	atk := vegeta.NewAttacker(vegeta.Timeout(10*time.Second), vegeta.KeepAlive(true),
		vegeta.MaxWorkers(uint64(inFlight)), vegeta.MaxConnections(inFlight))
	by := map[string]*bucket{}
	total := &bucket{}
	for res := range atk.Attack(vegeta.NewStaticTargeter(targets...), vegeta.Rate{Freq: rate, Per: time.Second}, d, "load") {
		route := res.URL
		if u, err := url.Parse(res.URL); err == nil {
			route = u.Path
		}
		b := by[route]
		if b == nil {
			b = &bucket{}
			by[route] = b
		}
		b.add(res)
		total.add(res)
	}
	run := LoadRun{Rate: rate, Total: total.stats("all")}
	for r, b := range by {
		run.Routes = append(run.Routes, b.stats(r))
	}
	sort.Slice(run.Routes, func(i, j int) bool { return run.Routes[i].Route < run.Routes[j].Route })
	return run
}

// bucket collects one route's results.
type bucket struct {
	lat              []time.Duration
	errors           int
	firstError       string
	first, last, end time.Time
}

func (b *bucket) add(r *vegeta.Result) {
	b.lat = append(b.lat, r.Latency)
	if r.Code != http.StatusOK || r.Error != "" {
		b.errors++
		if b.firstError == "" {
			b.firstError = fmt.Sprintf("%d %s %.120s", r.Code, r.Error, r.Body)
		}
	}
	if b.first.IsZero() || r.Timestamp.Before(b.first) {
		b.first = r.Timestamp
	}
	if r.Timestamp.After(b.last) {
		b.last = r.Timestamp
	}
	if e := r.End(); e.After(b.end) {
		b.end = e
	}
}

func (b *bucket) stats(route string) RouteStats {
	s := RouteStats{Route: route, Requests: len(b.lat), Errors: b.errors, FirstError: b.firstError}
	if len(b.lat) == 0 {
		return s
	}
	slices.Sort(b.lat)
	s.P50, s.P99, s.Max = Quantile(b.lat, 0.50), Quantile(b.lat, 0.99), b.lat[len(b.lat)-1]
	// n requests sent over the span from the first to the last: n-1 gaps.
	if span := b.last.Sub(b.first).Seconds(); span > 0 && len(b.lat) > 1 {
		s.Achieved = float64(len(b.lat)-1) / span
	}
	if span := b.end.Sub(b.first).Seconds(); span > 0 {
		s.Throughput = float64(len(b.lat)-b.errors) / span
	}
	return s
}

// Quantile is the q-th quantile of sorted durations (nearest rank).
func Quantile(sorted []time.Duration, q float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(q*float64(len(sorted))+0.999999) - 1
	return sorted[max(0, min(i, len(sorted)-1))]
}
