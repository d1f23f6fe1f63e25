package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

// startLocal runs the local server in the background and returns its URL
// and a stop function that waits for the clean shutdown.
func startLocal(t *testing.T, data string) (string, func()) {
	t.Helper()
	return startLocalAt(t, data, "127.0.0.1:0")
}

// startLocalAt is startLocal on a given address.
func startLocalAt(t *testing.T, data, addr string) (string, func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"--addr", addr, "--data", data}, pw)
		pw.Close()
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatalf("no banner: %v", err)
	}
	go func() { _, _ = io.Copy(io.Discard, pr) }()
	if !strings.Contains(line, "listening on http://") {
		t.Fatalf("banner: %q", line)
	}
	url := strings.TrimSpace(line[strings.Index(line, "http://"):])
	return url, func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("shutdown: %v", err)
			}
		case <-time.After(10 * time.Second):
			t.Fatal("no clean shutdown")
		}
	}
}

func post(t *testing.T, url, token, body string) map[string]any {
	t.Helper()
	req, _ := http.NewRequest("POST", url, bytes.NewReader([]byte(body)))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	return do(t, req)
}

func do(t *testing.T, req *http.Request) map[string]any {
	t.Helper()
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var m map[string]any
	_ = json.NewDecoder(res.Body).Decode(&m)
	if res.StatusCode >= 300 {
		t.Fatalf("%s %s: %d %v", req.Method, req.URL, res.StatusCode, m)
	}
	return m
}

func TestDataSurvivesARestartAndTokensStayValid(t *testing.T) {
	data := t.TempDir()
	url, stop := startLocal(t, data)
	admin := post(t, url+"/dev/login", "", `{"email":"admin@demo.test","tenant":"demo","admin":true}`)["access_token"].(string)
	created := post(t, url+"/admin/users", admin, `{"email":"kept@acme.test","given_name":"Kept"}`)
	stop()

	// Same address, so the same issuer (the token's iss names the server);
	// the key came back from the data directory.
	url, stop = startLocalAt(t, data, strings.TrimPrefix(url, "http://"))
	defer stop()
	req, _ := http.NewRequest("GET", url+"/admin/users/"+created["id"].(string), nil)
	req.Header.Set("Authorization", "Bearer "+admin) // signed before the restart
	if got := do(t, req); got["given_name"] != "Kept" {
		t.Fatalf("after restart: %v", got)
	}
	// The demo tenant was seeded once, not again on the restart.
	req, _ = http.NewRequest("GET", url+"/admin/users?q=alice", nil)
	req.Header.Set("Authorization", "Bearer "+admin)
	if items := do(t, req)["items"].([]any); len(items) != 1 {
		t.Fatalf("%d alices after a restart", len(items))
	}
}

func TestABadSeedFlagIsRefused(t *testing.T) {
	if err := run(context.Background(), []string{"--seed", "bogus"}, io.Discard); err == nil {
		t.Fatal("a bad --seed was accepted")
	}
}

// A tenant without its own portal_base_url gets links at this server.
func TestLinksOfATenantWithoutPortalBaseURLPointAtTheServer(t *testing.T) {
	url, stop := startLocal(t, t.TempDir())
	defer stop()
	login := func(body string) string { return post(t, url+"/dev/login", "", body)["access_token"].(string) }
	admin := login(`{"email":"admin@demo.test","tenant":"demo","admin":true}`)
	req, _ := http.NewRequest("PUT", url+"/admin/settings", strings.NewReader(`{"portal_base_url":""}`))
	req.Header.Set("Authorization", "Bearer "+admin)
	req.Header.Set("Content-Type", "application/json")
	do(t, req)
	bob := login(`{"email":"bob@acme.test","tenant":"demo"}`)
	inv := post(t, url+"/persona-invitations", bob,
		`{"type":"customer","scope":["company:globex"],"user_email":"carol@globex.test","send_email":false}`)
	if link, _ := inv["magic_link"].(string); !strings.HasPrefix(link, url+"/magic/") {
		t.Fatalf("magic link %q, want it under %s", link, url)
	}
}
