// Command build cross-compiles every Lambda function for linux/arm64
// (provided.al2023) into .build/<name>/bootstrap and .build/<name>.zip, and
// the floors into .build/floor/, on all cores; it prints each function's
// size against floor-sdk, writes .build/sizes.json, and fails when a
// function is over the goal or links another operation's handler. Run from
// the module root: go run ./internal/lambdaapp/build (make build).
package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/personaportal/portal/internal/lambdabuild"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "build:", err)
		os.Exit(1)
	}
}

func run() error {
	dir := ".build"
	results, err := lambdabuild.Build(lambdabuild.Options{Root: ".", Dir: dir, GOARCH: "arm64", Zip: true, Links: true}, lambdabuild.Targets())
	if err != nil {
		return err
	}
	sizes := lambdabuild.Summarize("arm64", results)
	sizes.Print(os.Stdout)
	if err := sizes.Write(filepath.Join(dir, "sizes.json")); err != nil {
		return err
	}
	for _, r := range results {
		if bad := lambdabuild.Foreign(r); len(bad) > 0 {
			return fmt.Errorf("%s links the handlers of %v", r.Name, bad)
		}
	}
	if over := sizes.Over(); len(over) > 0 {
		return fmt.Errorf("%d functions over %.2f× floor-sdk, the largest %s at %.3f×", len(over), lambdabuild.MaxRatio, over[0].Name, over[0].Ratio)
	}
	return nil
}
