package main

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

func TestTheJobsRunOnlyAfterAWriteAClockMoveOrAMinute(t *testing.T) {
	track := &tracker{next: http.HandlerFunc(func(http.ResponseWriter, *http.Request) {})}
	send := func(op string) {
		req := httptest.NewRequest("POST", "/", nil)
		req.Header.Set("X-Amz-Target", "DynamoDB_20120810."+op)
		track.ServeHTTP(httptest.NewRecorder(), req)
	}
	g := &jobGate{track: track, clock: &devClock{}}
	t0 := time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)
	if !g.due(t0) {
		t.Fatal("the first tick did not run the jobs")
	}
	send("Query")
	if g.due(t0.Add(time.Second)) {
		t.Fatal("the jobs ran although nothing was written")
	}
	send("TransactWriteItems")
	if !g.due(t0.Add(2 * time.Second)) {
		t.Fatal("a write did not wake the jobs")
	}
	if g.due(t0.Add(3 * time.Second)) {
		t.Fatal("the jobs ran twice for one write")
	}
	g.clock.moved.Store(true)
	if !g.due(t0.Add(4 * time.Second)) {
		t.Fatal("a move of the dev clock did not wake the jobs")
	}
	if g.due(t0.Add(4*time.Second + idleJobInterval - time.Nanosecond)) {
		t.Fatal("the jobs ran before the idle interval")
	}
	if !g.due(t0.Add(4*time.Second + idleJobInterval)) {
		t.Fatal("the jobs did not run after the idle interval")
	}
	if !(&jobGate{clock: &devClock{}, last: t0}).due(t0) {
		t.Fatal("with an external DynamoDB (no tracker) the jobs did not run every tick")
	}
}
