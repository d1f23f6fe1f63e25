package perf

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/personaportal/portal/internal/seed"
)

// GoalGrowth is the most a per-user read may slow down once the tenant
// has 5,000 more users (issue 13): its p50 within 1.5x.
const GoalGrowth = 1.5

// GrowConfig is the +N users check.
type GrowConfig struct {
	Users    int // imported (default 5,000)
	Part     int // users per import request (default 500)
	Samples  int // measured requests per route, each side (default 300)
	Progress io.Writer
}

// GrowResult is the check's outcome.
type GrowResult struct {
	Users          int
	ImportSeconds  float64
	UsersPerSecond float64
	Reads          []GrowRead
}

// GrowRead is one per-user request's p50 on the demo tenant and after the
// import.
type GrowRead struct {
	Route         string
	Before, After time.Duration
}

// Ratio is After over Before.
func (g GrowRead) Ratio() float64 {
	if g.Before == 0 {
		return 0
	}
	return float64(g.After) / float64(g.Before)
}

// Grow measures Alice's per-user reads on the demo tenant, imports
// cfg.Users users through POST /admin/import, and measures again.
func Grow(ctx context.Context, p *Portal, cfg GrowConfig) (GrowResult, error) {
	if cfg.Users == 0 {
		cfg.Users = 5000
	}
	if cfg.Part == 0 {
		cfg.Part = 500
	}
	if cfg.Samples == 0 {
		cfg.Samples = 300
	}
	c, err := NewClient(p, seed.Alice, false)
	if err != nil {
		return GrowResult{}, err
	}
	reqs, err := PerUserRequests(ctx, c)
	if err != nil {
		return GrowResult{}, err
	}
	res := GrowResult{Users: cfg.Users}
	before := map[string]time.Duration{}
	for _, r := range reqs {
		say(cfg.Progress, "grow: %s on the demo tenant, %d requests", r.Name, cfg.Samples)
		if before[r.Name], err = P50(ctx, r, cfg.Samples); err != nil {
			return res, err
		}
	}
	admin, err := NewClient(p, seed.Admin, true)
	if err != nil {
		return res, err
	}
	start := time.Now()
	for done := 0; done < cfg.Users; done += cfg.Part {
		n := min(cfg.Part, cfg.Users-done)
		say(cfg.Progress, "grow: importing users %d-%d of %d", done+1, done+n, cfg.Users)
		if err := admin.Import(ctx, ImportFile(fmt.Sprintf("grow%d-", done), n)); err != nil {
			return res, err
		}
	}
	res.ImportSeconds = time.Since(start).Seconds()
	res.UsersPerSecond = float64(cfg.Users) / res.ImportSeconds
	say(cfg.Progress, "grow:   imported %d users in %.1f s: %.0f users/s", cfg.Users, res.ImportSeconds, res.UsersPerSecond)
	for _, r := range reqs {
		say(cfg.Progress, "grow: %s after +%d users, %d requests", r.Name, cfg.Users, cfg.Samples)
		after, err := P50(ctx, r, cfg.Samples)
		if err != nil {
			return res, err
		}
		g := GrowRead{Route: r.Name, Before: before[r.Name], After: after}
		res.Reads = append(res.Reads, g)
		say(cfg.Progress, "grow:   p50 %s -> %s (%.2fx); goal (within %.1fx) met: %v", ms(g.Before), ms(g.After), g.Ratio(), GoalGrowth, g.Ratio() <= GoalGrowth)
	}
	return res, nil
}

// ImportFile is an NDJSON import of n new users with a customer persona
// each, their e-mails starting with prefix.
func ImportFile(prefix string, n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, `{"email":"%s%05d@initech.test","given_name":"U%d","personas":[{"type":"customer","scope":["company:initech"]}]}`+"\n", prefix, i, i)
	}
	return b.String()
}

// Request is a request measured repeatedly: Next sends the i-th.
type Request struct {
	Name string
	Next func(ctx context.Context, i int) error
}

// PerUserRequests are the per-user requests of the check, as c's user
// (Alice): GET /me/personas, GET /me/applications and PUT
// /me/preferred-persona, alternating between her staff and customer
// personas.
func PerUserRequests(ctx context.Context, c *Client) ([]Request, error) {
	ids, err := twoPersonas(ctx, c)
	if err != nil {
		return nil, err
	}
	get := func(path string) func(context.Context, int) error {
		return func(ctx context.Context, _ int) error {
			_, err := c.Do(ctx, http.StatusOK, http.MethodGet, path, "", "")
			return err
		}
	}
	return []Request{
		{"GET /me/personas", get("/me/personas")},
		{"GET /me/applications", get("/me/applications")},
		{"PUT /me/preferred-persona", func(ctx context.Context, i int) error {
			body, _ := json.Marshal(map[string]string{"persona_id": ids[i%2]})
			_, err := c.Do(ctx, http.StatusOK, http.MethodPut, "/me/preferred-persona", "application/json", string(bytes.TrimSpace(body)))
			return err
		}},
	}, nil
}

// P50 sends n requests one after the other, after n/10 unmeasured ones,
// and returns their median latency.
func P50(ctx context.Context, r Request, n int) (time.Duration, error) {
	for i := range n / 10 {
		if err := r.Next(ctx, i); err != nil {
			return 0, err
		}
	}
	lat := make([]time.Duration, 0, n)
	for i := range n {
		start := time.Now()
		if err := r.Next(ctx, i); err != nil {
			return 0, err
		}
		lat = append(lat, time.Since(start))
	}
	slices.Sort(lat)
	return Quantile(lat, 0.5), nil
}
