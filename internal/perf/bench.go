package perf

import (
	"bufio"
	"io"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// Bench is one benchmark's result: the standard Go benchmark line
// ("BenchmarkX/sub-2  100  12345 ns/op  12 B/op  3.000 roundtrips/op"),
// its GOMAXPROCS suffix taken off the name. Several lines of one name
// (-count) are averaged.
type Bench struct {
	Name    string
	N       int // iterations (of the last line)
	Metrics map[string]float64
}

// procs is the -N suffix go test adds to a name when GOMAXPROCS > 1.
var procs = regexp.MustCompile(`-\d+$`)

// ParseBench reads go test -bench output; lines that are not results
// (logs, PASS, ok, goos:) are skipped. The order is the first appearance.
func ParseBench(r io.Reader) ([]Bench, error) {
	var out []Bench
	at := map[string]int{}
	count := map[string]int{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 4 || !strings.HasPrefix(f[0], "Benchmark") || len(f)%2 != 0 {
			continue
		}
		n, err := strconv.Atoi(f[1])
		if err != nil {
			continue
		}
		m := map[string]float64{}
		ok := true
		for i := 2; i+1 < len(f); i += 2 {
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				ok = false
				break
			}
			m[f[i+1]] = v
		}
		if !ok {
			continue
		}
		name := procs.ReplaceAllString(f[0], "")
		i, seen := at[name]
		if !seen {
			at[name] = len(out)
			out = append(out, Bench{Name: name, N: n, Metrics: m})
			count[name] = 1
			continue
		}
		// A running mean over the lines of this name.
		c := float64(count[name])
		for k, v := range m {
			out[i].Metrics[k] = (out[i].Metrics[k]*c + v) / (c + 1)
		}
		out[i].N = n
		count[name]++
	}
	return out, sc.Err()
}

// Ms is a metric in milliseconds: ns/op converted, or a metric already
// in ms.
func (b Bench) Ms(metric string) float64 {
	if metric == "ns/op" {
		return b.Metrics[metric] / 1e6
	}
	return b.Metrics[metric]
}

// OpBench is one operation's handler benchmark beside its raw SDK call
// sequence.
type OpBench struct {
	Op           string
	Handler, SDK Bench
	HasSDK       bool
}

// Comparable reports whether the handler has raw SDK calls to compare
// with: an sdk benchmark of an operation that calls DynamoDB (healthz's
// "sdk" does nothing, so its ratio would say nothing).
func (o OpBench) Comparable() bool {
	return o.HasSDK && o.SDK.Metrics["ns/op"] > 0 && o.Handler.Metrics["roundtrips/op"] > 0
}

// Ratio is handler ns/op over sdk ns/op (0 when not Comparable).
func (o OpBench) Ratio() float64 {
	if !o.Comparable() {
		return 0
	}
	return o.Handler.Metrics["ns/op"] / o.SDK.Metrics["ns/op"]
}

// CPURatio is handler over sdk in process CPU time (cpu-ns/op; 0 when
// not Comparable or not measured). On a shared machine wall time moves with
// the neighbours' load; CPU time is what the portal itself spends.
func (o OpBench) CPURatio() float64 {
	if !o.Comparable() || o.SDK.Metrics["cpu-ns/op"] <= 0 {
		return 0
	}
	return o.Handler.Metrics["cpu-ns/op"] / o.SDK.Metrics["cpu-ns/op"]
}

// Operations picks BenchmarkOperation/<op>/handler and .../sdk, sorted
// by operation name.
func Operations(bs []Bench) []OpBench {
	by := map[string]*OpBench{}
	for _, b := range bs {
		parts := strings.Split(b.Name, "/")
		if len(parts) != 3 || parts[0] != "BenchmarkOperation" {
			continue
		}
		o := by[parts[1]]
		if o == nil {
			o = &OpBench{Op: parts[1]}
			by[parts[1]] = o
		}
		switch parts[2] {
		case "handler":
			o.Handler = b
		case "sdk":
			o.SDK, o.HasSDK = b, true
		}
	}
	var out []OpBench
	for _, o := range by {
		if o.Handler.Name != "" {
			out = append(out, *o)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Op < out[j].Op })
	return out
}

// ScalePoint is one route's list pages at one tenant size.
type ScalePoint struct {
	Personas int
	Route    string
	Bench
}

// Scale picks BenchmarkScale/personas=<N>/<route>, sorted by route then
// size.
func Scale(bs []Bench) []ScalePoint {
	var out []ScalePoint
	for _, b := range bs {
		parts := strings.Split(b.Name, "/")
		if len(parts) != 3 || parts[0] != "BenchmarkScale" || !strings.HasPrefix(parts[1], "personas=") {
			continue
		}
		n, err := strconv.Atoi(strings.TrimPrefix(parts[1], "personas="))
		if err != nil {
			continue
		}
		out = append(out, ScalePoint{Personas: n, Route: parts[2], Bench: b})
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Route != out[j].Route {
			return out[i].Route < out[j].Route
		}
		return out[i].Personas < out[j].Personas
	})
	return out
}

// Init is one function's cold start, from BenchmarkInit/<function>.
type Init struct {
	Function string
	Ms       float64 // ms/init
	// XFloor is the function's init over floor-sdk's, both measured in
	// the same iterations (x-floor; 0 when the run did not pair them).
	XFloor float64
}

// Inits picks BenchmarkInit/<name> (floor-sdk among them), sorted by name.
func Inits(bs []Bench) []Init {
	var out []Init
	for _, b := range bs {
		name, ok := strings.CutPrefix(b.Name, "BenchmarkInit/")
		if !ok || strings.Contains(name, "/") {
			continue
		}
		ms, ok := b.Metrics["ms/init"]
		if !ok {
			ms = b.Ms("ns/op")
		}
		out = append(out, Init{Function: name, Ms: ms, XFloor: b.Metrics["x-floor"]})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Function < out[j].Function })
	return out
}
