// Command check fails when the repository tracks an executable binary or a
// file over 1 MB (make lint runs it).
package main

import (
	"fmt"
	"os"

	"github.com/personaportal/portal/internal/repofiles"
)

func main() {
	paths, err := repofiles.Tracked(".")
	if err == nil {
		var bad []string
		if bad, err = repofiles.Check(".", paths); err == nil && len(bad) > 0 {
			for _, b := range bad {
				fmt.Fprintln(os.Stderr, "tracked file refused:", b)
			}
			os.Exit(1)
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
