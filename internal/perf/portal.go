package perf

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"sync"
	"time"

	"github.com/personaportal/portal/internal/auth/jwtauth"
	"github.com/personaportal/portal/internal/localportal"
	"github.com/personaportal/portal/internal/seed"
)

// Portal is a local portal with the demo tenant, served on a loopback
// port: what the load test and the +5,000-user check drive over real HTTP.
type Portal struct {
	*localportal.Portal
	URL string
	// Meter measures the capacity units DynamoDB reports, when on.
	Meter *Meter
	srv   *http.Server
}

// StartPortal starts a local portal on the embedded DynamoDB (DynamoDB
// Local when installed), seeds the demo tenant and serves it on
// 127.0.0.1. The portal runs on the system clock: tokens minted by Token
// live an hour (the dev provider's TTL), longer than any run here.
func StartPortal(ctx context.Context) (*Portal, error) {
	m := &Meter{}
	lp, err := localportal.New(ctx, localportal.Config{WrapDB: m.Wrap,
		Log: slog.New(slog.NewTextHandler(&firstLines{w: os.Stderr, left: 10}, &slog.HandlerOptions{Level: slog.LevelWarn}))})
	if err != nil {
		return nil, err
	}
	if _, err := seed.Demo(ctx, lp.Service, lp.Store, "https://portal.demo.test"); err != nil {
		_ = lp.Close()
		return nil, fmt.Errorf("seed: %w", err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		_ = lp.Close()
		return nil, err
	}
	srv := &http.Server{Handler: lp.Handler, ReadHeaderTimeout: 5 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	return &Portal{Portal: lp, URL: "http://" + ln.Addr().String(), Meter: m, srv: srv}, nil
}

// Engine names the embedded DynamoDB's engine ("" with an external one).
func (p *Portal) Engine() string {
	if p.Embedded == nil {
		return ""
	}
	return p.Embedded.Engine
}

// Token signs a dev token for a user of the demo tenant.
func (p *Portal) Token(email string, admin bool) (string, error) {
	return p.Issuer.Issue(jwtauth.DevLogin{Email: email, Tenant: seed.DemoTenant, Admin: admin})
}

// Close stops serving and the embedded DynamoDB.
func (p *Portal) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_ = p.srv.Shutdown(ctx)
	return p.Portal.Close()
}

// firstLines passes on the portal's first warnings and errors and drops
// the rest: under overload every failed request logs a line, and the load
// test counts and shows the failures itself.
type firstLines struct {
	mu   sync.Mutex
	w    io.Writer
	left int
}

func (f *firstLines) Write(b []byte) (int, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	switch {
	case f.left > 1:
		_, _ = f.w.Write(b)
	case f.left == 1:
		_, _ = fmt.Fprintf(f.w, "%s(the portal's further log lines are dropped)\n", b)
	}
	f.left = max(f.left-1, 0)
	return len(b), nil
}
