package main

import "time"

// idleJobInterval is how often the jobs run when nothing was written and
// the dev clock did not move: time alone makes work due (a loan ends, a
// mail's retry comes), and AWS's schedules run them no more often.
const idleJobInterval = time.Minute

// jobGate keeps the idle server idle: the jobs run after a write (the
// jobs' own included, so a batch goes on until nothing is left), after a
// move of the dev clock, and every idleJobInterval; otherwise the one-second
// tick does nothing. With an external DynamoDB (no tracker) every tick runs.
type jobGate struct {
	track *tracker
	clock *devClock
	last  time.Time
}

// due says whether to run the jobs now, and if so counts it as a run.
func (g *jobGate) due(now time.Time) bool {
	wrote := g.track == nil || g.track.wrote.Swap(false)
	moved := g.clock.moved.Swap(false)
	if !wrote && !moved && now.Sub(g.last) < idleJobInterval {
		return false
	}
	g.last = now
	return true
}
