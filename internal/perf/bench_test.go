package perf

import (
	"fmt"
	"math"
	"os"
	"strings"
	"testing"
)

// goLine formats a result as go test -bench prints it.
func goLine(name string, procs, n int, metrics [][2]any) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s-%d\t%8d", name, procs, n)
	for _, m := range metrics {
		fmt.Fprintf(&b, "\t%10v %s", m[0], m[1])
	}
	return b.String()
}

func TestParseBenchReadsTheGoFormat(t *testing.T) {
	want := []struct {
		name    string
		n       int
		metrics [][2]any
	}{
		{"BenchmarkOperation/get-me/handler", 512, [][2]any{{2400123, "ns/op"}, {1200, "B/op"}, {15, "allocs/op"}, {2.0, "roundtrips/op"}, {2.0, "items/op"}}},
		{"BenchmarkScale/personas=1000/admin-users", 90, [][2]any{{4.25, "p50-ms"}, {9.5, "p99-ms"}, {21.0, "items/page"}, {35000.0, "load-items/s"}}},
	}
	lines := []string{"goos: linux", "pkg: example", "--- BENCH: BenchmarkX", "    x_test.go:1: a log line", "PASS"}
	for _, w := range want {
		lines = append(lines, goLine(w.name, 2, w.n, w.metrics))
	}
	lines = append(lines, "ok  \texample\t1.0s")
	got, err := ParseBench(strings.NewReader(strings.Join(lines, "\n")))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("parsed %d results, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		if got[i].Name != w.name || got[i].N != w.n {
			t.Errorf("result %d: %s x%d, want %s x%d", i, got[i].Name, got[i].N, w.name, w.n)
		}
		for _, m := range w.metrics {
			if v := got[i].Metrics[m[1].(string)]; v != toFloat(m[0]) {
				t.Errorf("%s %s = %v, want %v", w.name, m[1], v, m[0])
			}
		}
	}
}

func toFloat(v any) float64 {
	switch x := v.(type) {
	case int:
		return float64(x)
	case float64:
		return x
	}
	panic(v)
}

