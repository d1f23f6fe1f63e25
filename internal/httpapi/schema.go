package httpapi

// The request and response types of the handlers, named for the operations
// table (internal/operations), which hands them to the OpenAPI generator:
// the document's schemas are these very types, so they cannot drift apart.
type (
	PersonaIDBody      = personaIDBody
	ReasonBody         = reasonBody
	InvitationBody     = invitationBody
	InvitationResponse = invitationResponse
	ResendBody         = resendBody
	NewPersonaBody     = newPersonaBody
	PersonaPatchBody   = personaPatchBody
	LoanBody           = loanBody
	NewUserBody        = newUserBody
	AdminProfileFields = adminProfileFields
	ProfileFields      = profileFields
	HealthBody         = healthBody
	// ErrorBody is the one error shape (API.md): {"error": {"code", "message", "details"}}.
	ErrorBody = errorBody
	// EmptyBody is the body of the actions that take none (accept): an
	// empty JSON object, or nothing at all.
	EmptyBody = struct{}
	// List is the shape of every list: {"items": [...], "next_cursor": "..." | null}.
	List[T any] = list[T]
)
