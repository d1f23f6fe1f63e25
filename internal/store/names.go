package store

import "strings"

// DynamoDB reserves hundreds of words (status, timezone, name, type, ...).
// Rather than remember which, every attribute name in the store's
// expressions is replaced by a #placeholder here. Expressions are written
// with lower-case attribute names, upper-case keywords, :values and
// lower-case function calls. The tokens are those of the expression
// [#:]?[a-z_][a-z0-9_]*(\s*\()? matched left to right; every request
// builds expressions, so this is a scanner rather than a regular
// expression compiled at cold start (a fuzz test holds the two equal).

// aliasNames rewrites the expressions in place and returns the names map
// (merged into names, which may be nil).
func aliasNames(names map[string]string, exprs ...*string) map[string]string {
	for _, e := range exprs {
		if e == nil || *e == "" {
			continue
		}
		*e = replaceTokens(*e, func(tok string) string {
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

// replaceTokens replaces each token of s by f(token).
func replaceTokens(s string, f func(string) string) string {
	var b strings.Builder
	b.Grow(len(s) + 16)
	for i := 0; i < len(s); {
		start := i
		if (s[i] == '#' || s[i] == ':') && i+1 < len(s) && nameStart(s[i+1]) {
			i++
		}
		if !nameStart(s[i]) {
			b.WriteByte(s[i])
			i++
			continue
		}
		for i++; i < len(s) && (nameStart(s[i]) || '0' <= s[i] && s[i] <= '9'); i++ {
		}
		j := i
		for j < len(s) && strings.IndexByte(" \t\n\f\r", s[j]) >= 0 {
			j++
		}
		if j < len(s) && s[j] == '(' {
			i = j + 1
		}
		b.WriteString(f(s[start:i]))
	}
	return b.String()
}

func nameStart(c byte) bool { return 'a' <= c && c <= 'z' || c == '_' }
