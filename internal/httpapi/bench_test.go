package httpapi_test

import (
	"testing"

	"github.com/personaportal/portal/internal/apitest"
)

// Benchmarks of whole requests through the handler, the SDK and the
// embedded DynamoDB (loopback HTTP). They measure the portal's own cost
// per request; DynamoDB's latency in AWS comes on top, per round trip.

func BenchmarkGetMyPersonas(b *testing.B) {
	h := apitest.NewDemo(b)
	d := h.DemoIDs()
	b.ResetTimer()
	for b.Loop() {
		h.Must(200, d.Alice, "GET", "/me/personas", nil)
	}
}

func BenchmarkSetPreferredPersona(b *testing.B) {
	h := apitest.NewDemo(b)
	d := h.DemoIDs()
	ids := []string{d.AliceStaff, d.AliceCustomer}
	i := 0
	b.ResetTimer()
	for b.Loop() {
		h.Must(200, d.Alice, "PUT", "/me/preferred-persona", map[string]any{"persona_id": ids[i%2]})
		i++
	}
}

func BenchmarkAdminAddAndRevokePersona(b *testing.B) {
	h := apitest.NewDemo(b)
	d := h.DemoIDs()
	base := "/admin/users/" + d.CarolID + "/personas"
	b.ResetTimer()
	for b.Loop() {
		p := h.Must(201, d.Admin, "POST", base, map[string]any{"type": "customer", "scope": []string{"company:acme"}})
		h.Must(200, d.Admin, "DELETE", base+"/"+p.Str("id"), nil)
	}
}
