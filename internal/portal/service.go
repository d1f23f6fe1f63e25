// Package portal holds the portal's use cases: who the caller is, what the
// caller may see and change, and the rules that decide it. It talks to the
// table through the Store interface it owns and knows nothing of HTTP.
package portal

import (
	"context"
	"fmt"
	"net/url"
	"time"

	"github.com/personaportal/portal/internal/domain"
	"github.com/personaportal/portal/internal/mail"
	"github.com/personaportal/portal/internal/store"
)

// Store is what the portal needs from its storage. *store.Store (DynamoDB)
// implements it.
type Store interface {
	LoadCaller(ctx context.Context, tenant, sub string) (store.Caller, error)
	GetTenant(ctx context.Context, tenant string) (store.TenantConfig, error)
	PutSettings(ctx context.Context, tenant string, cfg store.TenantConfig, st domain.Settings, rec domain.AuditRecord) error

	UserIDByEmail(ctx context.Context, tenant, email string) (string, bool, error)
	LinkSubject(ctx context.Context, p domain.Profile, sub string, rec domain.AuditRecord) error
	CreateProfile(ctx context.Context, p domain.Profile, sub string, rec domain.AuditRecord) error
	GetProfile(ctx context.Context, tenant, uid string) (domain.Profile, error)
	UpdateProfile(ctx context.Context, before, after domain.Profile, rec domain.AuditRecord) error
	ListProfiles(ctx context.Context, tenant string, f store.ProfileFilter, page store.Page) ([]domain.Profile, []byte, error)

	HeldPersonas(ctx context.Context, tenant, uid string, page store.Page) ([]domain.Persona, []domain.PersonaDelegation, []byte, error)
	AllHeldPersonas(ctx context.Context, tenant, uid string) ([]domain.Persona, []domain.PersonaDelegation, error)
	ProfilePersonas(ctx context.Context, tenant, uid string, page store.Page) (*domain.Profile, []domain.Persona, []domain.PersonaDelegation, []byte, error)
	GetPersona(ctx context.Context, tenant, uid, pid string) (domain.Persona, error)
	LoadAssignment(ctx context.Context, tenant, uid, typ string) (store.Assignment, error)
	CreatePersona(ctx context.Context, p domain.Persona, prevPreferred string, rec domain.AuditRecord) error
	UpdatePersona(ctx context.Context, before, after domain.Persona, rec domain.AuditRecord) error
	SetPreferred(ctx context.Context, next domain.Persona, prev string, rec domain.AuditRecord) error
	SearchPersonas(ctx context.Context, tenant string, f store.PersonaFilter, page store.Page) ([]domain.Persona, []byte, error)
	GetSelection(ctx context.Context, tenant, uid, session string) (string, error)
	SelectPersona(ctx context.Context, uid, session string, p domain.Persona, delegationID string, until time.Time, rec domain.AuditRecord) error

	CreateDelegation(ctx context.Context, d domain.PersonaDelegation, persona domain.Persona, rec domain.AuditRecord, mails ...mail.Message) error
	Delegations(ctx context.Context, tenant, uid, direction string, page store.Page) ([]domain.PersonaDelegation, []byte, error)
	GetUserDelegation(ctx context.Context, tenant, uid, id string) (domain.PersonaDelegation, bool, error)
	RevokeDelegation(ctx context.Context, d domain.PersonaDelegation, at time.Time, rec domain.AuditRecord, mails ...mail.Message) error

	GetDefinition(ctx context.Context, tenant, typ string) (domain.Definition, error)
	ListDefinitions(ctx context.Context, tenant string, page store.Page) ([]domain.Definition, []byte, error)
	CreateDefinition(ctx context.Context, tenant string, cfg store.TenantConfig, d domain.Definition, rec domain.AuditRecord) error
	ReplaceDefinition(ctx context.Context, tenant string, cfg store.TenantConfig, before, after domain.Definition, rec domain.AuditRecord) error
	DeleteDefinition(ctx context.Context, tenant string, cfg store.TenantConfig, d domain.Definition, rec domain.AuditRecord) error

	GetApplication(ctx context.Context, tenant, id string) (domain.Application, error)
	ListApplications(ctx context.Context, tenant string, page store.Page) ([]domain.Application, []byte, error)
	AllApplications(ctx context.Context, tenant string) ([]domain.Application, error)
	PutApplication(ctx context.Context, tenant string, a domain.Application, prev int64, rec domain.AuditRecord) error
	DeleteApplication(ctx context.Context, tenant string, a domain.Application, rec domain.AuditRecord) error

	ScopedPersonas(ctx context.Context, tenant, typ, first string, page store.Page) ([]domain.Persona, []byte, error)
	ProfilesByID(ctx context.Context, tenant string, ids []string) (map[string]domain.Profile, error)
	DefinitionsByType(ctx context.Context, tenant string, typs []string) ([]domain.Definition, error)
	ProfileByEmail(ctx context.Context, tenant, email string) (domain.Profile, bool, error)

	CreateRequest(ctx context.Context, r domain.Request, rec domain.AuditRecord, mails ...mail.Message) error
	GetRequest(ctx context.Context, tenant, id string) (domain.Request, error)
	Decide(ctx context.Context, d store.Decision) error
	WorkList(ctx context.Context, tenant, uid, list string, f store.WorkFilter, page store.Page) ([]domain.Request, []byte, error)
	ResendRequest(ctx context.Context, before, after domain.Request, rec domain.AuditRecord, mails ...mail.Message) error
	Invitations(ctx context.Context, tenant, uid, state string, now time.Time, page store.Page) ([]store.InvitationRow, []byte, error)
	MailStatuses(ctx context.Context, tenant string, ids []string) (map[string]string, error)

	DueMail(ctx context.Context, now time.Time, limit int32) ([]store.Outbound, error)
	SaveMail(ctx context.Context, before, after store.Outbound) error

	ListAudit(ctx context.Context, tenant string, f store.AuditFilter, page store.Page) ([]domain.AuditRecord, []byte, error)

	EmailOwners(ctx context.Context, tenant string, emails []string) (map[string]string, error)
	LoadUser(ctx context.Context, tenant, uid string) (store.UserState, error)
	ImportUser(ctx context.Context, w store.UserWrite) error
}

