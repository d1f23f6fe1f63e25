package devtools

import (
	"net/http"
	"os"
	"path/filepath"
)

// The reference page is Swagger UI (swagger-ui-dist, pinned in
// docs/reference/package.json and installed by npm ci from its lockfile,
// never committed): the local server serves the bundle from where npm put
// it, so the page loads nothing from any other origin.

// ReferenceCSP is the page's policy: scripts only from this server (the
// bundle and the page's own init.js, no inline script), the document
// fetched from here, nothing framed. Swagger UI sets inline styles, so
// styles alone allow 'unsafe-inline'.
const ReferenceCSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
	"connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

// RendererInstall is how to install the renderer when it is missing.
const RendererInstall = "make reference (npm ci in docs/reference)"

const referencePage = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Persona Portal API reference</title>
<link rel="stylesheet" href="/docs/api/assets/swagger-ui.css">
</head>
<body>
<div id="swagger-ui">
<p>Loading the API reference rendered from <a href="/openapi.json">/openapi.json</a>.
If this text stays, the renderer is not installed: run <code>` + RendererInstall + `</code>
(<code>make dev</code> does it on start).</p>
</div>
<script src="/docs/api/assets/swagger-ui-bundle.js"></script>
<script src="/docs/api/assets/init.js"></script>
</body>
</html>
`

// initScript starts Swagger UI on /openapi.json; served as a file so the
// page needs no inline script. validatorUrl: null keeps the page from
// sending the document to swagger.io's validator.
const initScript = `window.ui = SwaggerUIBundle({
  url: "/openapi.json",
  dom_id: "#swagger-ui",
  deepLinking: true,
  validatorUrl: null,
  presets: [SwaggerUIBundle.presets.apis],
  layout: "BaseLayout"
});
`

// rendererFiles are the files of the installed package the page loads.
var rendererFiles = map[string]string{
	"swagger-ui-bundle.js": "text/javascript; charset=utf-8",
	"swagger-ui.css":       "text/css; charset=utf-8",
}

func (d Routes) openAPI(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	_, _ = w.Write(d.Document)
}

func (d Routes) reference(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Security-Policy", ReferenceCSP)
	_, _ = w.Write([]byte(referencePage))
}

func (d Routes) asset(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("asset")
	if name == "init.js" {
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		_, _ = w.Write([]byte(initScript))
		return
	}
	typ, ok := rendererFiles[name]
	if !ok {
		write(w, http.StatusNotFound, errorBody("not_found", "asset not found"))
		return
	}
	b, err := os.ReadFile(filepath.Join(d.Renderer, name))
	if err != nil {
		write(w, http.StatusNotFound, errorBody("not_found", "asset not found: the renderer is not installed, run "+RendererInstall))
		return
	}
	w.Header().Set("Content-Type", typ)
	_, _ = w.Write(b)
}
