package perf

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
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
	InitPkg   string // the package of BenchmarkInit

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
		"**init**: `go test -run '^$' -bench BenchmarkInit " + or(r.InitPkg, DefaultInitPkg) + "`.\n" +
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
		var ratios []float64
		for _, o := range ops {
			if o.Comparable() {
				compared++
				ratios = append(ratios, o.Ratio())
				if o.Ratio() <= 1.2 {
					within++
				}
			}
		}
		slices.Sort(ratios)
		median := 0.0
		if len(ratios) > 0 {
			median = ratios[len(ratios)/2]
		}
		m.row("handler ≤ 1.2× its raw SDK calls (ns/op)", fmt.Sprintf("%d of %d operations that call DynamoDB (median %.2f×)", within, compared, median), yes(within == compared))
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
				worst = math.Max(worst, initRatio(in, floor))
			}
		}
		m.row("function init ≤ 1.25× the SDK floor's", fmt.Sprintf("worst %.2f×", worst), yes(worst <= 1.25))
	} else {
		m.row("function init ≤ 1.25× the SDK floor's", "not measured", "–")
	}
	m.end()
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
