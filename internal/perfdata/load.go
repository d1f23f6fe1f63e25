package perfdata

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/personaportal/portal/internal/domain"
	"github.com/personaportal/portal/internal/store"
)

// Tenant says what Load writes: Personas personas for Personas/2 users
// (rounded up), each user a customer persona in one of Companies and,
// second, a staff persona in one of Departments, taken in turn. Every
// scope value must be in its definition's catalogue.
type Tenant struct {
	Tenant      string
	Personas    int
	Companies   []string // customer scopes
	Departments []string // staff scopes
	// EmailDomain names the users: scale0000042@<EmailDomain>.
	EmailDomain string
	Now         time.Time
}

// Loaded is what a Load wrote and how fast.
type Loaded struct {
	Users, Personas, Items int
	Took                   time.Duration
}

// Rate is items written per second.
func (l Loaded) Rate() float64 { return float64(l.Items) / l.Took.Seconds() }

// usersPerTask is how many users a worker builds and writes at a time.
const usersPerTask = 100

// Load writes the tenant's users and personas with BatchWriteItem from
// workers in parallel (items built by store.UserItems, as the API writes
// them), then counts the personas on their definitions. db is a bare
// client on st's table.
func Load(ctx context.Context, db *dynamodb.Client, st *store.Store, table string, t Tenant, workers int) (Loaded, error) {
	start := time.Now()
	users := (t.Personas + 1) / 2
	tasks := make(chan int)
	var items atomic.Int64
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for first := range tasks {
				n, err := writeUsers(ctx, db, table, t, first, min(first+usersPerTask, users))
				if err != nil {
					errs <- err
					cancel()
					return
				}
				items.Add(int64(n))
			}
		}()
	}
feed:
	for first := 0; first < users; first += usersPerTask {
		select {
		case tasks <- first:
		case <-ctx.Done():
			break feed
		}
	}
	close(tasks)
	wg.Wait()
	select {
	case err := <-errs:
		return Loaded{}, err
	default:
	}
	staff := t.Personas - users
	for typ, n := range map[string]int{"customer": users, "staff": staff} {
		if err := st.AddLivePersonas(ctx, t.Tenant, typ, n); err != nil {
			return Loaded{}, fmt.Errorf("count %s personas: %w", typ, err)
		}
	}
	return Loaded{Users: users, Personas: t.Personas, Items: int(items.Load()), Took: time.Since(start)}, nil
}

// writeUsers writes users [from, to) and returns how many items it wrote.
func writeUsers(ctx context.Context, db *dynamodb.Client, table string, t Tenant, from, to int) (int, error) {
	var reqs []types.WriteRequest
	for i := from; i < to; i++ {
		p, ps := t.user(i)
		items, err := store.UserItems(p, ps)
		if err != nil {
			return 0, err
		}
		for _, it := range items {
			reqs = append(reqs, types.WriteRequest{PutRequest: &types.PutRequest{Item: it}})
		}
	}
	return len(reqs), WriteAll(ctx, db, table, reqs)
}

// user builds user i and its personas.
func (t Tenant) user(i int) (domain.Profile, []domain.Persona) {
	email := fmt.Sprintf("scale%07d@%s", i, t.EmailDomain)
	p := domain.Profile{Tenant: t.Tenant, ID: domain.NewID(), Email: email, GivenName: fmt.Sprintf("Scale%d", i),
		FamilyName: "Load", Attributes: map[string]any{}, Status: domain.ProfileActive, CreatedAt: t.Now, UpdatedAt: t.Now}
	persona := func(typ, scope string) domain.Persona {
		return domain.Persona{Tenant: t.Tenant, ID: domain.NewID(), UserID: p.ID, Type: typ, Scope: []string{scope},
			Email: email, ValidFrom: t.Now, Attributes: map[string]any{}, CreatedAt: t.Now, UpdatedAt: t.Now,
			Status: domain.PersonaStatus{Value: domain.StatusAccepted, ChangedAt: t.Now, ChangedBy: "perfdata"}}
	}
	ps := []domain.Persona{persona("customer", t.Companies[i%len(t.Companies)])}
	if 2*i+1 < t.Personas {
		ps = append(ps, persona("staff", t.Departments[i%len(t.Departments)]))
	}
	return p, ps
}
