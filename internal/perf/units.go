package perf

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"time"

	"github.com/personaportal/portal/internal/seed"
)

// ImportLine is the name under which Units reports what one new user of
// an import consumes (an import request's units grow with its file).
const ImportLine = "import-users/line"

// probe is one operation Units meters: its request as the user, or as
// the tenant admin; bodies alternate so that every metered write changes
// something.
type probe struct {
	op, method, path string
	admin            bool
	bodies           func(personas []string) []string
}

func get(op, path string, admin bool) probe {
	return probe{op: op, method: http.MethodGet, path: path, admin: admin}
}

func choose(field string) func([]string) []string {
	return func(ids []string) []string {
		return []string{fmt.Sprintf(`{%q:%q}`, field, ids[0]), fmt.Sprintf(`{%q:%q}`, field, ids[1])}
	}
}

var probes = []probe{
	get("get-me", "/me", false),
	get("list-my-personas", "/me/personas", false),
	get("list-my-applications", "/me/applications", false),
	get("get-active-persona", "/me/active-persona", false),
	get("get-my-rights", "/me/rights", false),
	get("list-my-delegations", "/me/delegations", false),
	get("list-approvals", "/me/requests/approvals", false),
	get("list-follow-up", "/me/requests/follow-up", false),
	get("list-history", "/me/requests/history", false),
	get("get-settings", "/admin/settings", true),
	get("list-definitions", "/admin/persona-definitions", true),
	get("list-users", "/admin/users", true),
	get("search-personas", "/admin/personas", true),
	get("list-applications", "/admin/applications", true),
	get("list-audit", "/admin/audit", true),
	{op: "patch-me", method: http.MethodPatch, path: "/me", bodies: func([]string) []string {
		return []string{`{"given_name":"Alicia"}`, `{"given_name":"Alice"}`}
	}},
	{op: "put-preferred-persona", method: http.MethodPut, path: "/me/preferred-persona", bodies: choose("persona_id")},
	{op: "put-active-persona", method: http.MethodPut, path: "/me/active-persona", bodies: choose("persona_id")},
}

// unitsWarmup is how many unmetered requests of each operation Units
// sends first (the first links the caller; DynamoDB Local's JVM warms up).
const unitsWarmup = 5

// Units meters the read and write units DynamoDB reports for each probed
// operation (the mean over n requests after unitsWarmup unmetered ones, as
// Alice or the tenant admin of the demo tenant; Ms is their median
// latency), and for one new user of an import (ImportLine; Ms is the
// import's time over n). An engine that reports no capacity leaves the
// map without the operation.
func Units(ctx context.Context, p *Portal, n int) (map[string]Usage, error) {
	alice, err := NewClient(p, seed.Alice, false)
	if err != nil {
		return nil, err
	}
	admin, err := NewClient(p, seed.Admin, true)
	if err != nil {
		return nil, err
	}
	personas, err := twoPersonas(ctx, alice)
	if err != nil {
		return nil, err
	}
	out := map[string]Usage{}
	for _, pr := range probes {
		c := alice
		if pr.admin {
			c = admin
		}
		var bodies []string
		if pr.bodies != nil {
			bodies = pr.bodies(personas)
		}
		send := func(i int) error {
			body, ct := "", ""
			if len(bodies) > 0 {
				body, ct = bodies[i%len(bodies)], "application/json"
			}
			_, err := c.Do(ctx, http.StatusOK, pr.method, pr.path, ct, body)
			return err
		}
		for i := range unitsWarmup {
			if err := send(i); err != nil {
				return nil, err
			}
		}
		p.Meter.Start()
		lat := make([]time.Duration, 0, n)
		for i := unitsWarmup; i < unitsWarmup+n; i++ {
			start := time.Now()
			if err := send(i); err != nil {
				p.Meter.Stop()
				return nil, err
			}
			lat = append(lat, time.Since(start))
		}
		if u := p.Meter.Stop(); u.Reported > 0 {
			slices.Sort(lat)
			u = u.per(n)
			u.Ms = float64(Quantile(lat, 0.5)) / 1e6
			out[pr.op] = u
		}
	}
	p.Meter.Start()
	start := time.Now()
	if err := admin.Import(ctx, ImportFile("units-", n)); err != nil {
		p.Meter.Stop()
		return nil, err
	}
	took := time.Since(start)
	if u := p.Meter.Stop(); u.Reported > 0 {
		u = u.per(n)
		u.Ms = float64(took) / 1e6 / float64(n)
		out[ImportLine] = u
	}
	return out, nil
}

// per is u for one of n requests.
func (u Usage) per(n int) Usage {
	f := float64(n)
	return Usage{Calls: u.Calls / n, ReadUnits: u.ReadUnits / f, WriteUnits: u.WriteUnits / f, Reported: u.Reported / n}
}

// twoPersonas are the IDs of the user's staff and customer personas
// (Alice's, in the demo tenant): neither demands a recent sign-in, so a
// request may choose either.
func twoPersonas(ctx context.Context, c *Client) ([]string, error) {
	b, err := c.Do(ctx, http.StatusOK, http.MethodGet, "/me/personas", "", "")
	if err != nil {
		return nil, err
	}
	var list struct {
		Items []struct {
			ID   string `json:"id"`
			Type string `json:"type"`
		} `json:"items"`
	}
	if err := json.Unmarshal(b, &list); err != nil {
		return nil, err
	}
	ids := make([]string, 2)
	for _, it := range list.Items {
		switch it.Type {
		case "staff":
			ids[0] = it.ID
		case "customer":
			ids[1] = it.ID
		}
	}
	if ids[0] == "" || ids[1] == "" {
		return nil, fmt.Errorf("the user has no staff and customer personas: %.300s", b)
	}
	return ids, nil
}
