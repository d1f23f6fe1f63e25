package perf

import (
	"fmt"
	"sort"
	"strings"
)

// The doc's sections of measurements, one method each, in the doc's
// order; a part not measured says why under its heading.

func (r Report) operations(m *md) {
	m.h("Per operation: handler beside its raw SDK calls")
	ops := Operations(r.Benches)
	if len(ops) == 0 {
		m.p("Not measured: %s", or(r.BenchNote, "no BenchmarkOperation results"))
		return
	}
	m.p("ms/op of the whole request through the portal (`handler`) and of the same DynamoDB calls made with a plain SDK client (`sdk`); " +
		"the ratio is the portal's overhead (goal ≤ 1.2×), in wall time and in the process's CPU time (`cpu-ns/op`, steadier on a shared machine). " +
		"Round trips and items read are per request.")
	m.header("Operation", "handler ms", "sdk ms", "ratio", "CPU ratio", "round trips", "items read", "B/op", "allocs/op")
	for _, o := range ops {
		sdk, ratio, cpu := "–", "–", "–"
		if o.HasSDK {
			sdk = f2(o.SDK.Ms("ns/op"))
		}
		if o.Comparable() {
			ratio = f2(o.Ratio())
		}
		if c := o.CPURatio(); c > 0 {
			cpu = f2(c)
		}
		h := o.Handler.Metrics
		m.row(o.Op, f2(o.Handler.Ms("ns/op")), sdk, ratio, cpu, fmt.Sprintf("%.0f", h["roundtrips/op"]), fmt.Sprintf("%.1f", h["items/op"]),
			fmt.Sprintf("%.0f", h["B/op"]), fmt.Sprintf("%.0f", h["allocs/op"]))
	}
	m.end()
	m.img(PlotOperations, "Handler and raw SDK ms per operation")
}

func scaleRoutes(pts []ScalePoint) []string {
	var out []string
	for _, p := range pts {
		if len(out) == 0 || out[len(out)-1] != p.Route {
			out = append(out, p.Route)
		}
	}
	return out
}

// scaleEnds are a route's points at the smallest and largest tenant.
func scaleEnds(pts []ScalePoint, route string) (lo, hi ScalePoint) {
	first := true
	for _, p := range pts {
		if p.Route != route {
			continue
		}
		if first {
			lo, first = p, false
		}
		hi = p
	}
	return lo, hi
}

func scaleSizes(pts []ScalePoint) []int {
	seen := map[int]bool{}
	var out []int
	for _, p := range pts {
		if !seen[p.Personas] {
			seen[p.Personas] = true
			out = append(out, p.Personas)
		}
	}
	sort.Ints(out)
	return out
}

func (r Report) scale(m *md) {
	m.h("Latency by tenant size")
	pts := Scale(r.Benches)
	if len(pts) == 0 {
		m.p("Not measured: %s", or(r.BenchNote, "no BenchmarkScale results"))
		return
	}
	m.p("List pages of a tenant of each size, loaded with BatchWriteItem (not the API) into DynamoDB Local.")
	m.header("Route", "personas", "p50 ms", "p99 ms", "items read / page", "limit", "load items/s")
	for _, p := range pts {
		lim, load := "–", "–"
		if v, ok := p.Metrics["limit"]; ok {
			lim = fmt.Sprintf("%.0f", v)
		}
		if v, ok := p.Metrics["load-items/s"]; ok {
			load = fmt.Sprintf("%.0f", v)
		}
		m.row(p.Route, p.Personas, f2(p.Metrics["p50-ms"]), f2(p.Metrics["p99-ms"]), fmt.Sprintf("%.1f", p.Metrics["items/page"]), lim, load)
	}
	m.end()
	m.img(PlotScale, "p50 and p99 per list route by tenant size")
}

func (r Report) load(m *md) {
	m.h("Load")
	if len(r.Load) == 0 {
		m.p("Not measured: %s", or(r.LoadNote, "skipped"))
		return
	}
	m.p("Each run sends GET requests at a fixed rate of %d req/s for %s (after a %s unrecorded warm-up at %d req/s), round robin over the routes and "+
		"three demo users' tokens (Alice, Bob, Carol). `mixed` sends all routes together at that rate. Latency is from the load generator, "+
		"request sent to answer read; a request unanswered after 10 s is an error. At most %d requests are in flight: a server that cannot keep up "+
		"shows as a rate not held (`sent req/s` below the rate). `200s/s` is the answers with a 200 per second, first request to last answer. "+
		"Goal: p99 < %d ms, 0 errors, the rate held.",
		r.LoadCfg.Rate, r.LoadCfg.Duration, r.LoadCfg.Warmup, r.LoadCfg.WarmupRate, r.LoadCfg.MaxInFlight, GoalP99.Milliseconds())
	m.header("Run", "Route", "requests", "sent req/s", "200s/s", "p50 ms", "p99 ms", "max ms", "errors", "goal met")
	for _, run := range r.Load {
		if run.Ramp {
			continue
		}
		rows := run.Routes
		if len(rows) > 1 {
			rows = append([]RouteStats{run.Total}, rows...)
		}
		for _, s := range rows {
			met := "–"
			if s.Route == "all" || len(run.Routes) == 1 {
				met = yes(s.MeetsGoal(run.Rate))
			}
			m.row(run.Name, s.Route, s.Requests, fmt.Sprintf("%.0f", s.Achieved), fmt.Sprintf("%.0f", s.Throughput), msd(s.P50), msd(s.P99), msd(s.Max), errCell(s), met)
		}
	}
	m.end()
	if best, ramped := r.sustained(); ramped {
		m.p("What this machine sustains: all routes mixed at each rate for %s, right after the warm-up. "+
			"Highest rate that met the goal: **%d req/s**.", r.LoadCfg.RampDuration, best)
		m.header("Rate req/s", "requests", "sent req/s", "200s/s", "p50 ms", "p99 ms", "max ms", "errors", "goal met")
		for _, run := range r.Load {
			if run.Ramp {
				s := run.Total
				m.row(run.Rate, s.Requests, fmt.Sprintf("%.0f", s.Achieved), fmt.Sprintf("%.0f", s.Throughput), msd(s.P50), msd(s.P99), msd(s.Max), errCell(s), yes(s.MeetsGoal(run.Rate)))
			}
		}
		m.end()
	}
	m.img(PlotLoad, "p50 and p99 per load run")
}