var _ Store = (*store.Store)(nil)

// Service runs the portal's use cases.
type Service struct {
	store       Store
	now         domain.Clock
	provisioner Provisioner
	// portalURL is where the portal is for tenants that have not set their
	// own portal_base_url (the stack's portal URL in AWS, the local
	// server's own URL locally); links in answers and e-mails start with it.
	portalURL string
}

// WithPortalBaseURL makes base the portal_base_url of every tenant that has
// not set its own. Check it first with CheckPortalBaseURL.
func (s *Service) WithPortalBaseURL(base string) *Service {
	s.portalURL = base
	return s
}

// portalBase is where the caller's tenant's portal is: its own
// portal_base_url, else the service's; "" when neither is set.
func (s *Service) portalBase(c Caller) string {
	if c.Config.Settings.PortalBaseURL != "" {
		return c.Config.Settings.PortalBaseURL
	}
	return s.portalURL
}

// CheckPortalBaseURL accepts a portal URL a deployment may give every
// tenant: absolute https, or http on this machine (localhost, 127.0.0.1,
// [::1]), with no query or fragment.
func CheckPortalBaseURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return fmt.Errorf("portal URL %q is not an absolute URL such as https://portal.example.com", raw)
	}
	local := u.Hostname() == "localhost" || u.Hostname() == "127.0.0.1" || u.Hostname() == "::1"
	if u.Scheme != "https" && (u.Scheme != "http" || !local) {
		return fmt.Errorf("portal URL %q must be https (http only for localhost or 127.0.0.1)", raw)
	}
	return nil
}

// New returns a service on a store; now may be nil for the system clock.
func New(s Store, now domain.Clock) *Service {
	return &Service{store: s, now: now.OrSystem()}
}

// Page is one page of a list and where the next starts (nil: last page).
type Page[T any] struct {
	Items []T
	Next  []byte
}
