// Package lambdabuild builds the Lambda functions, and in the same run the
// floors they are measured against, and checks what each binary links.
//
// The floors (floor/): floor-hello does nothing; floor-sdk links what any
// function must (aws-lambda-go, the SDK's default configuration, the
// DynamoDB and SES v2 clients, the API Gateway proxy adapter) and does
// nothing. Every function is held to 1.25× floor-sdk in size (make build,
// TestEveryFunctionIsLean) and in cold start (make bench, BenchmarkInit).
package lambdabuild

import (
	"archive/zip"
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/personaportal/portal/internal/lambdaapp/source"
	"github.com/personaportal/portal/internal/operations"
)

// Flags are the release build flags of every function (DESIGN.md quality
// bars): no RPC runtime, reproducible paths, and the linker flags.
var Flags = []string{"-tags", "lambda.norpc", "-trimpath"}

// LDFlags leave out the symbol table and DWARF.
const LDFlags = "-s -w"

// MaxRatio is the most a function may weigh, in size and in cold start,
// against floor-sdk.
const MaxRatio = 1.25

// The floors' names.
const (
	FloorHello = "floor-hello"
	FloorSDK   = "floor-sdk"
)

// Target is one program to build: a function or a floor.
type Target struct {
	Name    string
	Package string // ./functions/<name> or ./internal/lambdabuild/floor/...
	Floor   bool
	// Handler is the linker symbol of the function's own handler method
	// ("" for floors and jobs).
	Handler string
}

// Targets lists the floors, then every function of the operations table.
func Targets() []Target {
	ts := []Target{
		{Name: FloorHello, Package: "./internal/lambdabuild/floor/hello", Floor: true},
		{Name: FloorSDK, Package: "./internal/lambdabuild/floor/sdk", Floor: true},
	}
	for _, op := range operations.Functions() {
		t := Target{Name: op.Name, Package: "./functions/" + op.Name}
		if op.Handler != nil {
			t.Handler = source.HandlerSymbol(op)
		}
		ts = append(ts, t)
	}
	return ts
}

// Handlers maps every handler method's linker symbol to its operation.
func Handlers() map[string]string {
	m := map[string]string{}
	for _, op := range operations.All {
		m[source.HandlerSymbol(op)] = op.Name
	}
	return m
}

// Options say how to build.
type Options struct {
	Root   string // the module root
	Dir    string // where <name>/bootstrap (functions) and floor/<name>/bootstrap go
	GOARCH string // arm64 for Lambda; the host's to run them here
	Zip    bool   // also write <name>.zip (the deployment package) beside each function's folder
	// Links records which handler methods each binary links (from the
	// linker's dependency dump, in the same link).
	Links bool
}

// Result is one built program.
type Result struct {
	Target
	Path  string
	Bytes int64
	Zip   int64
	// Links holds the operations whose handler methods the binary links
	// (Options.Links).
	Links []string
}

// Build builds the targets on all cores and returns their results in the
// targets' order.
func Build(o Options, targets []Target) ([]Result, error) {
	results := make([]Result, len(targets))
	errs := make([]error, len(targets))
	handlers := Handlers()
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range runtime.NumCPU() {
		wg.Go(func() {
			for i := range jobs {
				results[i], errs[i] = build(o, targets[i], handlers)
			}
		})
	}
	for i := range targets {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			return nil, fmt.Errorf("%s: %w", targets[i].Name, err)
		}
	}
	return results, nil
}

func build(o Options, t Target, handlers map[string]string) (Result, error) {
	r := Result{Target: t}
	dir := filepath.Join(o.Dir, t.Name)
	if t.Floor {
		dir = filepath.Join(o.Dir, "floor", t.Name)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return r, err
	}
	r.Path = filepath.Join(dir, "bootstrap")
	ldflags := LDFlags
	if o.Links {
		ldflags += " -dumpdep" // the reachable symbols, to stderr, from the same link
	}
	flags := append(slices.Clone(Flags), "-ldflags", ldflags)
	cmd := exec.Command("go", append(append([]string{"build"}, flags...), "-o", r.Path, t.Package)...)
	cmd.Dir = o.Root
	cmd.Env = append(os.Environ(), "GOOS=linux", "GOARCH="+o.GOARCH, "CGO_ENABLED=0")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return r, fmt.Errorf("%v: %.2000s", err, stderr.String())
	}
	if o.Links {
		r.Links = linked(&stderr, handlers)
	}
	st, err := os.Stat(r.Path)
	if err != nil {
		return r, err
	}
	r.Bytes = st.Size()
	if o.Zip && !t.Floor {
		if r.Zip, err = zipBootstrap(r.Path, filepath.Join(o.Dir, t.Name+".zip")); err != nil {
			return r, err
		}
	}
	return r, nil
}

// linked reads the linker's dependency dump (lines "from -> to" of every
// reachable symbol) and returns the operations whose handler it names.
func linked(dump io.Reader, handlers map[string]string) []string {
	found := map[string]bool{}
	sc := bufio.NewScanner(dump)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		_, to, ok := strings.Cut(sc.Text(), " -> ")
		if !ok {
			continue
		}
		// The linker marks a method value's symbol with a suffix (-fm).
		to, _, _ = strings.Cut(to, "-")
		if op, ok := handlers[strings.TrimSpace(to)]; ok {
			found[op] = true
		}
	}
	out := make([]string, 0, len(found))
	for op := range found {
		out = append(out, op)
	}
	slices.Sort(out)
	return out
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

// Foreign lists the operations other than its own whose handlers a
// function links (Options.Links).
func Foreign(r Result) []string {
	var out []string
	for _, op := range r.Links {
		if op != r.Name {
			out = append(out, op)
		}
	}
	return out
}
