package lambdaapp_test

import (
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/personaportal/portal/internal/embedded"
	"github.com/personaportal/portal/internal/sampleevents"
	"github.com/personaportal/portal/internal/store"
)

// fakeRuntime is the Lambda Runtime API, as much of it as a function uses:
// it hands out one event and reports the function's answer.
type fakeRuntime struct {
	event    []byte
	mu       sync.Mutex
	answered chan string
	served   bool
}

func (f *fakeRuntime) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch {
	case strings.HasSuffix(r.URL.Path, "/invocation/next"):
		f.mu.Lock()
		first := !f.served
		f.served = true
		f.mu.Unlock()
		if !first {
			<-r.Context().Done() // the next invocation never comes
			return
		}
		w.Header().Set("Lambda-Runtime-Aws-Request-Id", "cold-start")
		w.Header().Set("Lambda-Runtime-Deadline-Ms", "9999999999999")
		w.Header().Set("Lambda-Runtime-Invoked-Function-Arn", "arn:aws:lambda:eu-west-1:123456789012:function:get-me")
		_, _ = w.Write(f.event)
	case strings.HasSuffix(r.URL.Path, "/response"), strings.HasSuffix(r.URL.Path, "/error"):
		b, _ := io.ReadAll(r.Body)
		w.WriteHeader(http.StatusAccepted)
		f.answered <- r.URL.Path + " " + string(b)
	default:
		w.WriteHeader(http.StatusNotFound)
	}
}

// BenchmarkColdStart measures, per iteration, the time from starting a
// function's process (the get-me bootstrap, built with the release flags
// for this machine's architecture) to its first answer through the Lambda
// Runtime API: process start, configuration, client construction, the
// request itself (2 round trips to the embedded DynamoDB) and the answer.
func BenchmarkColdStart(b *testing.B) {
	bin := filepath.Join(b.TempDir(), "bootstrap")
	build := exec.Command("go", "build", "-tags", "lambda.norpc", "-trimpath", "-ldflags", "-s -w", "-o", bin, "./functions/get-me")
	build.Dir, build.Env = filepath.Join("..", ".."), append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		b.Fatalf("build: %v: %s", err, out)
	}
	ctx := context.Background()
	db, err := embedded.Start(nil)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	client, err := db.Client(ctx, "portal", 1)
	if err != nil {
		b.Fatal(err)
	}
	if err := sampleevents.Fixture(ctx, store.New(client, "portal"), time.Now()); err != nil {
		b.Fatal(err)
	}
	event, err := os.ReadFile(filepath.Join(eventsDir, "get-me.json"))
	if err != nil {
		b.Fatal(err)
	}
	var total time.Duration
	b.ResetTimer()
	for b.Loop() {
		rt := &fakeRuntime{event: event, answered: make(chan string, 1)}
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			b.Fatal(err)
		}
		srv := &http.Server{Handler: rt}
		go func() { _ = srv.Serve(ln) }()
		cmd := exec.Command(bin)
		cmd.Env = []string{"AWS_LAMBDA_RUNTIME_API=" + ln.Addr().String(), "TABLE_NAME=portal", "DYNAMODB_ENDPOINT=" + db.URL,
			"AWS_REGION=eu-west-1", "AWS_LAMBDA_FUNCTION_NAME=get-me"}
		start := time.Now()
		if err := cmd.Start(); err != nil {
			b.Fatal(err)
		}
		var answer string
		select {
		case answer = <-rt.answered:
		case <-time.After(10 * time.Second):
			b.Fatal("no answer within 10 s")
		}
		total += time.Since(start)
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		_ = srv.Close()
		if !strings.Contains(answer, "/response") || !strings.Contains(answer, `"statusCode":200`) {
			b.Fatalf("the function answered: %s", answer)
		}
	}
	b.ReportMetric(float64(total.Microseconds())/1000/float64(b.N), "ms/first-answer")
}
