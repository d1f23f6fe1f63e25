package httpapi_test

import (
	"sync"
	"testing"

	"github.com/personaportal/portal/internal/apitest"
)

// fire runs n copies of f at once and returns their statuses.
func fire(n int, f func(i int) int) []int {
	var wg sync.WaitGroup
	out := make([]int, n)
	start := make(chan struct{})
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			out[i] = f(i)
		}()
	}
	close(start)
	wg.Wait()
	return out
}

func TestConcurrentPreferredChangesLeaveExactlyOnePreferredPersona(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	d := h.DemoIDs()
	// Give Alice more personas to race between.
	ids := []string{d.AliceStaff, d.AliceCustomer}
	for _, scope := range []string{"company:globex", "company:initech"} {
		p := h.Must(201, d.Admin, "POST", "/admin/users/"+d.AliceID+"/personas", map[string]any{"type": "customer", "scope": []string{scope}})
		ids = append(ids, p.Str("id"))
	}
	for round := range 5 {
		statuses := fire(16, func(i int) int {
			return h.Do(d.Alice, "PUT", "/me/preferred-persona", map[string]any{"persona_id": ids[(i+round)%len(ids)]}).Status
		})
		for _, s := range statuses {
			if s != 200 && s != 409 {
				t.Fatalf("round %d: status %d", round, s)
			}
		}
		preferred := 0
		for _, p := range h.Must(200, d.Alice, "GET", "/me/personas", nil).Items() {
			if p["preferred"] == true {
				preferred++
			}
		}
		if preferred != 1 {
			t.Fatalf("round %d: %d personas preferred", round, preferred)
		}
	}
}

func TestConcurrentDuplicateAssignmentsCreateOnePersona(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	d := h.DemoIDs()
	statuses := fire(12, func(int) int {
		return h.Do(d.Admin, "POST", "/admin/users/"+d.CarolID+"/personas",
			map[string]any{"type": "customer", "scope": []string{"company:globex"}}).Status
	})
	created := 0
	for _, s := range statuses {
		switch s {
		case 201:
			created++
		case 409:
		default:
			t.Fatalf("status %d", s)
		}
	}
	if created != 1 {
		t.Fatalf("%d assignments won", created)
	}
	if n := len(h.Must(200, d.Carol, "GET", "/me/personas", nil).Items()); n != 1 {
		t.Fatalf("carol holds %d personas", n)
	}
}

func TestConcurrentRevocationsHaveOneWinner(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	d := h.DemoIDs()
	statuses := fire(8, func(int) int {
		return h.Do(d.Admin, "DELETE", "/admin/users/"+d.AliceID+"/personas/"+d.AliceStaff, nil).Status
	})
	ok := 0
	for _, s := range statuses {
		if s == 200 {
			ok++
		} else if s != 409 {
			t.Fatalf("status %d", s)
		}
	}
	if ok != 1 {
		t.Fatalf("%d revocations won", ok)
	}
	// The counters moved once: the definition can now be deleted, and only
	// because exactly one live persona of the type was released.
	h.Must(204, d.Admin, "DELETE", "/admin/persona-definitions/staff", nil)
}

func TestConcurrentFirstLoginsLinkOneProfile(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	tok := h.Token("newcomer@acme.test", "demo", false)
	ids := make([]string, 8)
	fire(8, func(i int) int {
		r := h.Do(tok, "GET", "/me", nil)
		ids[i] = r.Str("id")
		return r.Status
	})
	for _, id := range ids {
		if id == "" || id != ids[0] {
			t.Fatalf("first logins resolved to different profiles: %v", ids)
		}
	}
	admin := h.Token("admin@demo.test", "demo", true)
	if n := len(h.Must(200, admin, "GET", "/admin/users?q=newcomer", nil).Items()); n != 1 {
		t.Fatalf("%d profiles provisioned", n)
	}
}
