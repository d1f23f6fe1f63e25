// Package operations is the one list of the portal's operations. Each entry
// names an operation once: its name (= its folder under functions/), its
// route, who may call it, its handler, what it needs from AWS and its
// DynamoDB round-trip budget. The local server's routes, the Lambda
// functions, the CDK stack and the budget tests are all derived from it.
package operations

import (
	"net/http"
	"slices"

	"github.com/personaportal/portal/internal/domain"
	"github.com/personaportal/portal/internal/httpapi"
	"github.com/personaportal/portal/internal/portal"
)

// Need is an AWS permission an operation's function is granted.
type Need string

// Needs.
const (
	TableRead  Need = "table:read"
	TableWrite Need = "table:write"
	// Provision: the operation may meet a caller for the first time and
	// must then link or provision their profile (API.md, Identity). A
	// writing operation does it itself; a read-only one invokes the
	// provision-identity function, and never writes the table.
	Provision Need = "identity:provision"
	// SendsEmail: the function delivers e-mail (only send-email: every other
	// function queues its e-mails in the outbox with the change).
	SendsEmail Need = "email:send"
)

// Method is a handler method of the API.
type Method = httpapi.Method

// Operation is one HTTP operation.
type Operation struct {
	Name    string
	Method  string
	Path    string
	Role    httpapi.Role
	Handler Method
	Needs   []Need
	// Budget is the most DynamoDB round trips the operation makes for a
	// caller whose identity is already linked, authentication included.
	Budget int
	// Schedule is the EventBridge schedule of a job ("rate(1 minute)").
	Schedule string
	// Doc is what the operation takes and answers, for the OpenAPI
	// document (internal/openapi, docs/openapi.json).
	Doc Doc
}

// perLine holds, for the bulk operations, the round trips each user (line
// of the file) adds to Budget. import: one read and one transaction per
// user (the transaction only when the line changes something), after one
// batch read of the file's definitions and one of its e-mails (each per 100
// types or users) counted in Budget; export: one read per user, after the
// index query for the page.
var perLine = map[string]int{"import-users": 2, "export-users": 1}

// PerLine is what each user of a bulk operation adds to Budget (0: the
// operation is not bulk).
func (o Operation) PerLine() int { return perLine[o.Name] }

// Bulk reports whether the operation works through a whole file (it gets a
// longer timeout).
func (o Operation) Bulk() bool { return o.PerLine() > 0 }

// Pattern is the ServeMux pattern of the operation.
func (o Operation) Pattern() string { return o.Method + " " + o.Path }

var (
	read      = []Need{TableRead, Provision}
	readWrite = []Need{TableRead, TableWrite, Provision}
)

