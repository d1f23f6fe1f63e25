package perf

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
)

// Client calls the portal over HTTP as one user.
type Client struct {
	base, token string
	http        *http.Client
}

// NewClient signs in as email of the demo tenant.
func NewClient(p *Portal, email string, admin bool) (*Client, error) {
	tok, err := p.Token(email, admin)
	if err != nil {
		return nil, err
	}
	return &Client{base: p.URL, token: tok, http: &http.Client{Timeout: time.Minute}}, nil
}

// Do sends a request and fails unless it answers want.
func (c *Client) Do(ctx context.Context, want int, method, path, contentType, body string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, strings.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "Bearer "+c.token)
	if body != "" {
		req.Header.Set("Content-Type", contentType)
	}
	res, err := c.http.Do(req)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err == nil && res.StatusCode != want {
		err = fmt.Errorf("%s %s: status %d, want %d: %.300s", method, path, res.StatusCode, want, b)
	}
	return b, err
}

// Import posts an NDJSON file to POST /admin/import and fails on any
// line's error.
func (c *Client) Import(ctx context.Context, ndjson string) error {
	b, err := c.Do(ctx, http.StatusOK, http.MethodPost, "/admin/import", "application/x-ndjson", ndjson)
	if err != nil {
		return err
	}
	var rep struct {
		Errors []json.RawMessage `json:"errors"`
	}
	if err := json.Unmarshal(b, &rep); err != nil {
		return err
	}
	if len(rep.Errors) > 0 {
		return fmt.Errorf("import: %d lines refused, first: %s", len(rep.Errors), rep.Errors[0])
	}
	return nil
}
