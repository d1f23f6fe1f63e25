// Command local runs the whole portal on one machine: every operation
// behind one net/http server, an embedded DynamoDB whose data survives
// restarts in --data, a development OpenID Provider (/oidc: the portal
// signs in there with the code flow and PKCE; its key is kept in --data),
// a dev token issuer for scripts (POST /dev/login), a local outbox (GET
// /dev/outbox) and a clock that POST /dev/clock moves ahead. It is for
// development only: the Lambda functions never serve /dev routes.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/personaportal/portal/internal/auth"
	"github.com/personaportal/portal/internal/devoidc"
	"github.com/personaportal/portal/internal/localportal"
	"github.com/personaportal/portal/internal/portal"
	"github.com/personaportal/portal/internal/sampleevents"
	"github.com/personaportal/portal/internal/seed"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "local:", err)
		os.Exit(1)
	}
}

// run serves until ctx ends, then saves the data and returns.
func run(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("local", flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on")
	data := fs.String("data", ".portal", "directory where data survives restarts")
	seedName := fs.String("seed", "demo", "data to start an empty store with: demo, sample (the fixture of events/) or none")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *seedName != "demo" && *seedName != "sample" && *seedName != "none" {
		return fmt.Errorf("--seed must be demo, sample or none, not %q", *seedName)
	}
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))

	if err := os.MkdirAll(*data, 0o700); err != nil {
		return err
	}
	key, err := devoidc.LoadOrCreateKey(filepath.Join(*data, "dev-oidc-key.pem"))
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	defer ln.Close()
	baseURL := serverURL(ln.Addr())
	// Links in answers and e-mails of a tenant without its own
	// portal_base_url point at this server (or at PORTAL_BASE_URL).
	portalURL := envOr("PORTAL_BASE_URL", baseURL)
	if err := portal.CheckPortalBaseURL(portalURL); err != nil {
		return fmt.Errorf("PORTAL_BASE_URL: %w", err)
	}
	table := envOr("TABLE_NAME", "portal")
	endpoint := os.Getenv("DYNAMODB_ENDPOINT")
	var track *tracker
	clock := &devClock{}
	cfg := localportal.Config{Table: table, Endpoint: endpoint, SigningKey: key, Log: log, PortalBaseURL: portalURL, Now: clock.Now,
		BaseURL: baseURL, RedirectURIs: redirectURIs(baseURL, portalURL, os.Getenv("OIDC_REDIRECT_URIS")),
		Claims: auth.Config{TenantClaim: os.Getenv("TENANT_CLAIM"), GroupsClaim: os.Getenv("GROUPS_CLAIM"),
			AdminGroup: os.Getenv("ADMIN_GROUP")}}
	if endpoint == "" {
		cfg.WrapDB = func(h http.Handler) http.Handler { track = &tracker{next: h}; return track }
	}
	p, err := localportal.New(ctx, cfg)
	if err != nil {
		return err
	}
	defer p.Close()

	if p.Embedded != nil {
		log.Info("embedded DynamoDB", "engine", p.Embedded.Engine, "url", p.Embedded.URL)
	}
	snapPath := filepath.Join(*data, "snapshot.json")
	if track != nil {
		n, err := loadSnapshot(track.next, table, snapPath)
		if err != nil {
			return err
		}
		log.Info("data loaded", "items", n, "from", snapPath)
	}
	if *seedName == "sample" {
		if cfg, err := p.Store.GetTenant(ctx, sampleevents.Tenant); err != nil {
			return err
		} else if cfg.Version == 0 {
			if err := sampleevents.Fixture(ctx, p.Store, time.Now()); err != nil {
				return err
			}
			log.Info("sample tenant seeded (the fixture of events/)", "tenant", sampleevents.Tenant)
		}
	}
	if *seedName == "demo" {
		seeded, err := seed.Demo(ctx, p.Service, p.Store, baseURL)
		if err != nil {
			return err
		}
		if seeded {
			log.Info("demo tenant seeded", "tenant", seed.DemoTenant)
		}
	}

	srv := &http.Server{Handler: withDevClock(clock, p.Handler), ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 30 * time.Second,
		WriteTimeout: 30 * time.Second, IdleTimeout: 2 * time.Minute}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	fmt.Fprintf(stdout, `Persona Portal (local) listening on %[1]s
  portal:  %[1]s/ (sign in as %[2]s; make web builds it, make dev does first)
  health:  curl %[1]s/healthz
  sign-in: OpenID Provider %[1]s%[4]s (client %[5]s, code flow with PKCE S256)
  token:   curl -s -X POST %[1]s/dev/login -d '{"email":"%[2]s","tenant":"demo"}'
  admin:   curl -s -X POST %[1]s/dev/login -d '{"email":"admin@demo.test","tenant":"demo","admin":true}'
  data:    %[3]s (Ctrl-C stops and keeps it)
`, baseURL, seed.Alice, *data, devoidc.PathPrefix, devoidc.ClientID)

	done := make(chan struct{})
	if track != nil {
		go every(time.Second, done, func() { autosave(track, table, snapPath, log) })
	}
	gate := &jobGate{track: track, clock: clock}
	go every(time.Second, done, func() {
		if gate.due(time.Now()) {
			runJobs(ctx, p, log)
		}
	})
	select {
	case <-ctx.Done():
	case err := <-errc:
		if !errors.Is(err, http.ErrServerClosed) {
			return err
		}
	}
	log.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	err = srv.Shutdown(shutdownCtx)
	close(done)
	if track != nil {
		if serr := saveSnapshot(track.next, table, snapPath); serr != nil {
			return errors.Join(err, serr)
		}
		log.Info("data saved", "to", snapPath)
	}
	return err
}

