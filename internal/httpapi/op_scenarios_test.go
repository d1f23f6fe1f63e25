package httpapi_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/personaportal/portal/internal/apitest"
)

// opCall is the happy-path request of one operation.
type opCall struct {
	tok, method, path string
	body              any
	status            int
}

// encode is the call's request body as apitest's Do sends it: a string
// as is, any other value as JSON.
func (c opCall) encode(t testing.TB) []byte {
	switch b := c.body.(type) {
	case nil:
		return nil
	case string:
		return []byte(b)
	default:
		j, err := json.Marshal(b)
		if err != nil {
			t.Fatal(err)
		}
		return j
	}
}

// request builds the call's request with its encoded body.
func (c opCall) request(body []byte) *http.Request {
	req := httptest.NewRequest(c.method, c.path, bytes.NewReader(body))
	if c.body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if c.tok != "" {
		req.Header.Set("Authorization", "Bearer "+c.tok)
	}
	return req
}

// opScenarios seeds h (a demo portal) with what every operation's happy
// path needs, for a caller already linked, and returns each operation's
// request by name, and the users each bulk scenario works through. Run in
// the table's order, later scenarios rely on earlier ones (revoke after
// patch); each also succeeds alone on the state this leaves.
func opScenarios(h *apitest.Harness) (map[string]opCall, map[string]int) {
	d := h.DemoIDs()
	app := h.Must(201, d.Admin, "POST", "/admin/applications", map[string]any{"name": "Wiki", "url": "https://wiki.test"}).Str("id")
	h.Must(201, d.Admin, "POST", "/admin/persona-definitions", map[string]any{"type": "temp", "display_name": "Temp"})
	carol := "/admin/users/" + d.CarolID
	lent := h.Must(201, d.Admin, "POST", "/admin/users/"+d.AliceID+"/personas",
		map[string]any{"type": "customer", "scope": []string{"company:acme", "company:globex"}}).Str("id")
	scoped := "/users/" + d.AliceID + "/personas"
	// Requests in every state the scenarios need.
	invite := func(scope string) (string, string) {
		r := h.Must(201, d.Bob, "POST", "/persona-invitations", map[string]any{"type": "customer", "scope": []string{scope},
			"user_email": "carol@globex.test", "send_email": false}).JSON()
		link := r["magic_link"].(string)
		return r["request"].(map[string]any)["id"].(string), link[len(link)-64:]
	}
	_, acceptByLink := invite("company:acme")
	_, rejectByLink := invite("company:acme")
	toReject, _ := invite("company:acme")
	toCancel, _ := invite("company:acme")
	toResend, _ := invite("company:acme")
	_, activated := invite("company:globex")
	h.Must(200, d.Carol, "POST", "/magic-links/"+activated+"/accept", nil)
	activation := h.Must(200, d.Bob, "GET", "/me/requests/approvals", nil).Items()[0]["id"].(string)
	week := h.Now().Add(7 * 24 * time.Hour).Format(time.RFC3339)
	lendPath := "/me/personas/" + d.AliceStaff + "/delegations"
	loan := h.Must(201, d.Alice, "POST", lendPath, map[string]any{"to_email": "bob@acme.test", "valid_until": week}).Str("id")
	scenarios := map[string]opCall{
		"healthz":                     {"", "GET", "/healthz", nil, 200},
		"get-me":                      {d.Alice, "GET", "/me", nil, 200},
		"patch-me":                    {d.Alice, "PATCH", "/me", map[string]any{"phone": "+32 1"}, 200},
		"list-my-applications":        {d.Alice, "GET", "/me/applications", nil, 200},
		"list-my-personas":            {d.Alice, "GET", "/me/personas", nil, 200},
		"get-my-persona":              {d.Alice, "GET", "/me/personas/" + d.AliceStaff, nil, 200},
		"put-preferred-persona":       {d.Alice, "PUT", "/me/preferred-persona", map[string]any{"persona_id": d.AliceStaff}, 200},
		"get-active-persona":          {d.Alice, "GET", "/me/active-persona", nil, 200},
		"get-my-rights":               {d.Bob, "GET", "/me/rights", nil, 200},
		"put-active-persona":          {d.Alice, "PUT", "/me/active-persona", map[string]any{"persona_id": d.AliceStaff}, 200},
		"lend-persona":                {d.Alice, "POST", lendPath, map[string]any{"to_email": "carol@globex.test", "valid_until": week}, 201},
		"list-my-delegations":         {d.Alice, "GET", "/me/delegations?direction=granted", nil, 200},
		"revoke-delegation":           {d.Alice, "DELETE", "/me/delegations/" + loan, nil, 200},
		"list-approvals":              {d.Carol, "GET", "/me/requests/approvals?q=customer", nil, 200},
		"list-follow-up":              {d.Bob, "GET", "/me/requests/follow-up", nil, 200},
		"list-history":                {d.Carol, "GET", "/me/requests/history?status=accepted", nil, 200},
		"get-request":                 {d.Carol, "GET", "/me/requests/" + toReject, nil, 200},
		"accept-request":              {d.Bob, "POST", "/me/requests/" + activation + "/accept", nil, 200},
		"reject-request":              {d.Carol, "POST", "/me/requests/" + toReject + "/reject", map[string]any{"reason": "no"}, 200},
		"cancel-request":              {d.Bob, "DELETE", "/me/requests/" + toCancel, nil, 200},
		"get-magic-link":              {d.Carol, "GET", "/magic-links/" + acceptByLink, nil, 200},
		"accept-magic-link":           {d.Carol, "POST", "/magic-links/" + acceptByLink + "/accept", nil, 200},
		"reject-magic-link":           {d.Carol, "POST", "/magic-links/" + rejectByLink + "/reject", nil, 200},
		"create-invitation":           {d.Bob, "POST", "/persona-invitations", map[string]any{"type": "customer", "scope": []string{"company:globex"}, "user_email": "alice@acme.test"}, 201},
		"list-invitations":            {d.Bob, "GET", "/persona-invitations", nil, 200}, // the page holds an e-mailed one (create-invitation's)
		"resend-invitation":           {d.Bob, "POST", "/persona-invitations/" + toResend + "/resend", nil, 200},
		"list-assignable-definitions": {d.Bob, "GET", "/persona-definitions", nil, 200},
		"list-scoped-users":           {d.Bob, "GET", "/users", nil, 200},
		"get-scoped-user":             {d.Bob, "GET", "/users/" + d.AliceID, nil, 200},
		"list-scoped-user-personas":   {d.Bob, "GET", scoped, nil, 200},
		"add-scoped-user-persona":     {d.Bob, "POST", scoped, map[string]any{"type": "customer", "scope": []string{"company:globex"}}, 201},
		"patch-scoped-user-persona":   {d.Bob, "PATCH", scoped + "/" + lent, map[string]any{"email": "alice.buyer@acme.test"}, 200},
		"revoke-scoped-user-persona":  {d.Bob, "DELETE", scoped + "/" + lent, nil, 200},
		"get-settings":                {d.Admin, "GET", "/admin/settings", nil, 200},
		"put-settings":                {d.Admin, "PUT", "/admin/settings", map[string]any{"history_days": 31}, 200},
		"list-definitions":            {d.Admin, "GET", "/admin/persona-definitions", nil, 200},
		"create-definition":           {d.Admin, "POST", "/admin/persona-definitions", map[string]any{"type": "extra", "display_name": "Extra"}, 201},
		"get-definition":              {d.Admin, "GET", "/admin/persona-definitions/staff", nil, 200},
		"put-definition":              {d.Admin, "PUT", "/admin/persona-definitions/temp", map[string]any{"display_name": "Temporary"}, 200},
		"delete-definition":           {d.Admin, "DELETE", "/admin/persona-definitions/temp", nil, 204},
		"list-users":                  {d.Admin, "GET", "/admin/users?q=a&attribute=team&value=blue", nil, 200},
		"create-user":                 {d.Admin, "POST", "/admin/users", map[string]any{"email": "new@acme.test"}, 201},
		"get-user":                    {d.Admin, "GET", carol, nil, 200},
		"patch-user":                  {d.Admin, "PATCH", carol, map[string]any{"given_name": "Caroline"}, 200},
		"disable-user":                {d.Admin, "DELETE", "/admin/users/" + d.BobID, nil, 200},
		"list-user-personas":          {d.Admin, "GET", "/admin/users/" + d.AliceID + "/personas", nil, 200},
		"add-user-persona":            {d.Admin, "POST", carol + "/personas", map[string]any{"type": "customer", "scope": []string{"company:acme"}, "preferred": true}, 201},
		"patch-user-persona":          {d.Admin, "PATCH", "/admin/users/" + d.AliceID + "/personas/" + d.AliceCustomer, map[string]any{"scope": []string{"company:initech"}}, 200},
		"revoke-user-persona":         {d.Admin, "DELETE", "/admin/users/" + d.AliceID + "/personas/" + d.AliceCustomer, nil, 200},
		"search-personas":             {d.Admin, "GET", "/admin/personas?type=customer&scope=company:acme", nil, 200},
		"list-applications":           {d.Admin, "GET", "/admin/applications", nil, 200},
		"create-application":          {d.Admin, "POST", "/admin/applications", map[string]any{"name": "X", "url": "https://x.test"}, 201},
		"get-application":             {d.Admin, "GET", "/admin/applications/" + app, nil, 200},
		"put-application":             {d.Admin, "PUT", "/admin/applications/" + app, map[string]any{"name": "Wiki", "url": "https://wiki2.test"}, 200},
		"delete-application":          {d.Admin, "DELETE", "/admin/applications/" + app, nil, 204},
		"list-audit":                  {d.Admin, "GET", "/admin/audit?user_id=" + d.AliceID + "&actor=" + d.BobID + "&action=persona.revoked", nil, 200},
		// Two existing users, each changed: the most a line costs.
		"import-users": {d.Admin, "POST", "/admin/import", `{"email":"alice@acme.test","given_name":"Alicia"}` + "\n" +
			`{"email":"carol@globex.test","personas":[{"type":"customer","scope":["company:initech"]}]}`, 200},
		"export-users": {d.Admin, "GET", "/admin/export?limit=2", nil, 200},
	}
	// The users each bulk scenario works through.
	lines := map[string]int{"import-users": 2, "export-users": 2}
	return scenarios, lines
}
