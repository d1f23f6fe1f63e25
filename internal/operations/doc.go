package operations

import "github.com/personaportal/portal/internal/domain"

// Doc says what an operation takes and answers. internal/openapi turns it
// into the operation's part of the OpenAPI document: the schemas come from
// the Go types named here (the ones the handler decodes and encodes, by
// their json tags), the error answers from rules over the rest of the
// table (role, path, body, needs) plus Errors.
type Doc struct {
	Summary string
	// Query lists the query parameters the handler reads.
	Query []Param
	// Body is a zero value of the request body's type; nil: no body.
	Body any
	// OptionalBody: the body may be left out altogether.
	OptionalBody bool
	// BodyMedia are the accepted request media types when not just JSON.
	BodyMedia []string
	// Status is the success status (0: 200).
	Status int
	// Response is a zero value of the success body's type; nil: no body.
	Response any
	// ResponseMedia are the success media types when not JSON.
	ResponseMedia []string
	// Errors are error codes (API.md) the operation answers beyond those
	// the rules give every operation of its kind.
	Errors []string
}

// SuccessStatus is the status of the operation's success answer.
func (d Doc) SuccessStatus() int {
	if d.Status == 0 {
		return 200
	}
	return d.Status
}

// Param is a query parameter: its JSON Schema and what it does.
type Param struct {
	Name        string
	Description string
	Schema      map[string]any
}

// Error codes an operation may add to those its kind answers.
const (
	FieldNotEditable = "field_not_editable"
	StepUpRequired   = "step_up_required"
	Forbidden        = "forbidden"
	FeatureDisabled  = "feature_disabled"
	NotFound         = "not_found"
	Conflict         = "conflict"
	Gone             = "gone"
	// The local-only routes (no rules apply to them) name all their codes.
	InvalidRequest = "invalid_request"
	Unavailable    = "unavailable"
	Internal       = "internal"
)

var (
	limit  = Param{"limit", "Page size.", map[string]any{"type": "integer", "minimum": 1, "maximum": 100, "default": 50}}
	cursor = Param{"cursor", "The `next_cursor` of the previous page; bound to the caller, the route and the filters.",
		map[string]any{"type": "string"}}
	// paged are the parameters of every paged list.
	paged = []Param{limit, cursor}
	// SlugPattern is a persona definition type (API.md).
	SlugPattern = "^[a-z0-9][a-z0-9-]{0,62}$"
)

func enum(values ...string) map[string]any { return map[string]any{"type": "string", "enum": values} }

func with(ps []Param, more ...Param) []Param { return append(append([]Param{}, ps...), more...) }

var (
	workQuery  = with(paged, Param{"q", "Matches the request title, case-insensitively.", map[string]any{"type": "string"}})
	usersQuery = with(paged, Param{"q", "Matches the name or e-mail, case-insensitively.", map[string]any{"type": "string"}})
	// adminUsersQuery finds users by a custom attribute too.
	adminUsersQuery = with(usersQuery,
		Param{"attribute", "Only users holding this custom attribute (its name).", map[string]any{"type": "string", "pattern": "^[A-Za-z_][A-Za-z0-9_.-]{0,63}$"}},
		Param{"value", "With attribute: only users whose attribute equals this value (as text, or as the number or boolean it spells).",
			map[string]any{"type": "string", "maxLength": 200}})
	historyQuery = with(workQuery, Param{"status", "Only requests of this status.",
		enum(domain.RequestAccepted, domain.RequestRejected, domain.RequestFailed, domain.RequestCancelled, domain.RequestExpired)})
	invitationsQuery = with(paged, Param{"state", "Only invitations in this state.", enum(domain.InvitationStates...)})
	directionQuery   = with(paged, Param{"direction", "Only delegations the caller granted, or received (default: both).",
		enum("granted", "received")})
	personaSearch = with(paged,
		Param{"type", "Personas of this type (exact).", map[string]any{"type": "string", "pattern": SlugPattern}},
		Param{"scope", "Personas whose scope contains this value.", map[string]any{"type": "string", "minLength": 1, "maxLength": 128}},
		Param{"status", "Personas of this status.", enum(domain.PersonaStatuses...)},
		Param{"email", "Personas with this e-mail (case-insensitive).", map[string]any{"type": "string", "format": "email"}},
		Param{"preferred", "Only preferred (true) or only other (false) personas.", map[string]any{"type": "boolean"}})
	auditQuery = with(paged,
		Param{"from", "Records at or after this instant.", map[string]any{"type": "string", "format": "date-time"}},
		Param{"to", "Records at or before this instant (default: now).", map[string]any{"type": "string", "format": "date-time"}},
		Param{"user_id", "Only records about this user.", map[string]any{"type": "string"}},
		Param{"actor", "Only records of this actor: a user ID or `system:<job>`.", map[string]any{"type": "string"}},
		Param{"action", "Only records of this action (exact, e.g. `persona.added`).", map[string]any{"type": "string", "pattern": "^[a-z][a-z_]{0,31}\\.[a-z][a-z_]{0,31}$"}})
	importQuery = []Param{{"dry_run", "Check and plan every line, write nothing.", map[string]any{"type": "boolean", "default": false}}}
	exportQuery = []Param{
		{"limit", "Users per page.", map[string]any{"type": "integer", "minimum": 1, "maximum": 1000, "default": 500}}, cursor}
)

// ImportMedia are the media types POST /admin/import reads.
var ImportMedia = []string{"application/x-ndjson", "application/jsonl", "application/json", "text/csv"}
