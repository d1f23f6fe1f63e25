package httpapi_test

import (
	"testing"

	"github.com/personaportal/portal/internal/apitest"
	"github.com/personaportal/portal/internal/operations"
)

// TestEveryOperationStaysWithinItsRoundTripBudget sends each operation's
// happy path for a caller already linked and checks the DynamoDB round
// trips it made (authentication included) with the budget the operations
// table declares: exactly, so a change that adds or saves a round trip
// has to say so in the table. A new operation without a scenario fails.
func TestEveryOperationStaysWithinItsRoundTripBudget(t *testing.T) {
	h := apitest.NewDemo(t)
	scenarios, lines := opScenarios(h)
	// Run in the table's order: later scenarios (revoke) rely on earlier ones (patch) having run.
	for _, op := range operations.All {
		c, ok := scenarios[op.Name]
		if !ok {
			t.Errorf("operation %s has no budget scenario", op.Name)
			continue
		}
		r := h.Must(c.status, c.tok, c.method, c.path, c.body)
		budget := op.Budget + op.PerLine()*lines[op.Name]
		if r.Calls != budget {
			t.Errorf("%s made %d DynamoDB round trips, budget %d", op.Name, r.Calls, budget)
		}
		t.Logf("%-22s %d/%d round trips", op.Name, r.Calls, budget)
	}
	if len(scenarios) != len(operations.All) {
		t.Errorf("%d scenarios for %d operations", len(scenarios), len(operations.All))
	}
}

func TestFirstSightCostsAFixedNumberOfRoundTrips(t *testing.T) {
	h := apitest.NewDemo(t)
	// Linking an admin-created profile by verified e-mail: load caller,
	// e-mail lookup, profile, link transaction, then the operation (1).
	r := h.Must(200, h.Token("carol@globex.test", "demo", false), "GET", "/me", nil)
	if r.Calls != 5 {
		t.Errorf("link on first sight: %d round trips, want 5", r.Calls)
	}
	// Auto-provisioning: load caller, e-mail lookup, create transaction, then the operation.
	r = h.Must(200, h.Token("fresh@acme.test", "demo", false), "GET", "/me", nil)
	if r.Calls != 4 {
		t.Errorf("provisioning on first sight: %d round trips, want 4", r.Calls)
	}
}
