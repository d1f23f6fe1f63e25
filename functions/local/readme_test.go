package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/personaportal/portal/internal/apitest"
)

// The README's walkthroughs run top to bottom in one shell against a fresh
// local server, and every "# → …" line names a line the command above it
// prints. Nothing they write lands in the work tree.
func TestReadmeWalkthroughsRunAsWritten(t *testing.T) {
	for _, tool := range []string{"bash", "curl", "jq", "git"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("the README's walkthroughs need %s (a prerequisite the README names): %v", tool, err)
		}
	}
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	script := walkthroughScript(t, string(readme))
	url, stop := startLocal(t, t.TempDir())
	defer stop()
	// The walkthroughs talk to the server through a proxy that checks every
	// exchange against the OpenAPI document: traffic written by hand, not
	// by the HTTP tests, must agree with it too.
	proxy, problems := validatingProxy(t, url)
	defer proxy.Close()
	script = strings.ReplaceAll(script, "B=http://127.0.0.1:8080", "B="+proxy.URL)
	script = strings.ReplaceAll(script, "http://127.0.0.1:8080", url) // links name the server itself

	before := untracked(t, root)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "bash", "-c", "set -euo pipefail\n"+script)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "TMPDIR="+t.TempDir())
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		t.Fatalf("the walkthrough stopped: %v\n%s", err, out.String())
	}
	checkExpectations(t, script, out.String())
	if p := problems(); len(p) > 0 {
		t.Errorf("the walkthroughs' traffic disagrees with docs/openapi.json:\n%s", strings.Join(p, "\n"))
	}
	if after := untracked(t, root); after != before {
		t.Fatalf("the walkthrough left files in the work tree:\nbefore:\n%s\nafter:\n%s", before, after)
	}
}

var shBlock = regexp.MustCompile("(?s)```sh\n(.*?)```")

// walkthroughScript joins the sh blocks of the walkthrough sections (from
// "## Walkthrough" to the next "## " heading) and of "## Import and export users".
func walkthroughScript(t *testing.T, readme string) string {
	t.Helper()
	var parts []string
	for _, heading := range []string{"## Walkthrough", "## Import and export users"} {
		i := strings.Index(readme, heading)
		if i < 0 {
			t.Fatalf("README has no %q section", heading)
		}
		sec := readme[i+len(heading):]
		if j := strings.Index(sec, "\n## "); j >= 0 {
			sec = sec[:j]
		}
		for _, m := range shBlock.FindAllStringSubmatch(sec, -1) {
			parts = append(parts, m[1])
		}
	}
	if len(parts) < 4 {
		t.Fatalf("found %d sh blocks in the walkthroughs", len(parts))
	}
	return strings.Join(parts, "\n")
}

// checkExpectations finds each "# → text" line of the script, in order, as
// a line of the output.
func checkExpectations(t *testing.T, script, output string) {
	t.Helper()
	lines := strings.Split(output, "\n")
	at, n := 0, 0
	for _, l := range strings.Split(script, "\n") {
		want, ok := strings.CutPrefix(strings.TrimSpace(l), "# → ")
		if !ok {
			continue
		}
		n++
		found := false
		for i := at; i < len(lines); i++ {
			if strings.TrimSpace(lines[i]) == want {
				at, found = i+1, true
				break
			}
		}
		if !found {
			t.Errorf("expected output line not found (after output line %d): %s", at, want)
		}
	}
	if n < 20 {
		t.Fatalf("only %d expectations in the walkthroughs", n)
	}
	if t.Failed() {
		t.Logf("output:\n%s", output)
	}
}

func untracked(t *testing.T, root string) string {
	t.Helper()
	cmd := exec.Command("git", "status", "--porcelain", "--untracked-files=all")
	cmd.Dir = root
	b, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	var keep []string
	for _, l := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(l, "??") {
			keep = append(keep, l)
		}
	}
	return strings.Join(keep, "\n")
}

// validatingProxy forwards to target and checks each exchange with
// apitest.CheckContract; problems returns what disagreed.
func validatingProxy(t *testing.T, target string) (*httptest.Server, func() []string) {
	t.Helper()
	var mu sync.Mutex
	var found []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		out, err := http.NewRequestWithContext(r.Context(), r.Method, target+r.URL.RequestURI(), bytes.NewReader(body))
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		out.Header = r.Header.Clone()
		res, err := http.DefaultClient.Do(out)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		defer res.Body.Close()
		resBody, _ := io.ReadAll(res.Body)
		if p := apitest.CheckContract(r, body, res.StatusCode, res.Header, resBody); len(p) > 0 {
			mu.Lock()
			found = append(found, fmt.Sprintf("%s %s → %d: %s", r.Method, r.URL.Path, res.StatusCode, strings.Join(p, "; ")))
			mu.Unlock()
		}
		for k, v := range res.Header {
			w.Header()[k] = v
		}
		w.WriteHeader(res.StatusCode)
		_, _ = w.Write(resBody)
	}))
	return srv, func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), found...)
	}
}
