package devoidc

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/personaportal/portal/internal/apierr"
	"github.com/personaportal/portal/internal/auth"
	"github.com/personaportal/portal/internal/auth/jwtauth"
	"github.com/personaportal/portal/internal/domain"
)

// Ages are the "authenticated N minutes ago" choices of the sign-in page.
var Ages = []int{0, 10, 60}

// csrfCookie carries the sign-in form's double-submit token: a POST must
// echo in its body the value the page set in this cookie, which another
// site can neither read nor set (and the form is also behind Go's
// cross-origin protection, which refuses cross-site POSTs outright).
const csrfCookie = "devoidc_csrf"

type pageData struct {
	Nonce     string
	RequestID string
	CSRF      string
	Users     []DemoUser
	User      string
	Email     string
	Admin     bool
	Tenant    string
	Ages      []int
	Age       int
	MaxAge    string // what the client asked for, in words; empty: nothing
	Error     string
}

var page = template.Must(template.New("login").Parse(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>Sign in – Persona Portal development provider</title>
<style nonce="{{.Nonce}}">
:root{color-scheme:light dark;--focus:#1a5fb4;--error:#a51d2d;--note:#444}
@media (prefers-color-scheme:dark){:root{--focus:#78aeed;--error:#ff7b72;--note:#c0c0c0}}
body{font-family:system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;line-height:1.5;background:Canvas;color:CanvasText}
fieldset{margin:0 0 1rem;border:1px solid #888;border-radius:.4rem}
label{display:block;padding:.15rem 0}
input[type=email],input[type=text]{font:inherit;padding:.2rem .4rem;max-width:100%;box-sizing:border-box}
button{font:inherit;padding:.4rem 1.2rem}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.error{color:var(--error);font-weight:bold}
.note{color:var(--note)}
</style>
</head>
<body>
<main>
<h1>Sign in</h1>
<p class="note">The development OpenID Provider of the local server: pick who you are. There is no password; never use it outside your machine.</p>
{{if .Error}}<p class="error" role="alert" id="error">{{.Error}}</p>{{end}}
<form method="post" action="login">
<input type="hidden" name="authRequestID" value="{{.RequestID}}">
<input type="hidden" name="csrf" value="{{.CSRF}}">
<fieldset>
<legend>User</legend>
{{range $i, $u := .Users}}<label><input type="radio" name="user" value="{{$u.Email}}"{{if eq $.User $u.Email}} checked{{end}}> {{$u.Name}} ({{$u.Email}}){{if $u.Admin}}, tenant admin{{end}}</label>
{{end}}<label><input type="radio" name="user" value="other"{{if eq .User "other"}} checked{{end}}> Another address:</label>
<label for="email">E-mail address</label>
<input type="email" id="email" name="email" value="{{.Email}}" autocomplete="off">
<label><input type="checkbox" name="admin" value="true"{{if .Admin}} checked{{end}}> Tenant admin (for another address)</label>
</fieldset>
<fieldset>
<legend>Tenant</legend>
<label for="tenant">Tenant</label>
<input type="text" id="tenant" name="tenant" value="{{.Tenant}}" required pattern="[A-Za-z0-9][A-Za-z0-9._\-]{0,63}">
</fieldset>
<fieldset>
<legend>Authenticated</legend>
{{if .MaxAge}}<p class="note" id="maxage">{{.MaxAge}}</p>{{end}}
{{range .Ages}}<label><input type="radio" name="age" value="{{.}}"{{if eq $.Age .}} checked{{end}}> {{if eq . 0}}just now{{else}}{{.}} minutes ago{{end}}</label>
{{end}}</fieldset>
<button type="submit">Sign in</button>
</form>
</main>
</body>
</html>
`))

func randomToken() string {
	b := make([]byte, 18)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

func (p *Provider) loginPage(w http.ResponseWriter, r *http.Request) {
	id := r.URL.Query().Get("authRequestID")
	a := p.storage.request(id)
	if a == nil || a.done {
		p.gone(w)
		return
	}
	csrf := randomToken()
	http.SetCookie(w, &http.Cookie{Name: csrfCookie, Value: csrf, Path: PathPrefix + "/login", HttpOnly: true,
		Secure: strings.HasPrefix(p.Issuer, "https://"), SameSite: http.SameSiteStrictMode, MaxAge: int(requestTTL.Seconds())})
	user := ""
	if len(p.cfg.Users) > 0 {
		user = p.cfg.Users[0].Email
	}
	p.render(w, http.StatusOK, pageData{RequestID: id, CSRF: csrf, User: user, Tenant: p.cfg.DefaultTenant}, a)
}

func (p *Provider) loginSubmit(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	if err := r.ParseForm(); err != nil {
		http.Error(w, "the form could not be read", http.StatusBadRequest)
		return
	}
	f := r.PostForm
	id := f.Get("authRequestID")
	c, err := r.Cookie(csrfCookie)
	if err != nil || c.Value == "" || subtle.ConstantTimeCompare([]byte(c.Value), []byte(f.Get("csrf"))) != 1 {
		http.Error(w, "the sign-in form is stale or was not sent by this page: reload it", http.StatusForbidden)
		return
	}
	a := p.storage.request(id)
	if a == nil || a.done {
		p.gone(w)
		return
	}
	d := pageData{RequestID: id, CSRF: c.Value, User: f.Get("user"), Email: f.Get("email"), Admin: f.Get("admin") == "true",
		Tenant: strings.TrimSpace(f.Get("tenant"))}
	d.Age, err = strconv.Atoi(f.Get("age"))
	login := jwtauth.DevLogin{Tenant: d.Tenant}
	switch {
	case err != nil || !validAge(d.Age):
		d.Error = "Pick when you authenticated."
	case !auth.ValidTenant(d.Tenant):
		d.Error = "The tenant must be 1-64 letters, digits, '.', '_' or '-'."
	default:
		login.Email, login.Admin, d.Error = p.who(d.User, d.Email, d.Admin)
	}
	if d.Error != "" {
		p.render(w, http.StatusBadRequest, d, a)
		return
	}
	// RFC 9470 / OpenID Connect max_age (and prompt=login, which the op
	// package turns into max_age=0): an authentication older than the
	// client allows means signing in again, now.
	now := p.cfg.Now()
	authTime := now.Add(-time.Duration(d.Age) * time.Minute)
	if a.maxAge != nil && uint64(d.Age)*60 > uint64(*a.maxAge) {
		authTime = now
	}
	if !p.storage.signIn(id, login, authTime) {
		p.gone(w)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: csrfCookie, Path: PathPrefix + "/login", MaxAge: -1})
	http.Redirect(w, r, p.Issuer+"/authorize/callback?id="+url.QueryEscape(id), http.StatusSeeOther)
}

// who is the e-mail and admin flag the form picked, or what is wrong.
func (p *Provider) who(user, email string, admin bool) (string, bool, string) {
	for _, u := range p.cfg.Users {
		if user == u.Email {
			return u.Email, u.Admin, ""
		}
	}
	if user != "other" {
		return "", false, "Pick a user."
	}
	email = domain.NormalizeEmail(email)
	fe := apierr.FieldErrors{}
	domain.CheckEmail(fe, "email", email)
	if len(fe) > 0 || email == "" {
		return "", false, "Enter a valid e-mail address."
	}
	return email, admin, ""
}

func validAge(n int) bool {
	for _, a := range Ages {
		if a == n {
			return true
		}
	}
	return false
}

func (p *Provider) render(w http.ResponseWriter, status int, d pageData, a *authRequest) {
	d.Nonce, d.Users, d.Ages = randomToken(), p.cfg.Users, Ages
	switch {
	case a.maxAge != nil && *a.maxAge == 0:
		d.MaxAge = "The application asks you to sign in again: whatever you pick, you authenticate now."
	case a.maxAge != nil:
		d.MaxAge = "The application accepts an authentication at most " + strconv.FormatUint(uint64(*a.maxAge), 10) +
			" seconds old: an older choice means you authenticate now."
	}
	p.securePage(w, d.Nonce)
	w.WriteHeader(status)
	_ = page.Execute(w, d)
}

// securePage sets a strict policy: nothing loads but the page's own
// nonce-tagged style, and the form may only post here (and follow the
// redirects to the client's registered redirect URIs, which some browsers
// check against form-action too).
func (p *Provider) securePage(w http.ResponseWriter, nonce string) {
	actions := append([]string{"'self'"}, origins(p.cfg.RedirectURIs, "")...)
	style := "style-src 'none'; "
	if nonce != "" {
		style = "style-src 'nonce-" + nonce + "'; "
	}
	h := w.Header()
	h.Set("Content-Security-Policy", "default-src 'none'; "+style+"form-action "+strings.Join(actions, " ")+
		"; frame-ancestors 'none'; base-uri 'none'")
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
}

func (p *Provider) gone(w http.ResponseWriter) {
	p.securePage(w, "")
	w.WriteHeader(http.StatusBadRequest)
	_, _ = w.Write([]byte(`<!doctype html><html lang="en"><meta charset="utf-8"><meta name="color-scheme" content="light dark"><title>Sign-in expired</title>` +
		`<main><h1>This sign-in is unknown or has expired</h1><p>Start again from the portal.</p></main></html>`))
}

func (p *Provider) loggedOut(w http.ResponseWriter, _ *http.Request) {
	p.securePage(w, "")
	_, _ = w.Write([]byte(`<!doctype html><html lang="en"><meta charset="utf-8"><meta name="color-scheme" content="light dark"><title>Signed out</title>` +
		`<main><h1>You are signed out</h1><p>Close this tab, or go back to the portal to sign in again.</p></main></html>`))
}
