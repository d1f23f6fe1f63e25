package perf

import (
	"math"
	"os"
	"path/filepath"
	"testing"
)

func near(a, b float64) bool { return math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(b)) }

func TestPricesAreOneCompleteTable(t *testing.T) {
	seen := map[PriceID]bool{}
	for _, p := range Prices {
		if seen[p.ID] {
			t.Errorf("%s is listed twice", p.ID)
		}
		seen[p.ID] = true
		if p.USD <= 0 || p.What == "" || p.Unit == "" || p.Source == "" {
			t.Errorf("%s: incomplete: %+v", p.ID, p)
		}
	}
	for _, id := range []PriceID{HTTPAPIRequest, LambdaRequest, LambdaGBSecond, DynamoDBReadUnit, DynamoDBWriteUnit, SESEmail} {
		if PriceOf(id) <= 0 {
			t.Errorf("no price for %s", id)
		}
	}
	if PriceOf("nothing") != 0 {
		t.Error("an unknown price is not 0")
	}
}

func TestPriceOpAddsUpItsParts(t *testing.T) {
	in := CostInput{Op: "x", HTTP: true, MemoryMB: 256, ComputeMs: 1.2, RoundTrips: 3, ReadUnits: 2.5, WriteUnits: 4}
	c := PriceOp(in)
	billed := math.Ceil(in.ComputeMs + in.RoundTrips*DynamoDBLatencyMs)
	if c.BilledMs != billed {
		t.Fatalf("billed %v ms, want %v", c.BilledMs, billed)
	}
	parts := map[string][2]float64{
		"API Gateway":     {c.APIGateway, 1e6 * PriceOf(HTTPAPIRequest)},
		"Lambda requests": {c.LambdaRequests, 1e6 * PriceOf(LambdaRequest)},
		"Lambda duration": {c.LambdaDuration, 1e6 * (256.0 / 1024) * (billed / 1000) * PriceOf(LambdaGBSecond)},
		"DynamoDB reads":  {c.DynamoRead, 1e6 * 2.5 * PriceOf(DynamoDBReadUnit)},
		"DynamoDB writes": {c.DynamoWrite, 1e6 * 4 * PriceOf(DynamoDBWriteUnit)},
	}
	sum := 0.0
	for name, p := range parts {
		if !near(p[0], p[1]) {
			t.Errorf("%s: %v, want %v", name, p[0], p[1])
		}
		sum += p[1]
	}
	if !near(c.Total(), sum) {
		t.Errorf("total %v, want the sum of the parts %v", c.Total(), sum)
	}
}

func TestPriceOpDurationFollowsMemoryAndLatency(t *testing.T) {
	base := CostInput{HTTP: true, MemoryMB: 256, ComputeMs: 2, RoundTrips: 2}
	double := base
	double.MemoryMB *= 2
	if a, b := PriceOp(base).LambdaDuration, PriceOp(double).LambdaDuration; !near(b, 2*a) {
		t.Errorf("twice the memory: %v, want %v", b, 2*a)
	}
	included := base
	included.DBIncluded = true
	if got, want := PriceOp(included).BilledMs, math.Ceil(base.ComputeMs); got != want {
		t.Errorf("with DynamoDB's time measured in: billed %v ms, want %v (no assumed latency)", got, want)
	}
	job := base
	job.HTTP = false
	if PriceOp(job).APIGateway != 0 {
		t.Error("a job pays for API Gateway")
	}
	negative := base
	negative.ComputeMs = -3 // handler faster than the raw calls, within noise
	if got, want := PriceOp(negative).BilledMs, base.RoundTrips*DynamoDBLatencyMs; got != want {
		t.Errorf("negative own time: billed %v, want %v", got, want)
	}
}

func TestCostsPreferMeasuredInputs(t *testing.T) {
	ops := []OpInfo{{Name: "read-b", HTTP: true}, {Name: "write-m", HTTP: true, Writes: true}, {Name: "write-b", HTTP: true, Writes: true},
		{Name: "bulk-b", HTTP: true, Bulk: true}, {Name: "unmeasured", HTTP: true}}
	bench := func(op string, handlerNs, sdkNs, trips, items float64) OpBench {
		return OpBench{Op: op, HasSDK: sdkNs > 0,
			Handler: Bench{Metrics: map[string]float64{"ns/op": handlerNs, "roundtrips/op": trips, "items/op": items}},
			SDK:     Bench{Metrics: map[string]float64{"ns/op": sdkNs}}}
	}
	benches := []OpBench{bench("read-b", 3e6, 2e6, 2, 4), bench("write-b", 6e6, 5e6, 3, 3), bench("bulk-b", 40e6, 0, 100, 200)}
	units := map[string]Usage{"read-b": {ReadUnits: 3, Calls: 2}, "write-m": {Calls: 3, ReadUnits: 2, WriteUnits: 8, Ms: 7.5}}
	costs := Costs(ops, benches, units, 256, 1024)
	by := map[string]Cost{}
	for _, c := range costs {
		by[c.Op] = c
	}
	if len(costs) != 4 {
		t.Fatalf("%d costs, want the 4 measured operations: %+v", len(costs), costs)
	}
	if _, ok := by["unmeasured"]; ok {
		t.Error("an operation neither benchmarked nor metered was priced")
	}
	rb := by["read-b"]
	if !near(rb.ComputeMs, 1) || rb.DBIncluded || rb.RoundTrips != 2 || !rb.UnitsMeasured || rb.ReadUnits != 3 || rb.WriteUnits != 0 {
		t.Errorf("read-b: %+v, want the benchmark's own time and round trips with the metered units", rb.CostInput)
	}
	wm := by["write-m"]
	if wm.ComputeMs != 7.5 || !wm.DBIncluded || wm.RoundTrips != 3 || wm.WriteUnits != 8 {
		t.Errorf("write-m: %+v, want the metered latency, calls and units", wm.CostInput)
	}
	wb := by["write-b"]
	if wb.UnitsMeasured || wb.ReadUnits != 3 || wb.WriteUnits != units["write-m"].WriteUnits {
		t.Errorf("write-b: %+v, want 1 RRU per item read and the metered writers' mean WRU", wb.CostInput)
	}
	bb := by["bulk-b"]
	if bb.MemoryMB != 1024 || !bb.DBIncluded || bb.ComputeMs != 40 || bb.WriteUnits != 0 {
		t.Errorf("bulk-b: %+v, want bulk memory and the handler's whole time (no sdk benchmark)", bb.CostInput)
	}
}

func TestStackMemoryReadsTheStack(t *testing.T) {
	normal, bulk, err := StackMemory("../../infra/stack.go")
	if err != nil {
		t.Fatal(err)
	}
	if normal < 128 || bulk < 128 {
		t.Errorf("infra/stack.go: %d MB, bulk %d MB: below Lambda's minimum", normal, bulk)
	}
	src := filepath.Join(t.TempDir(), "stack.go")
	write := func(body string) {
		if err := os.WriteFile(src, []byte("package infra\n"+body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("func memory(op Op) float64 {\n\tif op.Bulk() {\n\t\treturn 3008\n\t}\n\treturn 512\n}\n")
	if n, b, err := StackMemory(src); err != nil || n != 512 || b != 3008 {
		t.Errorf("got %d, %d, %v; want 512, 3008", n, b, err)
	}
	write("func memory(op Op) float64 { return 512 }\n")
	if _, _, err := StackMemory(src); err == nil {
		t.Error("a memory func of another shape was read")
	}
}
