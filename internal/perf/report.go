package perf

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Report is everything make perf measured; a part that was not measured
// is nil or empty with its Note saying why. Markdown and Charts turn it
// into docs/performance.md and its plots, always with the same sections.
type Report struct {
	Machine Machine

	Benches   []Bench // per-operation and scale benchmarks
	BenchNote string
	Sizes     *Sizes
	SizesNote string
	Inits     []Init
	InitNote  string

	Load     []LoadRun
	LoadCfg  LoadConfig
	LoadNote string
	Grow     *GrowResult
	GrowNote string
	Units    map[string]Usage
	UnitNote string
	// UnitSamples is how many requests of each operation Units metered.
	UnitSamples int

	Ops                []OpInfo
	MemNormal, MemBulk int
	MemNote            string
}

// Machine says where the numbers come from.
type Machine struct {
	Date, OS, Arch, CPU, Go, Engine string
	CPUs                            int
	// Load and LoadEnd are /proc/loadavg's 1, 5 and 15 minute averages
	// as the run started and ended: other work on the machine shows in
	// every figure.
	Load, LoadEnd string
}

// Plot file names, in docs/performance/.
const (
	PlotOperations = "handler-vs-sdk.png"
	PlotScale      = "latency-by-tenant-size.png"
	PlotGrow       = "plus-5000-users.png"
	PlotLoad       = "load.png"
	PlotFunctions  = "function-size-init.png"
)

// PlotDir is where the plots go, relative to the doc.
const PlotDir = "performance"

