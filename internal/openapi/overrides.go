package openapi

import (
	"github.com/personaportal/portal/internal/domain"
)

// overrides add to the schema of one field what its Go type cannot say:
// the values a string takes (from the domain's own lists where there is
// one), what a request must carry, formats, descriptions. Keys are
// "GoType.json_name"; a key that matches no field fails the generator, so
// a renamed field cannot leave its override behind. "required": true makes
// a request field required; a nil value removes a keyword.
var overrides = map[string]Schema{
	// Objects.
	"Profile.status":           {"enum": strs(domain.ProfileActive, domain.ProfileDisabled)},
	"Profile.email":            {"format": "email"},
	"Profile.attributes":       {"description": "Custom profile attributes (at most 50)."},
	"PersonaStatus.value":      {"enum": strs(domain.PersonaStatuses...)},
	"PersonaStatus.changed_by": {"description": "A user ID, or `system:<job>`."},
	"Persona.scope": {"description": "A set: sorted, no duplicates, each value in the definition's scope_values.",
		"examples": []any{[]any{"company:acme"}}},
	"Persona.entitlements": {"description": "Derived from the definition (never editable through the API)."},
	"Persona.active":       {"description": "Status accepted and now within [valid_from, valid_until)."},
	"Persona.delegation":   {"description": "Set only on a persona another user lent to the caller."},
	"Persona.type":         {"pattern": slugPattern, "examples": []any{"customer"}},
	"Persona.valid_until":  {"description": "null: open-ended."},
	"PersonaDelegation.status": {"enum": strs(domain.DelegationScheduled, domain.DelegationActive,
		domain.DelegationRevoked, domain.DelegationExpired), "description": "Computed at read time, or revoked."},
	"Definition.type":                    {"pattern": slugPattern, "examples": []any{"customer"}},
	"Definition.manages":                 {"description": "Persona types a holder may assign and manage within the holder's scope."},
	"Request.kind":                       {"enum": strs(domain.KindAssignPersona, domain.KindActivatePersona)},
	"Request.status":                     {"enum": strs(domain.RequestStatuses...)},
	"Request.decided_by":                 {"description": "A user ID, or `system:<job>`."},
	"ActivePersona.source":               {"enum": strs("selected", "preferred", "none")},
	"AuditRecord.actor":                  {"description": "A user ID, or `system:<job>`."},
	"AuditRecord.before":                 {"description": "The object's JSON before the change (null on creation)."},
	"AuditRecord.after":                  {"description": "The object's JSON after the change (null on archival)."},
	"Target.id":                          {"format": nil, "description": "The object's ID (a definition's type for definitions)."},
	"LineError.code":                     {"enum": strs("invalid_request", "conflict", "forbidden", "unavailable")},
	"LineError.line":                     {"description": "The line's number in the file (1 = the first line, or the CSV header)."},
	"Settings.max_delegation_days":       {"minimum": 1, "maximum": 3650},
	"Settings.magic_link_ttl_hours":      {"minimum": 1, "maximum": 8760},
	"Settings.request_ttl_hours":         {"minimum": 1, "maximum": 8760},
	"Settings.history_days":              {"minimum": 1, "maximum": 3650},
	"Settings.step_up_max_age_seconds":   {"minimum": 0, "maximum": 86400},
	"Settings.portal_base_url":           {"description": "An absolute http(s) URL, or empty."},
	"UserApplication.via_personas":       {"description": "The caller's active personas that open the application."},
	"invitationResponse.magic_link":      {"description": "`{portal_base_url}/magic/{token}` (relative without portal_base_url)."},
	"invitationResponse.email_sent":      {"description": "An e-mail carrying the link was queued for the user (send_email)."},
	"invitationResponse.link_expires_at": {"description": "When the link stops working (magic_link_ttl_hours, at most the request's expires_at)."},
	"PreparedInvitation.state": {"enum": strs(domain.InvitationStates...),
		"description": "Derived from the assign_persona request, then the activate_persona request its acceptance created; a waiting step past its expiry is expired."},
	"PreparedInvitation.link_expires_at": {"description": "When the current magic link stops working."},
	"PreparedInvitation.email_status": {"enum": strs("queued", "sending", "sent", "rejected", "abandoned"),
		"description": "Delivery of the e-mail carrying the current link; null when none was sent."},
	"healthBody.status": {"enum": strs("ok")},

	// Request bodies: what the handler requires, and timestamps.
	"personaIDBody.persona_id":     {"required": true, "format": "uuid"},
	"invitationBody.type":          {"required": true, "pattern": slugPattern},
	"invitationBody.scope":         {"required": true, "description": "`[]` for no scope."},
	"invitationBody.user_email":    {"required": true, "format": "email"},
	"invitationBody.valid_from":    {"format": "date-time"},
	"invitationBody.valid_until":   {"format": "date-time"},
	"invitationBody.send_email":    {"description": "Default true."},
	"resendBody.send_email":        {"description": "E-mail the new link to the user. Default true."},
	"newPersonaBody.type":          {"required": true, "pattern": slugPattern},
	"newPersonaBody.valid_from":    {"format": "date-time", "description": "Default: now."},
	"newPersonaBody.valid_until":   {"format": "date-time", "description": "Default: open-ended."},
	"newPersonaBody.email":         {"description": "Default: the user's e-mail."},
	"personaPatchBody.valid_from":  {"format": "date-time"},
	"personaPatchBody.valid_until": {"description": "null makes the persona open-ended."},
	"personaPatchBody.attributes":  {"description": "Merge patch: a key set to null is removed."},
	"loanBody.to_email":            {"required": true, "format": "email"},
	"loanBody.valid_from":          {"format": "date-time", "description": "Default: now."},
	"loanBody.valid_until":         {"required": true, "format": "date-time"},
	"reasonBody.reason":            {"maxLength": 1000},
	"newUserBody.email":            {"required": true, "format": "email"},
	"adminProfileFields.status":    {"enum": strs(domain.ProfileActive, domain.ProfileDisabled)},
	"ProfileFields.attributes":     {"description": "Merge patch: a key set to null is removed, others are set."},
	"LoginBody.email":              {"required": true},
	"LoginBody.tenant":             {"required": true},

	// The error shape.
	"errorDetail.code": {"enum": strs(errorCodes...)},
	"errorDetail.details": {"description": "invalid_request: `fields` (field → reason); field_not_editable: `fields` " +
		"(the read-only fields sent); step_up_required: `max_age` (seconds); gone: `reason`, why the magic link no longer " +
		"works (used: answered through it; expired; withdrawn: its initiator cancelled the request; replaced: a newer link " +
		"was sent; decided: the request ended otherwise, e.g. in My Work).",
		"properties": Schema{
			"fields": Schema{"oneOf": []any{
				Schema{"type": "object", "additionalProperties": Schema{"type": "string"}},
				Schema{"type": "array", "items": Schema{"type": "string"}},
			}},
			"max_age": Schema{"type": "integer"},
			"reason":  Schema{"type": "string", "enum": strs(domain.LinkGoneReasons...)},
		}},
}

const slugPattern = "^[a-z0-9][a-z0-9-]{0,62}$"

func strs(v ...string) []any {
	out := make([]any, len(v))
	for i, s := range v {
		out[i] = s
	}
	return out
}
