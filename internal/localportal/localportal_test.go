package localportal_test

import (
	"context"
	"crypto/rsa"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/personaportal/portal/internal/auth/jwtauth"
	"github.com/personaportal/portal/internal/devoidc"
	"github.com/personaportal/portal/internal/localportal"
	"github.com/personaportal/portal/internal/openapi"
)

var param = regexp.MustCompile(`\{[^}]+\}`)

// The provider's paths and the API's never overlap: every route of the
// operations table and of the local-only list (with its parameters filled
// in) reaches none of the provider's handlers, and every provider path
// reaches none of the API's.
func TestProviderPathsNeverCollideWithTheAPI(t *testing.T) {
	p, err := devoidc.New(devoidc.Config{BaseURL: "http://127.0.0.1:8080", Key: testKey(t)})
	if err != nil {
		t.Fatal(err)
	}
	oidcMux := http.NewServeMux()
	p.Mount(oidcMux)
	apiMux := http.NewServeMux()
	for _, o := range localportal.Operations() {
		apiMux.HandleFunc(o.Pattern(), func(http.ResponseWriter, *http.Request) {})
		path := param.ReplaceAllString(o.Path, "x")
		if path == devoidc.PathPrefix || strings.HasPrefix(path, devoidc.PathPrefix+"/") {
			t.Errorf("%s %s is under the provider's prefix %s", o.Method, o.Path, devoidc.PathPrefix)
		}
		if _, pattern := oidcMux.Handler(httptest.NewRequest(o.Method, path, nil)); pattern != "" {
			t.Errorf("%s %s reaches the provider's %q", o.Method, o.Path, pattern)
		}
	}
	for _, r := range devoidc.Routes {
		for _, method := range []string{"GET", "POST"} {
			if _, pattern := apiMux.Handler(httptest.NewRequest(method, devoidc.PathPrefix+r, nil)); pattern != "" {
				t.Errorf("%s %s%s reaches the API's %q", method, devoidc.PathPrefix, r, pattern)
			}
		}
	}
}

// The provider's routes are left out of the OpenAPI document: OpenID
// Connect Discovery describes them, they answer OAuth's errors rather than
// the API's, and the portal calls them through an OIDC client library, not
// the client generated from the document. The document says where they are.
func TestTheOpenAPIDocumentLeavesTheProviderToDiscovery(t *testing.T) {
	doc, err := openapi.Generate(localportal.Operations())
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(doc), `"`+devoidc.PathPrefix+`/`) {
		t.Fatalf("the document lists a path under %s", devoidc.PathPrefix)
	}
	if !strings.Contains(string(doc), devoidc.PathPrefix+"/.well-known/openid-configuration") {
		t.Fatal("the document does not say where the provider's discovery document is")
	}
}

// The Lambda functions never carry the development provider, nor the
// other local-only routes.
func TestNoLambdaFunctionImportsTheLocalOnlyPackages(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", `{{.ImportPath}}:{{join .Deps " "}}`, "../../functions/...").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	n := 0
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		pkg, deps, _ := strings.Cut(line, ":")
		if strings.HasSuffix(pkg, "/functions/local") {
			continue
		}
		n++
		for _, d := range strings.Fields(deps) {
			if strings.HasSuffix(d, "/internal/devoidc") || strings.HasSuffix(d, "/internal/devtools") ||
				strings.HasPrefix(d, "github.com/zitadel/") {
				t.Errorf("%s imports %s", pkg, d)
			}
		}
	}
	if n < 10 {
		t.Fatalf("only %d functions listed:\n%s", n, out)
	}
}

// A portal's dev tokens are verified through its provider's JWKS: the
// issuer is the provider's, the audience its client.
func TestDevLoginTokensAreTheProvidersTokens(t *testing.T) {
	p, err := localportal.New(context.Background(), localportal.Config{BaseURL: "http://127.0.0.1:9999"})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	tok, err := p.Issuer.Issue(jwtauth.DevLogin{Email: "A@X.test", Tenant: "demo"})
	if err != nil {
		t.Fatal(err)
	}
	claims, err := p.Auth.Verify(tok)
	if err != nil || claims["iss"] != "http://127.0.0.1:9999/oidc" || claims["aud"] != devoidc.ClientID || claims["sub"] != "dev|a@x.test" {
		t.Fatalf("%v %v", claims, err)
	}
	if p.Issuer.KeyID != p.OIDC.KeyID || p.Auth.Issuer != p.OIDC.Issuer {
		t.Fatalf("issuer %+v, provider %s %s", p.Issuer, p.OIDC.Issuer, p.OIDC.KeyID)
	}
}

func testKey(t *testing.T) *rsa.PrivateKey {
	k, err := devoidc.LoadOrCreateKey(filepath.Join(t.TempDir(), "key.pem"))
	if err != nil {
		t.Fatal(err)
	}
	return k
}
