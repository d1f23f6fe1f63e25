package httpapi_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/personaportal/portal/internal/apitest"
)

// BenchmarkGetMyPersonasPlus1000Users is BenchmarkGetMyPersonas after
// 1,000 more users of the same tenant came in through POST /admin/import
// (the import's rate is reported as users/s): a per-user read should not
// notice them. Compare the two on each engine (PP_DYNAMODB_ENGINE).
func BenchmarkGetMyPersonasPlus1000Users(b *testing.B) {
	h := apitest.NewDemo(b)
	d := h.DemoIDs()
	start := time.Now()
	for part := range 4 {
		body := usersFile(fmt.Sprintf("s%d-", part), 250)
		if r := h.Send(apitest.Request("POST", "/admin/import", body, d.Admin, "application/x-ndjson")); r.Status != 200 {
			b.Fatalf("%d %.300s", r.Status, r.Raw)
		}
	}
	rate := 1000 / time.Since(start).Seconds()
	b.ResetTimer()
	for b.Loop() {
		h.Must(200, d.Alice, "GET", "/me/personas", nil)
	}
	b.ReportMetric(rate, "imported-users/s")
}
