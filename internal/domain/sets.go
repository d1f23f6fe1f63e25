package domain

import "slices"

// SortedSet returns the distinct values of in, sorted; never nil, so it
// encodes as [] rather than null.
func SortedSet(in []string) []string {
	out := append([]string{}, in...)
	slices.Sort(out)
	return slices.Compact(out)
}

// Subset reports whether every value of a is in b.
func Subset(a, b []string) bool {
	for _, v := range a {
		if !slices.Contains(b, v) {
			return false
		}
	}
	return true
}