// All lists every operation. Doc (see doc.go) names the Go types the
// handler reads and writes and the error codes beyond its kind's.
var All = []Operation{
	{"healthz", "GET", "/healthz", httpapi.Public, (*httpapi.API).Healthz, nil, 0, "",
		Doc{Summary: "The process serves (touches no dependency)", Response: httpapi.HealthBody{}}},

	// Self-service.
	{"get-me", "GET", "/me", httpapi.User, (*httpapi.API).GetMe, read, 2, "",
		Doc{Summary: "Own profile", Response: domain.Profile{}}},
	{"patch-me", "PATCH", "/me", httpapi.User, (*httpapi.API).PatchMe, readWrite, 3, "",
		Doc{Summary: "Update own profile (JSON merge patch)", Body: httpapi.ProfileFields{}, Response: domain.Profile{},
			Errors: []string{FieldNotEditable}}},
	{"list-my-applications", "GET", "/me/applications", httpapi.User, (*httpapi.API).MyApplications, read, 3, "",
		Doc{Summary: "Applications the caller's active personas open", Response: httpapi.List[portal.UserApplication]{}}},
	{"list-my-personas", "GET", "/me/personas", httpapi.User, (*httpapi.API).MyPersonas, read, 2, "",
		Doc{Summary: "Own personas (all statuses), then personas lent to the caller", Query: paged, Response: httpapi.List[domain.Persona]{}}},
	{"get-my-persona", "GET", "/me/personas/{persona_id}", httpapi.User, (*httpapi.API).MyPersona, read, 2, "",
		Doc{Summary: "One own or lent persona", Response: domain.Persona{}}},
	{"put-preferred-persona", "PUT", "/me/preferred-persona", httpapi.User, (*httpapi.API).PutPreferredPersona, readWrite, 3, "",
		Doc{Summary: "Make an own active persona the preferred one", Body: httpapi.PersonaIDBody{}, Response: domain.Persona{},
			Errors: []string{NotFound}}},
	{"get-active-persona", "GET", "/me/active-persona", httpapi.User, (*httpapi.API).GetActivePersona, read, 3, "",
		Doc{Summary: "The session's active persona", Response: portal.ActivePersona{}}},
	{"put-active-persona", "PUT", "/me/active-persona", httpapi.User, (*httpapi.API).PutActivePersona, readWrite, 3, "",
		Doc{Summary: "Select the session's active persona", Body: httpapi.PersonaIDBody{}, Response: portal.ActivePersona{},
			Errors: []string{NotFound, StepUpRequired}}},

	{"get-my-rights", "GET", "/me/rights", httpapi.User, (*httpapi.API).MyRights, read, 2, "",
		Doc{Summary: "What the caller may administer (tenant admin, delegated admin of which types, step-up pending)", Response: portal.Rights{}}},

	{"lend-persona", "POST", "/me/personas/{persona_id}/delegations", httpapi.User, (*httpapi.API).LendPersona, readWrite, 4, "",
		Doc{Summary: "Lend an own active persona to another user for a period", Body: httpapi.LoanBody{}, Status: 201,
			Response: domain.PersonaDelegation{}, Errors: []string{FieldNotEditable, StepUpRequired, Forbidden, FeatureDisabled}}},
	{"list-my-delegations", "GET", "/me/delegations", httpapi.User, (*httpapi.API).MyDelegations, read, 2, "",
		Doc{Summary: "Delegations the caller granted and received", Query: directionQuery, Response: httpapi.List[domain.PersonaDelegation]{}}},
	{"revoke-delegation", "DELETE", "/me/delegations/{delegation_id}", httpapi.User, (*httpapi.API).RevokeDelegation, readWrite, 3, "",
		Doc{Summary: "The owner revokes a delegation", Response: domain.PersonaDelegation{}, Errors: []string{Forbidden}}},

	// My Work and magic links.
	{"list-approvals", "GET", "/me/requests/approvals", httpapi.User, (*httpapi.API).Approvals, read, 2, "",
		Doc{Summary: "Pending requests the caller is assignee of", Query: workQuery, Response: httpapi.List[domain.Request]{}}},
	{"list-follow-up", "GET", "/me/requests/follow-up", httpapi.User, (*httpapi.API).FollowUp, read, 2, "",
		Doc{Summary: "Pending requests the caller initiated", Query: workQuery, Response: httpapi.List[domain.Request]{}}},
	{"list-history", "GET", "/me/requests/history", httpapi.User, (*httpapi.API).History, read, 2, "",
		Doc{Summary: "Ended requests the caller took part in, within history_days", Query: historyQuery, Response: httpapi.List[domain.Request]{}}},
	{"get-request", "GET", "/me/requests/{request_id}", httpapi.User, (*httpapi.API).GetRequest, read, 2, "",
		Doc{Summary: "One request, for its initiator, assignee or subject", Response: domain.Request{}}},
	{"accept-request", "POST", "/me/requests/{request_id}/accept", httpapi.User, (*httpapi.API).AcceptRequest, readWrite, 4, "",
		Doc{Summary: "The assignee accepts a pending request", Body: httpapi.EmptyBody{}, OptionalBody: true, Response: domain.Request{},
			Errors: []string{StepUpRequired, Forbidden}}},
	{"reject-request", "POST", "/me/requests/{request_id}/reject", httpapi.User, (*httpapi.API).RejectRequest, readWrite, 3, "",
		Doc{Summary: "The assignee rejects a pending request", Body: httpapi.ReasonBody{}, OptionalBody: true, Response: domain.Request{},
			Errors: []string{Forbidden}}},
	{"cancel-request", "DELETE", "/me/requests/{request_id}", httpapi.User, (*httpapi.API).CancelRequest, readWrite, 3, "",
		Doc{Summary: "The initiator cancels a pending request", Response: domain.Request{}, Errors: []string{Forbidden}}},
	{"get-magic-link", "GET", "/magic-links/{token}", httpapi.User, (*httpapi.API).OpenMagicLink, read, 2, "",
		Doc{Summary: "The request a magic link stands for (its subject only)", Response: domain.Request{}, Errors: []string{Gone}}},
	{"accept-magic-link", "POST", "/magic-links/{token}/accept", httpapi.User, (*httpapi.API).AcceptMagicLink, readWrite, 3, "",
		Doc{Summary: "Accept the prepared persona; the link is then spent", Body: httpapi.EmptyBody{}, OptionalBody: true,
			Response: domain.Request{}, Errors: []string{Gone}}},
	{"reject-magic-link", "POST", "/magic-links/{token}/reject", httpapi.User, (*httpapi.API).RejectMagicLink, readWrite, 3, "",
		Doc{Summary: "Decline the prepared persona; the link is then spent", Body: httpapi.ReasonBody{}, OptionalBody: true,
			Response: domain.Request{}, Errors: []string{Gone}}},

	// Delegated administration (rights come from the caller's personas).
	{"create-invitation", "POST", "/persona-invitations", httpapi.User, (*httpapi.API).CreateInvitation, readWrite, 4, "",
		Doc{Summary: "Prepare a persona for a user (an assign_persona request and its magic link)", Body: httpapi.InvitationBody{},
			Status: 201, Response: httpapi.InvitationResponse{}, Errors: []string{StepUpRequired, Forbidden}}},
	{"list-invitations", "GET", "/persona-invitations", httpapi.User, (*httpapi.API).ListInvitations, read, 3, "",
		Doc{Summary: "The invitations the caller prepared, newest first, with their state, link expiry and e-mail delivery",
			Query: invitationsQuery, Response: httpapi.List[domain.PreparedInvitation]{}}},
	{"resend-invitation", "POST", "/persona-invitations/{request_id}/resend", httpapi.User, (*httpapi.API).ResendInvitation, readWrite, 4, "",
		Doc{Summary: "Send a pending invitation again: a new magic link (the old one dies at once) and e-mail", Body: httpapi.ResendBody{},
			OptionalBody: true, Response: httpapi.InvitationResponse{}, Errors: []string{StepUpRequired, Forbidden}}},
	{"list-assignable-definitions", "GET", "/persona-definitions", httpapi.User, (*httpapi.API).AssignableDefinitions, read, 3, "",
		Doc{Summary: "Definitions the caller may assign, scope values cut to the caller's scope", Response: httpapi.List[domain.Definition]{},
			Errors: []string{StepUpRequired, Forbidden}}},
	{"list-scoped-users", "GET", "/users", httpapi.User, (*httpapi.API).ScopedUsers, read, 6, "",
		Doc{Summary: "Users holding a persona within the caller's grants", Query: usersQuery, Response: httpapi.List[domain.Profile]{},
			Errors: []string{StepUpRequired, Forbidden}}},
	{"get-scoped-user", "GET", "/users/{user_id}", httpapi.User, (*httpapi.API).ScopedUser, read, 3, "",
		Doc{Summary: "A user in the caller's scope", Response: domain.Profile{}, Errors: []string{StepUpRequired, Forbidden}}},
	{"list-scoped-user-personas", "GET", "/users/{user_id}/personas", httpapi.User, (*httpapi.API).ScopedUserPersonas, read, 3, "",
		Doc{Summary: "That user's personas the caller manages (one page)", Response: httpapi.List[domain.Persona]{},
			Errors: []string{StepUpRequired, Forbidden}}},
	{"add-scoped-user-persona", "POST", "/users/{user_id}/personas", httpapi.User, (*httpapi.API).DelegatedAddPersona, readWrite, 4, "",
		Doc{Summary: "Add an accepted persona within the caller's grants", Body: httpapi.NewPersonaBody{}, Status: 201,
			Response: domain.Persona{}, Errors: []string{FieldNotEditable, StepUpRequired, Forbidden}}},
	{"patch-scoped-user-persona", "PATCH", "/users/{user_id}/personas/{persona_id}", httpapi.User, (*httpapi.API).DelegatedPatchPersona, readWrite, 4, "",
		Doc{Summary: "Edit a persona within the caller's grants", Body: httpapi.PersonaPatchBody{}, Response: domain.Persona{},
			Errors: []string{FieldNotEditable, StepUpRequired, Forbidden}}},
	{"revoke-scoped-user-persona", "DELETE", "/users/{user_id}/personas/{persona_id}", httpapi.User, (*httpapi.API).DelegatedRevokePersona, readWrite, 4, "",
		Doc{Summary: "Revoke a persona within the caller's grants", Response: domain.Persona{}, Errors: []string{StepUpRequired, Forbidden}}},

	// Tenant administration.
	{"get-settings", "GET", "/admin/settings", httpapi.TenantAdmin, (*httpapi.API).GetSettings, read, 1, "",
		Doc{Summary: "The tenant's settings", Response: domain.Settings{}}},
	{"put-settings", "PUT", "/admin/settings", httpapi.TenantAdmin, (*httpapi.API).PutSettings, readWrite, 2, "",
		Doc{Summary: "Change settings (omitted fields keep their value)", Body: domain.Settings{}, Response: domain.Settings{},
			Errors: []string{FieldNotEditable}}},
	{"list-definitions", "GET", "/admin/persona-definitions", httpapi.TenantAdmin, (*httpapi.API).ListDefinitions, read, 2, "",
		Doc{Summary: "Persona definitions", Query: paged, Response: httpapi.List[domain.Definition]{}}},
	{"create-definition", "POST", "/admin/persona-definitions", httpapi.TenantAdmin, (*httpapi.API).CreateDefinition, readWrite, 2, "",
		Doc{Summary: "Create a persona definition", Body: domain.Definition{}, Status: 201, Response: domain.Definition{},
			Errors: []string{FieldNotEditable}}},
	{"get-definition", "GET", "/admin/persona-definitions/{type}", httpapi.TenantAdmin, (*httpapi.API).GetDefinition, read, 2, "",
		Doc{Summary: "A persona definition", Response: domain.Definition{}}},
	{"put-definition", "PUT", "/admin/persona-definitions/{type}", httpapi.TenantAdmin, (*httpapi.API).PutDefinition, readWrite, 3, "",
		Doc{Summary: "Replace a persona definition", Body: domain.Definition{}, Response: domain.Definition{}, Errors: []string{FieldNotEditable}}},
	{"delete-definition", "DELETE", "/admin/persona-definitions/{type}", httpapi.TenantAdmin, (*httpapi.API).DeleteDefinition, readWrite, 3, "",
		Doc{Summary: "Archive a persona definition (409 while live personas of the type exist)", Status: 204}},
	{"list-users", "GET", "/admin/users", httpapi.TenantAdmin, (*httpapi.API).ListUsers, read, 2, "",
		Doc{Summary: "Users of the tenant", Query: adminUsersQuery, Response: httpapi.List[domain.Profile]{}}},
	{"create-user", "POST", "/admin/users", httpapi.TenantAdmin, (*httpapi.API).CreateUser, readWrite, 2, "",
		Doc{Summary: "Create a user", Body: httpapi.NewUserBody{}, Status: 201, Response: domain.Profile{}, Errors: []string{FieldNotEditable}}},
	{"get-user", "GET", "/admin/users/{user_id}", httpapi.TenantAdmin, (*httpapi.API).GetUser, read, 2, "",
		Doc{Summary: "A user's profile", Response: domain.Profile{}}},
	{"patch-user", "PATCH", "/admin/users/{user_id}", httpapi.TenantAdmin, (*httpapi.API).PatchUser, readWrite, 3, "",
		Doc{Summary: "Update a user's profile (JSON merge patch)", Body: httpapi.AdminProfileFields{}, Response: domain.Profile{},
			Errors: []string{FieldNotEditable}}},
	{"disable-user", "DELETE", "/admin/users/{user_id}", httpapi.TenantAdmin, (*httpapi.API).DisableUser, readWrite, 3, "",
		Doc{Summary: "Disable a user (nothing is erased)", Response: domain.Profile{}}},
	{"list-user-personas", "GET", "/admin/users/{user_id}/personas", httpapi.TenantAdmin, (*httpapi.API).ListUserPersonas, read, 2, "",
		Doc{Summary: "A user's personas (all statuses)", Query: paged, Response: httpapi.List[domain.Persona]{}}},
	{"add-user-persona", "POST", "/admin/users/{user_id}/personas", httpapi.TenantAdmin, (*httpapi.API).AddUserPersona, readWrite, 3, "",
		Doc{Summary: "Add an accepted persona to a user", Body: httpapi.NewPersonaBody{}, Status: 201, Response: domain.Persona{},
			Errors: []string{FieldNotEditable}}},
	{"patch-user-persona", "PATCH", "/admin/users/{user_id}/personas/{persona_id}", httpapi.TenantAdmin, (*httpapi.API).PatchUserPersona, readWrite, 3, "",
		Doc{Summary: "Edit a user's persona", Body: httpapi.PersonaPatchBody{}, Response: domain.Persona{}, Errors: []string{FieldNotEditable}}},
	{"revoke-user-persona", "DELETE", "/admin/users/{user_id}/personas/{persona_id}", httpapi.TenantAdmin, (*httpapi.API).RevokeUserPersona, readWrite, 3, "",
		Doc{Summary: "Revoke a user's persona", Response: domain.Persona{}}},
	{"search-personas", "GET", "/admin/personas", httpapi.TenantAdmin, (*httpapi.API).SearchPersonas, read, 2, "",
		Doc{Summary: "Search personas", Query: personaSearch, Response: httpapi.List[domain.Persona]{}}},
	{"list-applications", "GET", "/admin/applications", httpapi.TenantAdmin, (*httpapi.API).ListApplications, read, 2, "",
		Doc{Summary: "Applications", Query: paged, Response: httpapi.List[domain.Application]{}}},
	{"create-application", "POST", "/admin/applications", httpapi.TenantAdmin, (*httpapi.API).CreateApplication, readWrite, 2, "",
		Doc{Summary: "Create an application", Body: domain.Application{}, Status: 201, Response: domain.Application{},
			Errors: []string{FieldNotEditable}}},
	{"get-application", "GET", "/admin/applications/{app_id}", httpapi.TenantAdmin, (*httpapi.API).GetApplication, read, 2, "",
		Doc{Summary: "An application", Response: domain.Application{}}},
	{"put-application", "PUT", "/admin/applications/{app_id}", httpapi.TenantAdmin, (*httpapi.API).PutApplication, readWrite, 3, "",
		Doc{Summary: "Replace an application", Body: domain.Application{}, Response: domain.Application{}, Errors: []string{FieldNotEditable}}},
	{"delete-application", "DELETE", "/admin/applications/{app_id}", httpapi.TenantAdmin, (*httpapi.API).DeleteApplication, readWrite, 3, "",
		Doc{Summary: "Archive an application", Status: 204}},
	{"list-audit", "GET", "/admin/audit", httpapi.TenantAdmin, (*httpapi.API).Audit, read, 2, "",
		Doc{Summary: "Audit records, newest first", Query: auditQuery, Response: httpapi.List[domain.AuditRecord]{}}},
	// Bulk: Budget is the fixed part, see perLine for what each user adds.
	{"import-users", "POST", "/admin/import", httpapi.TenantAdmin, (*httpapi.API).ImportUsers, readWrite, 3, "",
		Doc{Summary: "Import users with their personas (NDJSON or CSV)", Query: importQuery, Body: "", BodyMedia: ImportMedia,
			Response: portal.ImportReport{}}},
	{"export-users", "GET", "/admin/export", httpapi.TenantAdmin, (*httpapi.API).ExportUsers, read, 2, "",
		Doc{Summary: "Export one page of users with their personas as NDJSON", Query: exportQuery, Response: "",
			ResponseMedia: []string{"application/x-ndjson"}}},
}

