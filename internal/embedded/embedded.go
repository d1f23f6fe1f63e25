// Package embedded runs a DynamoDB for the local server and the tests on a
// loopback port, so the store is always exercised through the real AWS SDK
// over HTTP. The engine is Amazon's DynamoDB Local when `make tools`
// installed it and java runs it (one process per OS process, each Start its
// own database), else minidyn, an in-process emulator (docs/decisions.md,
// 18). PP_DYNAMODB_ENGINE=local or minidyn picks one explicitly.
package embedded

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/personaportal/portal/internal/store"
	"github.com/truora/minidyn/server"
)

// The engines.
const (
	Local   = "local"
	Minidyn = "minidyn"
)

// EngineEnv names the environment variable that picks the engine.
const EngineEnv = "PP_DYNAMODB_ENGINE"

// DynamoDB is a running embedded DynamoDB.
type DynamoDB struct {
	URL string
	// Engine is Local or Minidyn.
	Engine string
	http   *http.Server
}

// Start serves an empty database on 127.0.0.1 at a free port. wrap, when
// set, wraps the handler (the local server uses it to notice writes, the
// tests to inject faults).
func Start(wrap func(http.Handler) http.Handler) (*DynamoDB, error) {
	engine, err := Engine()
	if err != nil {
		return nil, err
	}
	var h http.Handler
	if engine == Local {
		if h, err = localDatabase(); err != nil {
			return nil, err
		}
	} else {
		h = server.NewServer()
	}
	if wrap != nil {
		h = wrap(h)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	hs := &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second}
	go func() { _ = hs.Serve(ln) }()
	return &DynamoDB{URL: "http://" + ln.Addr().String(), Engine: engine, http: hs}, nil
}

var (
	engineOnce sync.Once
	engine     string
	engineErr  error
)

// Engine is the engine of this process: PP_DYNAMODB_ENGINE's, or DynamoDB
// Local when it starts, else minidyn after a one-line notice on stderr
// saying why. DynamoDB Local starts (once) on the first call.
func Engine() (string, error) {
	engineOnce.Do(func() {
		switch want := os.Getenv(EngineEnv); want {
		case Minidyn:
			engine = Minidyn
		case Local:
			engine, engineErr = Local, startLocal()
		case "":
			if err := startLocal(); err != nil {
				fmt.Fprintf(os.Stderr, "embedded DynamoDB: minidyn, not DynamoDB Local: %v\n", err)
				engine = Minidyn
			} else {
				engine = Local
			}
		default:
			engineErr = fmt.Errorf("%s=%q: want %s or %s", EngineEnv, want, Local, Minidyn)
		}
	})
	return engine, engineErr
}

// Close stops serving; a DynamoDB Local database is dropped with the
// process.
func (d *DynamoDB) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if err := d.http.Shutdown(ctx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// Client returns an SDK client aimed at the server, with the portal table
// created. maxAttempts caps SDK retries (tests use 1 to see faults at once).
func (d *DynamoDB) Client(ctx context.Context, table string, maxAttempts int) (*dynamodb.Client, error) {
	db, err := store.NewClient(store.ClientConfig{Endpoint: d.URL, MaxAttempts: maxAttempts})
	if err != nil {
		return nil, err
	}
	return db, store.EnsureTable(ctx, db, table)
}