func TestParseBenchAveragesRepeatedLines(t *testing.T) {
	in := goLine("BenchmarkA", 4, 10, [][2]any{{100, "ns/op"}}) + "\n" + goLine("BenchmarkA", 4, 20, [][2]any{{300, "ns/op"}}) + "\n" +
		goLine("BenchmarkA", 4, 30, [][2]any{{500, "ns/op"}})
	got, err := ParseBench(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Metrics["ns/op"] != (100.0+300+500)/3 || got[0].N != 30 {
		t.Fatalf("got %+v, want one BenchmarkA with the mean ns/op and the last N", got)
	}
}

func readFixture(t *testing.T, name string) []Bench {
	t.Helper()
	f, err := os.Open("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	bs, err := ParseBench(f)
	if err != nil {
		t.Fatal(err)
	}
	return bs
}

func TestOperationsPairHandlerAndSDK(t *testing.T) {
	bs := readFixture(t, "httpapi-bench.txt")
	ops := Operations(bs)
	handlers := 0
	for _, b := range bs {
		if strings.HasPrefix(b.Name, "BenchmarkOperation/") && strings.HasSuffix(b.Name, "/handler") {
			handlers++
		}
	}
	if len(ops) != handlers || len(ops) == 0 {
		t.Fatalf("%d operations, want one per handler benchmark (%d)", len(ops), handlers)
	}
	for i, o := range ops {
		if i > 0 && ops[i-1].Op >= o.Op {
			t.Errorf("not sorted: %s before %s", ops[i-1].Op, o.Op)
		}
		if !o.HasSDK {
			t.Errorf("%s: no sdk benchmark paired", o.Op)
			continue
		}
		if want := o.Handler.Metrics["ns/op"] / o.SDK.Metrics["ns/op"]; math.Abs(o.Ratio()-want) > 1e-12 {
			t.Errorf("%s: ratio %v, want %v", o.Op, o.Ratio(), want)
		}
		if o.Handler.Name != "BenchmarkOperation/"+o.Op+"/handler" || o.SDK.Name != "BenchmarkOperation/"+o.Op+"/sdk" {
			t.Errorf("%s paired %s with %s", o.Op, o.Handler.Name, o.SDK.Name)
		}
	}
	if (OpBench{Op: "x", Handler: bs[0]}).Ratio() != 0 {
		t.Error("a handler without sdk has a ratio")
	}
}

func TestScalePointsBySizeAndRoute(t *testing.T) {
	pts := Scale(readFixture(t, "httpapi-bench.txt"))
	if len(pts) == 0 {
		t.Fatal("no scale points")
	}
	for i, p := range pts {
		if !strings.HasSuffix(p.Name, fmt.Sprintf("personas=%d/%s", p.Personas, p.Route)) {
			t.Errorf("point %+v does not match its name", p)
		}
		if i > 0 && (pts[i-1].Route > p.Route || pts[i-1].Route == p.Route && pts[i-1].Personas >= p.Personas) {
			t.Errorf("not sorted by route then size at %d", i)
		}
	}
	if got := scaleSizes(pts); len(got) < 2 || got[0] >= got[len(got)-1] {
		t.Errorf("sizes %v: want at least two, ascending", got)
	}
}

func TestInitsIncludeTheFloors(t *testing.T) {
	in := Inits(readFixture(t, "init.txt"))
	floor, ok := initFloor(in)
	if !ok {
		t.Fatalf("no %s among %+v", FloorSDK, in)
	}
	for _, i := range in {
		if i.Ms <= 0 {
			t.Errorf("%s: %v ms/init", i.Function, i.Ms)
		}
		if i.Function == FloorSDK && i.Ms != floor {
			t.Errorf("floor %v, want %v", floor, i.Ms)
		}
		// The paired ratio is read, and preferred to the ratio of medians.
		if i.XFloor <= 0 || initRatio(i, floor) != i.XFloor {
			t.Errorf("%s: x-floor %v, ratio %v", i.Function, i.XFloor, initRatio(i, floor))
		}
	}
	if n := len(Inits(readFixture(t, "httpapi-bench.txt"))); n != 0 {
		t.Errorf("%d inits from a file without BenchmarkInit", n)
	}
}

func TestReadSizes(t *testing.T) {
	s, err := ReadSizes("testdata/sizes.json")
	if err != nil {
		t.Fatal(err)
	}
	if s.GOARCH != "arm64" || s.Floor[FloorSDK] <= s.Floor[FloorHello] || len(s.Functions) == 0 {
		t.Fatalf("read %+v", s)
	}
	for i, f := range s.Functions {
		if i > 0 && s.Functions[i-1].Name >= f.Name {
			t.Errorf("not sorted at %s", f.Name)
		}
		if f.Bytes <= 0 || f.Zip <= 0 || f.Zip >= f.Bytes {
			t.Errorf("%s: %d bytes, %d zipped", f.Name, f.Bytes, f.Zip)
		}
	}
	bad := t.TempDir() + "/sizes.json"
	if err := os.WriteFile(bad, []byte(`{"goarch":"arm64","floor":{},"functions":[]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadSizes(bad); err == nil {
		t.Error("sizes without an SDK floor were accepted")
	}
	if _, err := ReadSizes(t.TempDir() + "/none.json"); err == nil {
		t.Error("a missing file was accepted")
	}
}

func TestRatioNeedsDynamoDBCallsToCompare(t *testing.T) {
	op := func(trips float64) OpBench {
		return OpBench{Op: "x", HasSDK: true, Handler: Bench{Metrics: map[string]float64{"ns/op": 20000, "roundtrips/op": trips}},
			SDK: Bench{Metrics: map[string]float64{"ns/op": 2}}}
	}
	if o := op(0); o.Comparable() || o.Ratio() != 0 {
		t.Errorf("an operation without DynamoDB calls has a ratio %v", o.Ratio())
	}
	if o := op(1); !o.Comparable() || o.Ratio() != 10000 {
		t.Errorf("ratio %v, want handler over sdk", o.Ratio())
	}
	// The CPU ratio only where both sides measured CPU time.
	o := op(1)
	if o.CPURatio() != 0 {
		t.Errorf("a CPU ratio %v without cpu-ns/op", o.CPURatio())
	}
	o.Handler.Metrics["cpu-ns/op"], o.SDK.Metrics["cpu-ns/op"] = 300, 200
	if o.CPURatio() != 1.5 {
		t.Errorf("CPU ratio %v, want 1.5", o.CPURatio())
	}
}
