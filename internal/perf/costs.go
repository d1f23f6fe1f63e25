package perf

import (
	"sort"

	"github.com/personaportal/portal/internal/operations"
)

// OpInfo is what the cost model takes from the operations table.
type OpInfo struct {
	Name   string
	HTTP   bool // served through API Gateway (else a job or invoked)
	Writes bool
	Bulk   bool
}

// OpInfos lists every function of the operations table.
func OpInfos() []OpInfo {
	var out []OpInfo
	for _, o := range operations.Functions() {
		out = append(out, OpInfo{Name: o.Name, HTTP: o.Path != "", Writes: !o.ReadOnly(), Bulk: o.Bulk()})
	}
	return out
}

// Costs prices every operation that was benchmarked or metered. Its
// inputs, by preference: round trips and the function's own time from the
// per-operation benchmark (handler ns/op less the raw SDK calls' ns/op,
// plus DynamoDBLatencyMs per round trip); without that benchmark, the
// median latency of the metered requests on the local server (DynamoDB
// Local's time standing in for DynamoDB's). Units as metered (Units), else
// EstimateUnits. Sorted by operation name.
func Costs(ops []OpInfo, benches []OpBench, units map[string]Usage, memNormal, memBulk int) []Cost {
	bench := map[string]OpBench{}
	for _, b := range benches {
		bench[b.Op] = b
	}
	writePerOp, writers := 0.0, 0
	for _, o := range ops {
		if u, ok := units[o.Name]; ok && o.Writes {
			writePerOp += u.WriteUnits
			writers++
		}
	}
	if writers > 0 {
		writePerOp /= float64(writers)
	}
	var out []Cost
	for _, o := range ops {
		b, benched := bench[o.Name]
		u, metered := units[o.Name]
		if !benched && !metered {
			continue
		}
		in := CostInput{Op: o.Name, HTTP: o.HTTP, MemoryMB: memNormal, UnitsMeasured: metered}
		if o.Bulk {
			in.MemoryMB = memBulk
		}
		switch {
		case benched && b.HasSDK:
			in.ComputeMs = b.Handler.Ms("ns/op") - b.SDK.Ms("ns/op")
			in.RoundTrips = b.Handler.Metrics["roundtrips/op"]
		case benched:
			in.ComputeMs, in.DBIncluded = b.Handler.Ms("ns/op"), true
			in.RoundTrips = b.Handler.Metrics["roundtrips/op"]
		default:
			in.ComputeMs, in.DBIncluded = u.Ms, true
			in.RoundTrips = float64(u.Calls)
		}
		if metered {
			in.ReadUnits, in.WriteUnits = u.ReadUnits, u.WriteUnits
		} else {
			in.ReadUnits, in.WriteUnits = EstimateUnits(b.Handler.Metrics["items/op"], o.Writes, writePerOp)
		}
		out = append(out, PriceOp(in))
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Op < out[j].Op })
	return out
}
