// Command gen writes what is derived from the operations table: a
// functions/<operation>/main.go and a sample event events/<operation>.json
// per operation. Run from the module root: go run ./internal/lambdaapp/gen
// (make generate).
package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/personaportal/portal/internal/lambdaapp/source"
	"github.com/personaportal/portal/internal/operations"
	"github.com/personaportal/portal/internal/sampleevents"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run() error {
	keep := map[string]bool{"local": true}
	for _, op := range operations.Functions() {
		dir := filepath.Join("functions", op.Name)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, "main.go"), []byte(source.FunctionSource(op)), 0o644); err != nil {
			return err
		}
		keep[op.Name] = true
		if b, ok := sampleevents.File(op); ok {
			if err := os.WriteFile(filepath.Join("events", op.Name+".json"), b, 0o644); err != nil {
				return err
			}
		} else {
			fmt.Println("no sample for", op.Name, "(add it to internal/sampleevents.Specs)")
		}
	}
	entries, err := os.ReadDir("functions")
	if err != nil {
		return err
	}
	for _, e := range entries {
		if e.IsDir() && !keep[e.Name()] {
			fmt.Println("removing", e.Name(), "(no such operation)")
			if err := os.RemoveAll(filepath.Join("functions", e.Name())); err != nil {
				return err
			}
		}
	}
	fmt.Printf("wrote %d function folders\n", len(operations.Functions()))
	return nil
}
