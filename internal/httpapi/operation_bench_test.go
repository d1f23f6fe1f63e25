package httpapi_test

import (
	"context"
	"net/http/httptest"
	"slices"
	"syscall"
	"testing"
	"time"

	"github.com/personaportal/portal/internal/apitest"
	"github.com/personaportal/portal/internal/operations"
	"github.com/personaportal/portal/internal/store"
)

// BenchmarkOperation measures every operation of the table twice on the
// same DynamoDB (DynamoDB Local when installed): "handler" sends its
// happy-path request (op_scenarios_test.go) through the whole portal
// (httptest, authentication, handler, store, SDK); "sdk" replays the
// DynamoDB calls that request made, input for input, through a bare
// client. handler/sdk is the portal's overhead over the DynamoDB calls it
// cannot avoid. Both report roundtrips/op, items/op (items read) and
// cpu-ns/op (see cpuTime).
//
// A scenario that writes starts every iteration from the same state: after
// each one, outside the timer, the items it wrote are put back as they
// were before (deleted when new). The replay thus meets every condition
// the handler met (nothing is stripped), and a create makes a new item
// every time on both sides.
func BenchmarkOperation(b *testing.B) {
	h := apitest.NewDemo(b)
	scenarios, _ := opScenarios(h)
	r := newReplayer(b, h)
	r.snapshot(b)
	b.Logf("engine: %s", h.Portal.Embedded.Engine)
	recorded := map[string][]store.Call{}
	for _, op := range operations.All {
		c, ok := scenarios[op.Name]
		if !ok {
			b.Fatalf("operation %s has no scenario (op_scenarios_test.go)", op.Name)
		}
		recorded[op.Name] = recordOnce(b, h, op.Name, c)
		r.restore(b, written(recorded[op.Name]))
	}
	// DynamoDB Local runs on the JVM: without a warm-up, whichever
	// benchmark comes first would measure its JIT compiler.
	for range warmUpRounds {
		for _, op := range operations.All {
			calls := recorded[op.Name]
			for _, c := range calls {
				_, _ = r.replay(context.Background(), c.Input)
			}
			r.restore(b, written(calls))
		}
	}
	for _, op := range operations.All {
		c, calls := scenarios[op.Name], recorded[op.Name]
		writes := slices.ContainsFunc(calls, isWrite)
		b.Run(op.Name+"/handler", func(b *testing.B) { benchHandler(b, h, r, c, writes) })
		b.Run(op.Name+"/sdk", func(b *testing.B) { benchReplay(b, r, calls, writes) })
	}
}

// warmUpRounds replays every scenario's calls this many times first.
const warmUpRounds = 20

// recordOnce sends the scenario's request once, checks its answer (status
// and OpenAPI contract) and returns the DynamoDB calls it made.
func recordOnce(t testing.TB, h *apitest.Harness, name string, c opCall) []store.Call {
	t.Helper()
	body := c.encode(t)
	req := c.request(body)
	ctx, rec := store.WithCallRecorder(req.Context())
	w := httptest.NewRecorder()
	h.Portal.Handler.ServeHTTP(w, req.WithContext(ctx))
	if w.Code != c.status {
		t.Fatalf("%s: status %d, want %d: %s", name, w.Code, c.status, w.Body.Bytes())
	}
	for _, p := range apitest.CheckContract(req, body, w.Code, w.Header(), w.Body.Bytes()) {
		t.Errorf("%s: disagrees with docs/openapi.json: %s", name, p)
	}
	return rec.Calls()
}

func benchHandler(b *testing.B, h *apitest.Harness, r *replayer, c opCall, writes bool) {
	_, rec := store.WithCallRecorder(context.Background())
	if !writes {
		_, rec = store.WithCallCounter(context.Background()) // keeps no log
	}
	body := c.encode(b)
	var calls, items int
	var cpu cpuTime
	cpu.start()
	for b.Loop() {
		req := c.request(body)
		w := httptest.NewRecorder()
		h.Portal.Handler.ServeHTTP(w, req.WithContext(store.WithCounter(req.Context(), rec)))
		if w.Code != c.status {
			b.Fatalf("status %d, want %d: %s", w.Code, c.status, w.Body.Bytes())
		}
		if writes {
			cpu.stop()
			b.StopTimer()
			r.restore(b, written(rec.Calls()))
			calls, items = calls+rec.Count(), items+rec.Items()
			rec.Reset()
			b.StartTimer()
			cpu.start()
		}
	}
	cpu.stop()
	calls, items = calls+rec.Count(), items+rec.Items()
	reportOp(b, calls, items, cpu)
}

func benchReplay(b *testing.B, r *replayer, recorded []store.Call, writes bool) {
	ctx := context.Background()
	keys := written(recorded)
	var calls, items int
	var cpu cpuTime
	cpu.start()
	for b.Loop() {
		for _, c := range recorded {
			out, err := r.replay(ctx, c.Input)
			if (err != nil) != (c.Err != nil) {
				b.Fatalf("%s: replay answered %v, the handler's call %v", c.Op, err, c.Err)
			}
			calls++
			if err == nil {
				items += store.ItemsRead(out)
			}
		}
		if writes {
			cpu.stop()
			b.StopTimer()
			r.restore(b, keys)
			b.StartTimer()
			cpu.start()
		}
	}
	cpu.stop()
	reportOp(b, calls, items, cpu)
}

func reportOp(b *testing.B, calls, items int, cpu cpuTime) {
	b.ReportMetric(float64(calls)/float64(b.N), "roundtrips/op")
	b.ReportMetric(float64(items)/float64(b.N), "items/op")
	b.ReportMetric(float64(cpu.total.Nanoseconds())/float64(b.N), "cpu-ns/op")
}

// cpuTime adds up this process's CPU time (user and system) over the timed
// parts of a benchmark. Unlike ns/op, which waits on DynamoDB Local and on
// whatever else the machine runs, it is the Go work a request costs: on
// both sides the SDK and the embedded engine's loopback hop, and on the
// handler's the portal itself, so the difference is the portal's CPU.
type cpuTime struct{ total, since time.Duration }

func processCPU() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func (c *cpuTime) start() { c.since = processCPU() }
func (c *cpuTime) stop()  { c.total += processCPU() - c.since }
