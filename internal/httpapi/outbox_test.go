package httpapi_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/personaportal/portal/internal/apitest"
	"github.com/personaportal/portal/internal/mail"
)

// scriptedMailer fails as told, and counts what it delivered.
type scriptedMailer struct {
	mu        sync.Mutex
	fail      error
	delivered map[string]int // message ID -> deliveries
	attempts  int
}

func (m *scriptedMailer) Send(_ context.Context, msg mail.Message) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.attempts++
	if m.fail != nil {
		return m.fail
	}
	if m.delivered == nil {
		m.delivered = map[string]int{}
	}
	m.delivered[msg.ID]++
	return nil
}

func (m *scriptedMailer) set(err error) { m.mu.Lock(); m.fail = err; m.mu.Unlock() }

func invite(t *testing.T, h *apitest.Harness, d apitest.Demo) {
	t.Helper()
	h.Must(201, d.Bob, "POST", "/persona-invitations", map[string]any{"type": "customer", "scope": []string{"company:globex"},
		"user_email": "carol@globex.test", "send_email": true})
}

func TestAnEmailSurvivesAnSESFailureAndIsSentByALaterRun(t *testing.T) {
	t.Parallel()
	m := &scriptedMailer{}
	h := apitest.NewDemoWithMailer(t, m)
	d := h.DemoIDs()
	ctx := context.Background()
	invite(t, h, d)
	m.set(errors.New("ThrottlingException: rate exceeded"))
	rep, err := h.Portal.Sender.RunOnce(ctx)
	if err != nil || rep.Retrying != 1 || len(m.delivered) != 0 {
		t.Fatalf("%+v %v", rep, err)
	}
	// Not due again before its backoff ...
	m.set(nil)
	if rep, _ := h.Portal.Sender.RunOnce(ctx); rep.Sent != 0 {
		t.Fatalf("retried before its backoff: %+v", rep)
	}
	// ... and sent once it is.
	h.Advance(31 * time.Second)
	if rep, _ := h.Portal.Sender.RunOnce(ctx); rep.Sent != 1 || len(m.delivered) != 1 {
		t.Fatalf("%+v", rep)
	}
	if rep, _ := h.Portal.Sender.RunOnce(ctx); rep.Sent+rep.Retrying != 0 {
		t.Fatalf("sent twice: %+v", rep)
	}
}

func TestAPermanentRejectionIsNotRetriedAndTransientOnesAreAbandoned(t *testing.T) {
	t.Parallel()
	m := &scriptedMailer{}
	h := apitest.NewDemoWithMailer(t, m)
	d := h.DemoIDs()
	ctx := context.Background()
	invite(t, h, d)
	m.set(&mail.PermanentError{Err: errors.New("MessageRejected: address on the suppression list")})
	if rep, _ := h.Portal.Sender.RunOnce(ctx); rep.Rejected != 1 {
		t.Fatalf("%+v", rep)
	}
	h.Advance(24 * time.Hour)
	if rep, _ := h.Portal.Sender.RunOnce(ctx); rep.Sent+rep.Rejected+rep.Retrying != 0 || m.attempts != 1 {
		t.Fatalf("a rejected message was tried again: %+v, %d attempts", rep, m.attempts)
	}
	// A message that keeps failing transiently is abandoned after five attempts.
	d.Bob = h.Token("bob@acme.test", "demo", false) // the clock moved past the old token's expiry
	invite(t, h, d)
	m.set(errors.New("InternalFailure"))
	attempts := m.attempts
	for range 10 {
		_, _ = h.Portal.Sender.RunOnce(ctx)
		h.Advance(2 * time.Hour)
	}
	if m.attempts-attempts != 5 {
		t.Fatalf("%d attempts, want 5", m.attempts-attempts)
	}
}

func TestTwoConcurrentRunsSendEachMessageOnce(t *testing.T) {
	t.Parallel()
	m := &scriptedMailer{}
	h := apitest.NewDemoWithMailer(t, m)
	d := h.DemoIDs()
	for range 6 {
		invite(t, h, d)
	}
	var wg sync.WaitGroup
	for range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 3 {
				_, _ = h.Portal.Sender.RunOnce(context.Background())
			}
		}()
	}
	wg.Wait()
	if len(m.delivered) != 6 {
		t.Fatalf("%d messages delivered, want 6", len(m.delivered))
	}
	for id, n := range m.delivered {
		if n != 1 {
			t.Fatalf("message %s delivered %d times", id, n)
		}
	}
}

func TestAnEmailIsQueuedInTheWriteOfItsCause(t *testing.T) {
	t.Parallel()
	m := &scriptedMailer{}
	h := apitest.NewDemoWithMailer(t, m)
	d := h.DemoIDs()
	h.FailWrites(true)
	h.Do(d.Bob, "POST", "/persona-invitations", map[string]any{"type": "customer", "scope": []string{"company:globex"},
		"user_email": "carol@globex.test"})
	h.FailWrites(false)
	if rep, _ := h.Portal.Sender.RunOnce(context.Background()); rep.Sent != 0 {
		t.Fatal("a failed change queued its e-mail")
	}
	invite(t, h, d)
	if rep, _ := h.Portal.Sender.RunOnce(context.Background()); rep.Sent != 1 {
		t.Fatalf("%+v", rep)
	}
}
