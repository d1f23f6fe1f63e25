// Package embedded runs minidyn, an in-process DynamoDB-compatible HTTP
// server, on a loopback port. The local server and the tests use it, so the
// store is always exercised through the real AWS SDK over HTTP.
package embedded

import (
	"context"
	"errors"
	"net"
	"net/http"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/personaportal/portal/internal/store"
	"github.com/truora/minidyn/server"
)

// DynamoDB is a running embedded DynamoDB.
type DynamoDB struct {
	URL    string
	Server *server.Server
	http   *http.Server
}

// Start serves minidyn on 127.0.0.1 at a free port. wrap, when set, wraps
// the handler (the local server uses it to notice writes).
func Start(wrap func(http.Handler) http.Handler) (*DynamoDB, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	srv := server.NewServer()
	var h http.Handler = srv
	if wrap != nil {
		h = wrap(srv)
	}
	hs := &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second}
	go func() { _ = hs.Serve(ln) }()
	return &DynamoDB{URL: "http://" + ln.Addr().String(), Server: srv, http: hs}, nil
}

// Close stops the server.
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
	db, err := store.NewClient(ctx, store.ClientConfig{Endpoint: d.URL, MaxAttempts: maxAttempts})
	if err != nil {
		return nil, err
	}
	return db, store.EnsureTable(ctx, db, table)
}