// Invoked lists the functions that serve no route: other functions invoke
// them. provision-identity links or provisions a caller's profile on first
// sight for the read-only functions, which may not write the table.
var Invoked = []Operation{
	{Name: ProvisionIdentity, Needs: readWrite, Budget: 4},
	// send-email delivers the outbox: per message a claim, the send and the
	// outcome (two writes), plus one query per batch.
	{Name: SendEmail, Needs: []Need{TableRead, TableWrite, SendsEmail}, Budget: 1 + 2*25, Schedule: "rate(1 minute)"},
	// expire ends what is due: per item a read and a transaction, plus one
	// query per batch.
	{Name: Expire, Needs: []Need{TableRead, TableWrite}, Budget: 1 + 2*25, Schedule: "rate(5 minutes)"},
}

// Names of the functions without a route.
const (
	ProvisionIdentity = "provision-identity"
	SendEmail         = "send-email"
	Expire            = "expire"
)

// Functions lists every Lambda function: the HTTP operations, then the
// invoked ones.
func Functions() []Operation { return append(append([]Operation{}, All...), Invoked...) }

// ReadOnly reports whether an operation may not write the table.
func (o Operation) ReadOnly() bool { return !slices.Contains(o.Needs, TableWrite) }

// InvokesProvision reports whether the operation's function hands a
// caller's first sight to the provision-identity function (it must
// provision, and may not write the table itself).
func (o Operation) InvokesProvision() bool {
	return o.ReadOnly() && slices.Contains(o.Needs, Provision)
}

// Find returns the operation or function of a name.
func Find(name string) (Operation, bool) {
	for _, o := range Functions() {
		if o.Name == name {
			return o, true
		}
	}
	return Operation{}, false
}

// Mount registers operations on a mux, each behind the API's
// authentication and role check.
func Mount(mux *http.ServeMux, api *httpapi.API, ops ...Operation) {
	for _, o := range ops {
		api.Mount(mux, o.Name, o.Method, o.Path, o.Role, o.Handler)
	}
}
