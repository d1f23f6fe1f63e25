package auth

import (
	"regexp"
	"testing"
)

// ValidTenant is the expression the API documents, written as a loop.
func FuzzValidTenantMatchesItsExpression(f *testing.F) {
	re := regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$`)
	for _, s := range []string{"", "acme", "a", "-a", "a-", "A.b_c-9", "é", "a\x00", "a b", "acme\n",
		"a123456789012345678901234567890123456789012345678901234567890123", "a1234567890123456789012345678901234567890123456789012345678901234"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := ValidTenant(s), re.MatchString(s); got != want {
			t.Fatalf("ValidTenant(%q) = %v, the expression says %v", s, got, want)
		}
	})
}
