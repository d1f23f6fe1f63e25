package store

import (
	"regexp"
	"strings"
)

// DynamoDB reserves hundreds of words (status, timezone, name, type, ...).
// Rather than remember which, every attribute name in the store's
// expressions is replaced by a #placeholder here. Expressions are written
// with lower-case attribute names, upper-case keywords, :values and
// lower-case function calls.

var identRE = regexp.MustCompile(`[#:]?[a-z_][a-z0-9_]*(\s*\()?`)

// aliasNames rewrites the expressions in place and returns the names map
// (merged into names, which may be nil).
func aliasNames(names map[string]string, exprs ...*string) map[string]string {
	for _, e := range exprs {
		if e == nil || *e == "" {
			continue
		}
		*e = identRE.ReplaceAllStringFunc(*e, func(tok string) string {
			if strings.HasPrefix(tok, "#") || strings.HasPrefix(tok, ":") || strings.HasSuffix(tok, "(") {
				return tok // placeholder, value, or function call
			}
			if names == nil {
				names = map[string]string{}
			}
			alias := "#" + tok
			names[alias] = tok
			return alias
		})
	}
	return names
}
