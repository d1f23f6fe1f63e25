// Command gen writes the OpenAPI document of every route the portal serves
// to docs/openapi.json. Run from the module root: go run
// ./internal/openapi/gen (make generate).
package main

import (
	"fmt"
	"os"

	"github.com/personaportal/portal/internal/localportal"
	"github.com/personaportal/portal/internal/openapi"
)

// Path is where the document is committed, from the module root.
const Path = "docs/openapi.json"

func main() {
	b, err := openapi.Generate(localportal.Operations())
	if err == nil {
		err = os.WriteFile(Path, b, 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "openapi gen:", err)
		os.Exit(1)
	}
	fmt.Println("wrote", Path)
}