// Write writes the doc at docPath and its plots beside it in PlotDir,
// removing plots of parts that were not measured this time.
func (r Report) Write(docPath string) error {
	dir := filepath.Join(filepath.Dir(docPath), PlotDir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	charts := r.Charts()
	for _, name := range []string{PlotOperations, PlotScale, PlotGrow, PlotLoad, PlotFunctions} {
		c, ok := charts[name]
		path := filepath.Join(dir, name)
		if !ok {
			if err := os.Remove(path); err != nil && !os.IsNotExist(err) {
				return err
			}
			continue
		}
		if err := c.WritePNG(path); err != nil {
			return err
		}
	}
	return os.WriteFile(docPath, []byte(r.Markdown()), 0o644)
}

// md builds the doc.
type md struct{ strings.Builder }

func (m *md) p(format string, args ...any) { fmt.Fprintf(m, format+"\n\n", args...) }
func (m *md) h(title string)               { m.p("## %s", title) }
func (m *md) row(cells ...any) {
	m.WriteString("|")
	for _, c := range cells {
		fmt.Fprintf(m, " %v |", c)
	}
	m.WriteString("\n")
}
func (m *md) header(cells ...string) {
	m.row(toAny(cells)...)
	m.WriteString("|" + strings.Repeat(" --- |", len(cells)) + "\n")
}
func (m *md) end() { m.WriteString("\n") }
func (m *md) img(name, alt string) {
	m.p("![%s](%s/%s)", alt, PlotDir, name)
}

func toAny(s []string) []any {
	out := make([]any, len(s))
	for i, v := range s {
		out[i] = v
	}
	return out
}

func yes(ok bool) string {
	if ok {
		return "yes"
	}
	return "**no**"
}

func f2(v float64) string { return fmt.Sprintf("%.2f", v) }
func msd(d time.Duration) string {
	return fmt.Sprintf("%.2f", float64(d)/1e6)
}
func usd(v float64) string { return fmt.Sprintf("$%.4f", v) }
func mib(b int64) string   { return fmt.Sprintf("%.2f", float64(b)/(1<<20)) }

// Markdown is docs/performance.md.
func (r Report) Markdown() string {
	var m md
	m.p("# Performance")
	m.p("Written by `make perf` (`go run ./internal/perf/cmd/perf`): do not edit by hand; run it again. " +
		"Numbers are from one run on the machine below; compare runs on the same machine only.")
	r.machine(&m)
	r.goals(&m)
	r.operations(&m)
	r.scale(&m)
	r.load(&m)
	r.grow(&m)
	r.functions(&m)
	r.cost(&m)
	return strings.TrimRight(m.String(), "\n") + "\n"
}

func (r Report) machine(m *md) {
	m.h("How it was measured")
	mc := r.Machine
	m.header("", "")
	m.row("Date", mc.Date)
	m.row("Machine", fmt.Sprintf("%s/%s, %d cores (%s)", mc.OS, mc.Arch, mc.CPUs, mc.CPU))
	if mc.Load != "" {
		m.row("Load average (1, 5, 15 min) at start, at end", mc.Load+"; "+mc.LoadEnd)
	}
	m.row("Go", mc.Go)
	m.row("DynamoDB engine", mc.Engine)
	m.end()
	m.p("- **Per-operation and scale benchmarks**: `go test -run '^$' -bench 'BenchmarkOperation|BenchmarkScale' -benchmem ./internal/httpapi` " +
		"with `PP_SCALE_PERSONAS=1000,1000000` (internal/httpapi). `handler` is a whole request through the portal (httptest, handler, AWS SDK, " +
		"DynamoDB Local over loopback HTTP); `sdk` replays the same DynamoDB calls through a plain SDK client.\n" +
		"- **Function size**: `make build` (`.build/sizes.json`), arm64, beside the floors built in the same run; " +
		"**init**: `go test -run '^$' -bench BenchmarkInit ./internal/lambdaapp`.\n" +
		"- **Load** and **+5,000 users**: internal/perf: the local portal in one process (every operation, the dev OpenID provider) " +
		"on DynamoDB Local, the demo tenant seeded, served on a loopback port and driven over HTTP by vegeta " +
		"(github.com/tsenart/vegeta/v12, as a library) and a plain HTTP client; DynamoDB Local's JVM and the load generator share the same cores " +
		"with the portal, so the figures are a floor for a real deployment's capacity, not a forecast of its latency.")
}

func (r Report) goals(m *md) {
	m.h("Goals")
	m.header("Goal", "Measured", "Met")
	ops := Operations(r.Benches)
	if len(ops) > 0 {
		within, compared := 0, 0
		for _, o := range ops {
			if o.Comparable() {
				compared++
				if o.Ratio() <= 1.2 {
					within++
				}
			}
		}
		m.row("handler ≤ 1.2× its raw SDK calls (ns/op)", fmt.Sprintf("%d of %d operations that call DynamoDB", within, compared), yes(within == compared))
	} else {
		m.row("handler ≤ 1.2× its raw SDK calls (ns/op)", "not measured", "–")
	}
	if pts := Scale(r.Benches); len(pts) > 0 {
		okItems, okP99, routes := true, true, scaleRoutes(pts)
		for _, route := range routes {
			lo, hi := scaleEnds(pts, route)
			if hi.Metrics["p99-ms"] > 1.2*lo.Metrics["p99-ms"] {
				okP99 = false
			}
			for _, p := range pts {
				if lim, ok := p.Metrics["limit"]; ok && p.Route == route && p.Metrics["items/page"] > lim+1 {
					okItems = false
				}
			}
		}
		m.row("scale: p99 at the largest tenant within 1.2× of the smallest", fmt.Sprintf("%d routes", len(routes)), yes(okP99))
		m.row("scale: items read per page ≤ limit + 1", fmt.Sprintf("%d routes", len(routes)), yes(okItems))
	} else {
		m.row("scale: p99 within 1.2×, items per page ≤ limit + 1", "not measured", "–")
	}
	if len(r.Load) > 0 {
		met, n := 0, 0
		for _, run := range r.Load {
			if !run.Ramp {
				n++
				if run.Total.MeetsGoal(run.Rate) {
					met++
				}
			}
		}
		m.row(fmt.Sprintf("load: %d req/s, p99 < %d ms, 0 errors", GoalRate, GoalP99.Milliseconds()),
			fmt.Sprintf("%d of %d runs at %d req/s", met, n, r.LoadCfg.Rate), yes(met == n && r.LoadCfg.Rate >= GoalRate))
		if best, ramped := r.sustained(); ramped {
			m.row("load: highest ramp rate (all routes mixed) meeting p99 and 0 errors here", fmt.Sprintf("%d req/s", best), yes(best >= GoalRate))
		}
	} else {
		m.row("load: 1,000 req/s, p99 < 50 ms, 0 errors", "not measured", "–")
	}
	if r.Grow != nil {
		worst := 0.0
		for _, g := range r.Grow.Reads {
			worst = math.Max(worst, g.Ratio())
		}
		m.row(fmt.Sprintf("+%d users: per-user reads' p50 within %.1f×", r.Grow.Users, GoalGrowth), fmt.Sprintf("worst %.2f×", worst), yes(worst <= GoalGrowth))
	} else {
		m.row("+5,000 users: per-user reads' p50 within 1.5×", "not measured", "–")
	}
	if r.Sizes != nil {
		worst := 0.0
		for _, f := range r.Sizes.Functions {
			worst = math.Max(worst, sizeRatio(r.Sizes, f))
		}
		m.row("function size ≤ 1.25× the SDK floor", fmt.Sprintf("worst %.2f×", worst), yes(worst <= 1.25))
	} else {
		m.row("function size ≤ 1.25× the SDK floor", "not measured", "–")
	}
	if floor, ok := initFloor(r.Inits); ok {
		worst := 0.0
		for _, in := range r.Inits {
			if !isInitFloor(in.Function) {
				worst = math.Max(worst, in.Ms/floor)
			}
		}
		m.row("function init ≤ 1.25× the SDK floor's", fmt.Sprintf("worst %.2f×", worst), yes(worst <= 1.25))
	} else {
		m.row("function init ≤ 1.25× the SDK floor's", "not measured", "–")
	}
	m.end()
}

func (r Report) operations(m *md) {
	m.h("Per operation: handler beside its raw SDK calls")
	ops := Operations(r.Benches)
	if len(ops) == 0 {
		m.p("Not measured: %s", or(r.BenchNote, "no BenchmarkOperation results"))
		return
	}
	m.p("ms/op of the whole request through the portal (`handler`) and of the same DynamoDB calls made with a plain SDK client (`sdk`); " +
		"the ratio is the portal's overhead (goal ≤ 1.2×). Round trips and items read are per request.")
	m.header("Operation", "handler ms", "sdk ms", "ratio", "round trips", "items read", "B/op", "allocs/op")
	for _, o := range ops {
		sdk, ratio := "–", "–"
		if o.HasSDK {
			sdk = f2(o.SDK.Ms("ns/op"))
		}
		if o.Comparable() {
			ratio = f2(o.Ratio())
		}
		h := o.Handler.Metrics
		m.row(o.Op, f2(o.Handler.Ms("ns/op")), sdk, ratio, fmt.Sprintf("%.0f", h["roundtrips/op"]), fmt.Sprintf("%.1f", h["items/op"]),
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
		if i.Function == InitFloorSDK && i.Ms > 0 {
			return i.Ms, true
		}
	}
	return 0, false
}

func isInitFloor(name string) bool { return name == InitFloorSDK || name == InitFloorHello }

func (r Report) functions(m *md) {
	m.h("Function size and init against the floor")
	if r.Sizes == nil && len(r.Inits) == 0 {
		m.p("Not measured: %s; %s", or(r.SizesNote, "no .build/sizes.json"), or(r.InitNote, "no BenchmarkInit results"))
		return
	}
	floorInit, hasInit := initFloor(r.Inits)
	inits := map[string]float64{}
	for _, i := range r.Inits {
		inits[i.Function] = i.Ms
	}
	if r.Sizes != nil {
		m.p("Bootstraps built for %s. Floors: hello-world %s MiB, SDK floor %s MiB (aws-lambda-go, SDK v2 config + dynamodb + sesv2, the api-proxy).",
			r.Sizes.GOARCH, mib(r.Sizes.Floor[FloorHello]), mib(r.Sizes.Floor[FloorSDK]))
	} else {
		m.p("Size not measured: %s.", or(r.SizesNote, "no .build/sizes.json"))
	}
	if hasInit {
		m.p("Init (process start to ready for the first event): SDK floor %.2f ms, hello-world %.2f ms.", floorInit, inits[InitFloorHello])
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
			in = f2(v)
			if hasInit {
				ir = f2(v / floorInit)
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

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func (r Report) cost(m *md) {
	m.h("Cost model")
	costs := Costs(r.Ops, Operations(r.Benches), r.Units, r.MemNormal, r.MemBulk)
	m.p("Price of a million requests of each operation on AWS, from what was measured above:")
	m.p("- **API Gateway**: one HTTP API request (not for the jobs).\n"+
		"- **Lambda**: one request, and duration = the function's own time (handler ms/op less its raw SDK calls' ms/op) + %.0f ms per DynamoDB round trip "+
		"(an assumption for DynamoDB's in-region latency, which the function waits for), rounded up to the millisecond, at the memory the stack gives it "+
		"(infra/stack.go: %d MB, bulk operations %d MB%s). An operation without a per-operation benchmark uses the median latency of its metered requests "+
		"on the local server instead (DynamoDB Local's time standing in for DynamoDB's).\n"+
		"- **DynamoDB on demand**: the read and write request units DynamoDB Local reported (`ReturnConsumedCapacity`) for the operation's calls "+
		"on the demo tenant (mean of %d requests as Alice or the tenant admin). Operations not metered are estimated (est.): 1 read unit per item read "+
		"(strongly consistent reads of items under 4 KB) and, for a writing operation, the mean write units of the metered writing operations.\n"+
		"- Cold starts, CloudWatch Logs, data transfer and the free tiers are left out.",
		DynamoDBLatencyMs, r.MemNormal, r.MemBulk, memNote(r.MemNote), r.UnitSamples)
	m.p("Prices (%s, list prices recorded %s; constants in internal/perf/prices.go, not fetched at run time; check the sources before relying on them):", PriceRegion, PriceDate)
	m.header("Price", "USD", "per", "source")
	for _, p := range Prices {
		m.row(p.What, strconv.FormatFloat(p.USD, 'f', -1, 64), p.Unit, p.Source)
	}
	m.end()
	if len(costs) == 0 {
		m.p("No operation was benchmarked or metered: %s", or(r.UnitNote, "nothing to price"))
		return
	}
	m.header("Operation", "memory MB", "billed ms", "round trips", "RRU", "WRU", "API Gateway", "Lambda", "DynamoDB", "total per million")
	for _, c := range costs {
		units := ""
		if !c.UnitsMeasured {
			units = " (est.)"
		}
		m.row(c.Op, c.MemoryMB, fmt.Sprintf("%.0f", c.BilledMs), fmt.Sprintf("%.0f", c.RoundTrips), fmt.Sprintf("%.2f%s", c.ReadUnits, units),
			fmt.Sprintf("%.2f%s", c.WriteUnits, units), usd(c.APIGateway), usd(c.LambdaRequests+c.LambdaDuration), usd(c.DynamoRead+c.DynamoWrite), usd(c.Total()))
	}
	m.end()
	if u, ok := r.Units[ImportLine]; ok {
		line := PriceOp(CostInput{Op: ImportLine, MemoryMB: r.MemBulk, ComputeMs: u.Ms, DBIncluded: true, ReadUnits: u.ReadUnits, WriteUnits: u.WriteUnits})
		m.p("Import, per new user line (metered): %.2f RRU, %.2f WRU, %.1f ms of a %d MB function: %s per million users "+
			"(DynamoDB %s, Lambda duration %s), plus %s per e-mail the import queues (SES).",
			u.ReadUnits, u.WriteUnits, u.Ms, r.MemBulk, usd(line.DynamoRead+line.DynamoWrite+line.LambdaDuration),
			usd(line.DynamoRead+line.DynamoWrite), usd(line.LambdaDuration), fmt.Sprintf("$%.4f", PriceOf(SESEmail)))
	}
}

func memNote(n string) string {
	if n == "" {
		return ""
	}
	return "; " + n
}
