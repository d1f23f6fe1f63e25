package perf

import (
	"fmt"
	"strconv"
)

// cost is the doc's cost model: how it prices, the prices, and a million
// requests of each operation that was benchmarked or metered.
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
