package store

import (
	"regexp"
	"testing"
)

// The scanner finds exactly the tokens of the expression it documents.
func FuzzReplaceTokensMatchesItsExpression(f *testing.F) {
	re := regexp.MustCompile(`[#:]?[a-z_][a-z0-9_]*(\s*\()?`)
	for _, s := range []string{"", "pk = :pk AND begins_with(sk, :p)", "#s = :v", "attribute_not_exists (pk)",
		"SET a1 = :a, #b = if_not_exists(b, :z)", "Ab#:x", "#", ":", "x \t\n(", "é_é", "a(", "#1a", "::a##b"} {
		f.Add(s)
	}
	mark := func(tok string) string { return "<" + tok + ">" }
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := replaceTokens(s, mark), re.ReplaceAllStringFunc(s, mark); got != want {
			t.Fatalf("replaceTokens(%q) = %q, the expression gives %q", s, got, want)
		}
	})
}
