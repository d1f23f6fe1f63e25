package portal

import (
	"context"

	"github.com/personaportal/portal/internal/domain"
	"github.com/personaportal/portal/internal/store"
)

// exportWorkers is how many users' personas an export reads at once.
const exportWorkers = 16

// ExportUser is one user of an export: the profile and every persona it
// owns (all statuses, oldest first; personas lent to it are not its own).
type ExportUser struct {
	Profile  domain.Profile
	Personas []domain.Persona
}

// Export reads one page of the tenant's users (by e-mail) with their
// personas: one index query for the page, then one query per user.
func (s *Service) Export(ctx context.Context, c Caller, page store.Page) (Page[ExportUser], error) {
	ps, next, err := s.store.ListProfiles(ctx, c.Tenant, store.ProfileFilter{}, page)
	if err != nil {
		return Page[ExportUser]{}, err
	}
	out := make([]ExportUser, len(ps))
	errs := make([]error, len(ps))
	parallel(len(ps), exportWorkers, func(i int) {
		st, err := s.store.LoadUser(ctx, c.Tenant, ps[i].ID)
		out[i], errs[i] = ExportUser{Profile: st.Profile, Personas: s.derive(c, st.Personas)}, err
	})
	for _, err := range errs {
		if err != nil {
			return Page[ExportUser]{}, err
		}
	}
	return Page[ExportUser]{Items: out, Next: next}, nil
}
