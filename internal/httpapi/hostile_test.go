package httpapi_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/personaportal/portal/internal/apitest"
	"github.com/personaportal/portal/internal/operations"
)

// hostileValues are query and path values a probe sends: too long for a
// DynamoDB key, invalid UTF-8, control and bidi characters, traversal.
var hostileValues = []string{
	"", "%00", "%ff%fe", "%e2%80%ae", "..", "%2e%2e%2f", strings.Repeat("a", 3000), strings.Repeat("%C3%A9", 1500),
	"-1", "99999999999999999999", "true%0d%0aX-Injected:%201", "%7B%7D", "null",
}

var wildcard = regexp.MustCompile(`\{[a-z_]+\}`)

// No query or path value gives a 5xx on any read route, for any role.
func TestNoHostileQueryOrPathValueGivesA5xx(t *testing.T) {
	t.Parallel()
	h := apitest.NewDemo(t)
	d := h.DemoIDs()
	params := []string{"q", "status", "type", "scope", "email", "preferred", "limit", "cursor", "from", "to",
		"user_id", "direction", "history_days", "dry_run"}
	for _, op := range operations.All {
		if op.Method != "GET" || op.Path == "" {
			continue
		}
		for _, tok := range []string{d.Admin, d.Bob, d.Alice} {
			for _, v := range hostileValues {
				path := wildcard.ReplaceAllString(op.Path, v)
				if v == "" || strings.Contains(v, "..") || strings.Contains(v, "%2f") {
					path = op.Path // keep the route; the value goes in the query only
				}
				var qs []string
				for _, p := range params {
					qs = append(qs, p+"="+v)
				}
				for _, target := range []string{path + "?" + strings.Join(qs, "&"), path} {
					if r := h.Do(tok, "GET", target, nil); r.Status >= 500 {
						t.Errorf("%s GET %s: %d %s", op.Name, shorten(target), r.Status, r.Raw)
					}
				}
			}
			for _, p := range params {
				if r := h.Do(tok, "GET", wildcard.ReplaceAllString(op.Path, "x")+"?"+p+"="+strings.Repeat("%ff", 10), nil); r.Status >= 500 {
					t.Errorf("%s ?%s=<invalid UTF-8>: %d %s", op.Name, p, r.Status, r.Raw)
				}
			}
		}
	}
}

func shorten(s string) string {
	if len(s) > 120 {
		return fmt.Sprintf("%s…(%d bytes)", s[:120], len(s))
	}
	return s
}