// sustained is the highest ramp rate that met the load goal (0 if none),
// and whether there was a ramp.
func (r Report) sustained() (int, bool) {
	best, ramped := 0, false
	for _, run := range r.Load {
		if run.Ramp {
			ramped = true
			if run.Total.MeetsGoal(run.Rate) {
				best = max(best, run.Rate)
			}
		}
	}
	return best, ramped
}

func errCell(s RouteStats) string {
	if s.Errors == 0 {
		return "0"
	}
	return fmt.Sprintf("%d (first: `%s`)", s.Errors, strings.ReplaceAll(s.FirstError, "|", "\\|"))
}

func (r Report) grow(m *md) {
	if r.Grow == nil {
		m.h("Per-user reads after more users")
		m.p("Not measured: %s", or(r.GrowNote, "skipped"))
		return
	}
	g := r.Grow
	m.h(fmt.Sprintf("Per-user reads after +%d users", g.Users))
	m.p("Alice's requests, one after the other, on the demo tenant; then %d users with a persona each imported through `POST /admin/import` "+
		"(NDJSON, %s); then the same requests again. p50 of each side; goal: within %.1f×.", g.Users, "in parts of at most 500 lines", GoalGrowth)
	m.p("Import: %d users in %.1f s, **%.0f users/s**.", g.Users, g.ImportSeconds, g.UsersPerSecond)
	m.header("Request", "p50 ms, demo tenant", fmt.Sprintf("p50 ms, +%d users", g.Users), "ratio", "goal met")
	for _, rd := range g.Reads {
		m.row(rd.Route, msd(rd.Before), msd(rd.After), f2(rd.Ratio()), yes(rd.Ratio() <= GoalGrowth))
	}
	m.end()
	m.img(PlotGrow, "p50 of per-user reads before and after the import")
}

func sizeRatio(s *Sizes, f FunctionSize) float64 {
	return float64(f.Bytes) / float64(s.Floor[FloorSDK])
}

func initFloor(in []Init) (float64, bool) {
	for _, i := range in {
		if i.Function == FloorSDK && i.Ms > 0 {
			return i.Ms, true
		}
	}
	return 0, false
}

// initRatio is a function's init over floor-sdk's: the paired ratio the
// benchmark measured, else the ratio of the two medians.
func initRatio(i Init, floor float64) float64 {
	if i.XFloor > 0 {
		return i.XFloor
	}
	return i.Ms / floor
}

func isInitFloor(name string) bool { return name == FloorSDK || name == FloorHello }

func (r Report) functions(m *md) {
	m.h("Function size and init against the floor")
	if r.Sizes == nil && len(r.Inits) == 0 {
		m.p("Not measured: %s; %s", or(r.SizesNote, "no .build/sizes.json"), or(r.InitNote, "no BenchmarkInit results"))
		return
	}
	floorInit, hasInit := initFloor(r.Inits)
	inits := map[string]Init{}
	for _, i := range r.Inits {
		inits[i.Function] = i
	}
	if r.Sizes != nil {
		m.p("Bootstraps built for %s. Floors: hello-world %s MiB, SDK floor %s MiB (aws-lambda-go, SDK v2 config + dynamodb + sesv2, the api-proxy).",
			r.Sizes.GOARCH, mib(r.Sizes.Floor[FloorHello]), mib(r.Sizes.Floor[FloorSDK]))
	} else {
		m.p("Size not measured: %s.", or(r.SizesNote, "no .build/sizes.json"))
	}
	if hasInit {
		m.p("Init (process start to its first request for an event, median): SDK floor %.2f ms; each function's ratio is paired with starts of the floor in the same iterations.", floorInit)
	} else {
		m.p("Init not measured: %s.", or(r.InitNote, "no BenchmarkInit results"))
	}
	m.header("Function", "MiB", "zip MiB", "size / floor", "init ms", "init / floor")
	for _, name := range r.functionNames() {
		size, zip, sr, in, ir := "–", "–", "–", "–", "–"
		if r.Sizes != nil {
			for _, f := range r.Sizes.Functions {
				if f.Name == name {
					size, zip, sr = mib(f.Bytes), mib(f.Zip), f2(sizeRatio(r.Sizes, f))
				}
			}
		}
		if v, ok := inits[name]; ok {
			in = f2(v.Ms)
			if hasInit {
				ir = f2(initRatio(v, floorInit))
			}
		}
		m.row(name, size, zip, sr, in, ir)
	}
	m.end()
	m.img(PlotFunctions, "Size and init of each function over the SDK floor's")
}

// functionNames are the functions with a size or an init, sorted.
func (r Report) functionNames() []string {
	seen := map[string]bool{}
	var out []string
	add := func(n string) {
		if !seen[n] && !isInitFloor(n) {
			seen[n] = true
			out = append(out, n)
		}
	}
	if r.Sizes != nil {
		for _, f := range r.Sizes.Functions {
			add(f.Name)
		}
	}
	for _, i := range r.Inits {
		add(i.Function)
	}
	sort.Strings(out)
	return out
}