// every runs f each interval until done is closed.
func every(interval time.Duration, done <-chan struct{}, f func()) {
	tick := time.NewTicker(interval)
	defer tick.Stop()
	for {
		select {
		case <-done:
			return
		case <-tick.C:
			f()
		}
	}
}

// autosave writes the snapshot within a second of any write.
func autosave(t *tracker, table, path string, log *slog.Logger) {
	if t.dirty.Swap(false) {
		if err := saveSnapshot(t.next, table, path); err != nil {
			t.dirty.Store(true)
			log.Error("snapshot failed", "err", err)
		}
	}
}

// runJobs runs the expire and send-email jobs, as the EventBridge
// schedules do in AWS (every 5 minutes and every minute there); the local
// server asks each second, and jobGate says when there may be work.
func runJobs(ctx context.Context, p *localportal.Portal, log *slog.Logger) {
	if rep, err := p.Expirer.RunOnce(ctx); err != nil {
		log.Error("expire", "err", err)
	} else if rep.Requests+rep.Delegations+rep.Personas > 0 {
		log.Info("expire", "requests", rep.Requests, "delegations", rep.Delegations, "personas", rep.Personas)
	}
	if rep, err := p.Sender.RunOnce(ctx); err != nil {
		log.Error("send-email", "err", err)
	} else if rep.Sent+rep.Retrying+rep.Rejected+rep.Abandoned > 0 {
		log.Info("send-email", "sent", rep.Sent, "retrying", rep.Retrying, "rejected", rep.Rejected, "abandoned", rep.Abandoned)
	}
}

// redirectURIs are the web portal's allowed redirect URIs: those of
// OIDC_REDIRECT_URIS (comma-separated) when set, else /callback on this
// server and, when PORTAL_BASE_URL names another origin (a dev server of
// the web portal), on that one too. There is no silent renewal, hence no
// /silent-callback (docs/decisions.md, 16).
func redirectURIs(baseURL, portalURL, env string) []string {
	if env != "" {
		var out []string
		for _, u := range strings.Split(env, ",") {
			if u = strings.TrimSpace(u); u != "" {
				out = append(out, u)
			}
		}
		return out
	}
	out := []string{baseURL + "/callback"}
	if p := strings.TrimSuffix(portalURL, "/"); p != baseURL {
		out = append(out, p+"/callback")
	}
	return out
}

// serverURL is the base URL of a listener; one on every interface (--addr
// :8080) is reached at 127.0.0.1.
func serverURL(a net.Addr) string {
	if tcp, ok := a.(*net.TCPAddr); ok && tcp.IP.IsUnspecified() {
		return fmt.Sprintf("http://127.0.0.1:%d", tcp.Port)
	}
	return "http://" + a.String()
}

func envOr(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}
