// Package lazyre compiles a regular expression on its first use rather
// than at package initialisation: a Lambda function's cold start then pays
// only for the expressions its operation uses.
package lazyre

import (
	"regexp"
	"sync"
)

// New returns the compiled expression on first call (and panics then, as
// regexp.MustCompile does, on a bad pattern; each package's tests use
// every one of its expressions).
func New(pattern string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(pattern) })
}
