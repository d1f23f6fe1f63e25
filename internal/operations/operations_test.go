package operations

import (
	"net/http"
	"regexp"
	"slices"
	"testing"

	"github.com/personaportal/portal/internal/httpapi"
)

var nameRE = regexp.MustCompile(`^[a-z][a-z0-9-]{1,62}$`)

func TestTheTableIsWellFormed(t *testing.T) {
	names, patterns := map[string]bool{}, map[string]bool{}
	mux := http.NewServeMux()
	for _, o := range Invoked {
		if o.Method != "" || o.Path != "" || o.Handler != nil || !slices.Contains(o.Needs, TableWrite) {
			t.Errorf("invoked function %s must serve no route and may write", o.Name)
		}
	}
	for _, o := range Functions() {
		if !nameRE.MatchString(o.Name) || names[o.Name] {
			t.Errorf("name %q is malformed or repeated (it names a folder under functions/)", o.Name)
		}
		names[o.Name] = true
	}
	names = map[string]bool{}
	for _, o := range All {
		if !nameRE.MatchString(o.Name) || names[o.Name] {
			t.Errorf("name %q is malformed or repeated (it names a folder under functions/)", o.Name)
		}
		if patterns[o.Pattern()] {
			t.Errorf("route %s appears twice", o.Pattern())
		}
		names[o.Name], patterns[o.Pattern()] = true, true
		if o.Handler == nil {
			t.Errorf("%s has no handler", o.Name)
		}
		if o.Role != httpapi.Public && len(o.Needs) == 0 {
			t.Errorf("%s reads the table to authenticate but needs nothing", o.Name)
		}
		for _, n := range o.Needs {
			if n == TableWrite && o.Method == "GET" {
				t.Errorf("%s is a GET with a write grant", o.Name)
			}
		}
		if o.Role == httpapi.TenantAdmin && len(o.Path) < 7 || (o.Role == httpapi.TenantAdmin && o.Path[:7] != "/admin/") {
			t.Errorf("%s is tenant-admin only but not under /admin/", o.Name)
		}
	}
	// Mount panics on a malformed or conflicting pattern.
	Mount(mux, &httpapi.API{}, All...)
	if _, ok := Find("get-me"); !ok {
		t.Fatal("Find")
	}
	if _, ok := Find("nope"); ok {
		t.Fatal("Find found a ghost")
	}
}
