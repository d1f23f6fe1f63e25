package main

import (
	"encoding/json"
	"net/http"
	neturl "net/url"
	"strings"
	"testing"
	"time"
)

// send is one request whose status the caller checks.
func send(t *testing.T, method, url, token, body string) (int, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest(method, url, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var m map[string]any
	_ = json.NewDecoder(res.Body).Decode(&m)
	return res.StatusCode, m
}

// Moving the clock ahead makes a magic link expire as time would, through
// the real expiry check; tokens signed after the move are valid; moving it
// back to 0 undoes it.
func TestTheDevClockMovesTheServersTimeAhead(t *testing.T) {
	url, stop := startLocal(t, t.TempDir())
	defer stop()
	login := func(email string, admin bool) string {
		body := `{"email":"` + email + `","tenant":"demo"}`
		if admin {
			body = `{"email":"` + email + `","tenant":"demo","admin":true}`
		}
		return post(t, url+"/dev/login", "", body)["access_token"].(string)
	}
	admin := login("admin@demo.test", true)
	if s, m := send(t, "PUT", url+"/admin/settings", admin, `{"magic_link_ttl_hours":1}`); s != 200 {
		t.Fatalf("settings: %d %v", s, m)
	}
	inv := post(t, url+"/persona-invitations", login("bob@acme.test", false),
		`{"type":"customer","scope":["company:globex"],"user_email":"carol@globex.test","send_email":false}`)
	link := url + "/magic-links/" + inv["magic_link"].(string)[strings.LastIndex(inv["magic_link"].(string), "/")+1:]
	if s, m := send(t, "GET", link, login("carol@globex.test", false), ""); s != 200 {
		t.Fatalf("a fresh link: %d %v", s, m)
	}

	before := time.Now()
	s, moved := send(t, "POST", url+devClockPath, "", `{"offset_seconds":3660}`)
	if s != 200 || moved["offset_seconds"] != float64(3660) {
		t.Fatalf("move: %d %v", s, moved)
	}
	if now, err := time.Parse(time.RFC3339, moved["now"].(string)); err != nil || now.Before(before.Add(61*time.Minute-time.Second)) {
		t.Fatalf("now %v (%v), want an hour and a minute ahead of %v", moved["now"], err, before)
	}
	// Signed at the server's time, so the API accepts it.
	s, gone := send(t, "GET", link, login("carol@globex.test", false), "")
	if msg, _ := gone["error"].(map[string]any)["message"].(string); s != 410 || msg != "this magic link has expired" {
		t.Fatalf("an hour and a minute later: %d %v", s, gone)
	}
	// So is the provider's access token (the portal's sign-in): it expires an
	// hour after the server's now, and the API takes it.
	d := discover(t, url)
	verifier, challenge := pkce()
	code := signIn(t, d, authParams(url+"/callback", challenge), neturl.Values{"user": {"carol@globex.test"}, "tenant": {"demo"}, "age": {"0"}})
	status, tk := exchange(t, d, code, url+"/callback", verifier)
	if status != 200 {
		t.Fatalf("token: %d %+v", status, tk)
	}
	if exp := time.Unix(int64(payload(t, tk.AccessToken)["exp"].(float64)), 0); !near(exp, before.Add(2*time.Hour+time.Minute)) {
		t.Fatalf("access token exp %v, want an hour after the moved clock", exp)
	}
	if s, m := send(t, "GET", url+"/me", tk.AccessToken, ""); s != 200 || m["email"] != "carol@globex.test" {
		t.Fatalf("/me with the provider's token: %d %v", s, m)
	}

	if s, m := send(t, "POST", url+devClockPath, "", `{"offset_seconds":0}`); s != 200 || m["offset_seconds"] != float64(0) {
		t.Fatalf("back: %d %v", s, m)
	}
	if s, m := send(t, "GET", link, login("carol@globex.test", false), ""); s != 200 {
		t.Fatalf("back to the wall clock: %d %v", s, m)
	}
}

func TestTheDevClockRefusesABadMove(t *testing.T) {
	url, stop := startLocal(t, t.TempDir())
	defer stop()
	for _, body := range []string{`{"offset_seconds":-1}`, `{"offset_seconds":31622401}`, `{"offset":5}`,
		`{"offset_seconds":"5"}`, `{"offset_seconds":5,"now":"2030-01-01T00:00:00Z"}`, `not json`, ``} {
		s, m := send(t, "POST", url+devClockPath, "", body)
		if code, _ := m["error"].(map[string]any)["code"].(string); s != 400 || code != "invalid_request" {
			t.Errorf("%s: %d %v", body, s, m)
		}
	}
	// Only POST moves it; the time is still the wall clock's.
	if s, _ := send(t, "GET", url+devClockPath, "", ""); s != 404 {
		t.Errorf("GET /dev/clock: %d, want 404", s)
	}
	s, m := send(t, "POST", url+devClockPath, "", `{"offset_seconds":0}`)
	if now, err := time.Parse(time.RFC3339, m["now"].(string)); s != 200 || err != nil || time.Since(now) > 5*time.Second || time.Until(now) > time.Second {
		t.Fatalf("%d %v", s, m)
	}
}
