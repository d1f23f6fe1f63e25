package lambdabuild

import (
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
)

// BenchmarkInit measures each function's cold start as Lambda sees it: from
// starting the process (built with the release flags for this machine) to
// its first request for an event from the Runtime API. Each iteration also
// starts floor-sdk (outside the timer), so x-floor compares the two under
// the same load. The environment is Lambda's: region and role credentials,
// no endpoints; a function that opened a connection at init would show as
// a failed start, as nothing else listens.
func BenchmarkInit(b *testing.B) {
	dir := b.TempDir()
	results, err := Build(Options{Root: filepath.Join("..", ".."), Dir: dir, GOARCH: runtime.GOARCH}, Targets())
	if err != nil {
		b.Fatal(err)
	}
	var floor string
	for _, r := range results {
		if r.Name == FloorSDK {
			floor = r.Path
		}
	}
	home := b.TempDir() // no shared config files, as in Lambda
	for _, r := range results {
		if r.Name == FloorHello {
			continue // not a Lambda function: it never asks for an event
		}
		b.Run(r.Name, func(b *testing.B) {
			var fn, fl []time.Duration
			for b.Loop() {
				fn = append(fn, startToReady(b, r.Path, r.Name, home))
				b.StopTimer()
				fl = append(fl, startToReady(b, floor, FloorSDK, home))
				b.StartTimer()
			}
			// Medians: a start that lands on a busy core is noise, not init.
			m, f := median(fn), median(fl)
			b.ReportMetric(float64(m.Microseconds())/1000, "ms/init")
			b.ReportMetric(float64(f.Microseconds())/1000, "floor-ms/init")
			b.ReportMetric(float64(m)/float64(f), "x-floor")
		})
	}
}

func median(ds []time.Duration) time.Duration {
	slices.Sort(ds)
	return ds[len(ds)/2]
}

// startToReady starts a bootstrap against a fake Runtime API and returns
// how long it took to ask for its first event.
func startToReady(b *testing.B, bin, name, home string) time.Duration {
	ready := make(chan struct{}, 1)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/invocation/next") {
			select {
			case ready <- struct{}{}:
			default:
			}
			<-r.Context().Done() // no event ever comes
			return
		}
		w.WriteHeader(http.StatusNotFound)
	})}
	go func() { _ = srv.Serve(ln) }()
	defer srv.Close()
	cmd := exec.Command(bin)
	cmd.Env = []string{"AWS_LAMBDA_RUNTIME_API=" + ln.Addr().String(), "AWS_LAMBDA_FUNCTION_NAME=" + name,
		"AWS_REGION=eu-west-1", "AWS_ACCESS_KEY_ID=AKIAEXAMPLE", "AWS_SECRET_ACCESS_KEY=secret", "AWS_SESSION_TOKEN=token",
		"TABLE_NAME=portal", "PROVISION_FUNCTION=provision-identity", "MAIL_FROM=no-reply@portal.test", "HOME=" + home,
		"PATH=" + os.Getenv("PATH")}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	var took time.Duration
	select {
	case <-ready:
		took = time.Since(start)
	case err := <-exited:
		b.Fatalf("%s exited before asking for an event: %v", name, err)
	case <-time.After(10 * time.Second):
		b.Fatalf("%s did not ask for an event within 10 s", name)
	}
	_ = cmd.Process.Kill()
	<-exited
	return took
}
