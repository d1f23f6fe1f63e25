// Command build cross-compiles every Lambda function for linux/arm64
// (provided.al2023) into .build/<name>/bootstrap and .build/<name>.zip,
// on all cores, and reports each size. Run from the module root:
// go run ./internal/lambdaapp/build (make build).
package main

import (
	"archive/zip"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"sync"

	"github.com/personaportal/portal/internal/operations"
)

// Flags are the build flags of every function (DESIGN.md quality bars).
var Flags = []string{"-tags", "lambda.norpc", "-trimpath", "-ldflags", "-s -w"}

type result struct {
	name      string
	size, zip int64
	err       error
}

func main() {
	names := make([]string, 0, len(operations.Functions()))
	for _, op := range operations.Functions() {
		names = append(names, op.Name)
	}
	jobs := make(chan string)
	results := make(chan result)
	var wg sync.WaitGroup
	for range runtime.NumCPU() {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for name := range jobs {
				results <- build(name)
			}
		}()
	}
	go func() {
		for _, n := range names {
			jobs <- n
		}
		close(jobs)
		wg.Wait()
		close(results)
	}()
	var all []result
	failed := false
	for r := range results {
		if r.err != nil {
			fmt.Fprintf(os.Stderr, "%s: %v\n", r.name, r.err)
			failed = true
		}
		all = append(all, r)
	}
	if failed {
		os.Exit(1)
	}
	sort.Slice(all, func(i, j int) bool { return all[i].size > all[j].size })
	fmt.Printf("%-30s %12s %12s\n", "function", "bootstrap", "zip")
	for _, r := range all {
		fmt.Printf("%-30s %12d %12d\n", r.name, r.size, r.zip)
	}
	fmt.Printf("%d functions built (GOOS=linux GOARCH=arm64 CGO_ENABLED=0 %v); largest bootstrap: %s, %.1f MiB\n",
		len(all), Flags, all[0].name, float64(all[0].size)/(1<<20))
}

func build(name string) result {
	r := result{name: name}
	dir := filepath.Join(".build", name)
	if r.err = os.MkdirAll(dir, 0o755); r.err != nil {
		return r
	}
	bin := filepath.Join(dir, "bootstrap")
	cmd := exec.Command("go", append(append([]string{"build"}, Flags...), "-o", bin, "./functions/"+name)...)
	cmd.Env = append(os.Environ(), "GOOS=linux", "GOARCH=arm64", "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		r.err = fmt.Errorf("%v: %s", err, out)
		return r
	}
	st, err := os.Stat(bin)
	if err != nil {
		r.err = err
		return r
	}
	r.size = st.Size()
	zipPath := filepath.Join(".build", name+".zip")
	r.zip, r.err = zipBootstrap(bin, zipPath)
	return r
}

// zipBootstrap writes the deployment package: bootstrap at the root, executable.
func zipBootstrap(bin, zipPath string) (int64, error) {
	f, err := os.Create(zipPath)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	zw := zip.NewWriter(f)
	h := &zip.FileHeader{Name: "bootstrap", Method: zip.Deflate}
	h.SetMode(0o755)
	w, err := zw.CreateHeader(h)
	if err != nil {
		return 0, err
	}
	src, err := os.Open(bin)
	if err != nil {
		return 0, err
	}
	defer src.Close()
	if _, err := io.Copy(w, src); err != nil {
		return 0, err
	}
	if err := zw.Close(); err != nil {
		return 0, err
	}
	st, err := f.Stat()
	if err != nil {
		return 0, err
	}
	return st.Size(), nil
}
