package perf

import (
	"fmt"
	"math"
)

// Charts are the plots of the parts that were measured, by file name.
func (r Report) Charts() map[string]Chart {
	out := map[string]Chart{}
	if ops := Operations(r.Benches); len(ops) > 0 {
		c := Chart{Title: "Per operation: whole request (handler) and its raw SDK calls (sdk)", Unit: "ms per request",
			Series: []Series{{Name: "handler"}, {Name: "sdk"}}}
		for _, o := range ops {
			c.Labels = append(c.Labels, o.Op)
			c.Series[0].Values = append(c.Series[0].Values, o.Handler.Ms("ns/op"))
			sdk := math.NaN()
			if o.HasSDK {
				sdk = o.SDK.Ms("ns/op")
			}
			c.Series[1].Values = append(c.Series[1].Values, sdk)
		}
		out[PlotOperations] = c
	}
	if pts := Scale(r.Benches); len(pts) > 0 {
		c := Chart{Title: "List pages by tenant size (DynamoDB Local)", Unit: "ms per page"}
		sizes := scaleSizes(pts)
		for _, n := range sizes {
			c.Series = append(c.Series, Series{Name: fmt.Sprintf("p50, %d personas", n)}, Series{Name: fmt.Sprintf("p99, %d personas", n)})
		}
		for _, route := range scaleRoutes(pts) {
			c.Labels = append(c.Labels, route)
			for i, n := range sizes {
				p50, p99 := math.NaN(), math.NaN()
				for _, p := range pts {
					if p.Route == route && p.Personas == n {
						p50, p99 = p.Metrics["p50-ms"], p.Metrics["p99-ms"]
					}
				}
				c.Series[2*i].Values = append(c.Series[2*i].Values, p50)
				c.Series[2*i+1].Values = append(c.Series[2*i+1].Values, p99)
			}
		}
		out[PlotScale] = c
	}
	if len(r.Load) > 0 {
		c := Chart{Title: fmt.Sprintf("Load: p50 and p99 per run (ramp: each rate for %s; the others: %d req/s for %s)",
			r.LoadCfg.RampDuration, r.LoadCfg.Rate, r.LoadCfg.Duration), Unit: "ms",
			Series: []Series{{Name: "p50"}, {Name: "p99"}}, Marks: []Mark{{Value: float64(GoalP99.Milliseconds()), Label: "p99 goal"}}}
		for _, run := range r.Load {
			c.Labels = append(c.Labels, run.Name)
			c.Series[0].Values = append(c.Series[0].Values, float64(run.Total.P50)/1e6)
			c.Series[1].Values = append(c.Series[1].Values, float64(run.Total.P99)/1e6)
		}
		out[PlotLoad] = c
	}
	if r.Grow != nil {
		c := Chart{Title: fmt.Sprintf("Per-user requests, p50: demo tenant and +%d users", r.Grow.Users), Unit: "ms",
			Series: []Series{{Name: "demo tenant"}, {Name: fmt.Sprintf("+%d users", r.Grow.Users)}}}
		for _, g := range r.Grow.Reads {
			c.Labels = append(c.Labels, g.Route)
			c.Series[0].Values = append(c.Series[0].Values, float64(g.Before)/1e6)
			c.Series[1].Values = append(c.Series[1].Values, float64(g.After)/1e6)
		}
		out[PlotGrow] = c
	}
	floorInit, hasInit := initFloor(r.Inits)
	if r.Sizes != nil || hasInit {
		c := Chart{Title: "Each function over the SDK floor (arm64 size, init)", Unit: "times the SDK floor",
			Series: []Series{{Name: "size / floor"}, {Name: "init / floor"}},
			Marks:  []Mark{{Value: 1, Label: "floor"}, {Value: 1.25, Label: "goal"}}}
		inits := map[string]Init{}
		for _, i := range r.Inits {
			inits[i.Function] = i
		}
		for _, name := range r.functionNames() {
			size, in := math.NaN(), math.NaN()
			if r.Sizes != nil {
				for _, f := range r.Sizes.Functions {
					if f.Name == name {
						size = sizeRatio(r.Sizes, f)
					}
				}
			}
			if v, ok := inits[name]; ok && hasInit {
				in = initRatio(v, floorInit)
			}
			c.Labels = append(c.Labels, name)
			c.Series[0].Values = append(c.Series[0].Values, size)
			c.Series[1].Values = append(c.Series[1].Values, in)
		}
		out[PlotFunctions] = c
	}
	return out
}
