package portal

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"time"

	"github.com/personaportal/portal/internal/apierr"
	"github.com/personaportal/portal/internal/auth"
	"github.com/personaportal/portal/internal/domain"
	"github.com/personaportal/portal/internal/store"
)

// Caller is an authenticated caller with a profile in the tenant.
type Caller struct {
	auth.Identity
	UserID string
	// Config is the tenant's configuration as read with the caller.
	Config store.TenantConfig
}

// needsStepUp reports whether rights of a persona of type typ wait for
// the caller to authenticate again: its definition demands step-up and
// the caller's authentication is older than the tenant's
// step_up_max_age_seconds (or its time is unknown).
func (c Caller) needsStepUp(typ string, now time.Time) bool {
	if !c.Config.Definitions[typ].StepUpRequired {
		return false
	}
	maxAge := time.Duration(c.Config.Settings.StepUpMaxAgeSeconds) * time.Second
	return c.AuthTime.IsZero() || now.Sub(c.AuthTime) > maxAge
}

// stepUp is the RFC 9470 challenge for this tenant's maximum age.
func (c Caller) stepUp() error {
	return apierr.StepUpRequired(c.Config.Settings.StepUpMaxAgeSeconds)
}

// Actor is how the caller appears in audit records and status objects.
func (c Caller) Actor() string { return c.UserID }

// Resolve finds the caller's profile: by the identity link (one round trip,
// which also brings the tenant's configuration), else on first sight by a
// verified e-mail, else by auto-provisioning when the tenant allows it.
func (s *Service) Resolve(ctx context.Context, id auth.Identity) (Caller, error) {
	lc, err := s.store.LoadCaller(ctx, id.Tenant, id.Sub)
	if err != nil {
		return Caller{}, err
	}
	if !lc.Linked {
		provision := s.Provision
		if s.provisioner != nil {
			provision = s.provisioner.Provision
		}
		uid, err := provision(ctx, id, lc.Tenant.Settings)
		if err != nil {
			return Caller{}, err
		}
		return Caller{Identity: id, UserID: uid, Config: lc.Tenant}, nil
	}
	if lc.Link.Status == domain.ProfileDisabled {
		return Caller{}, apierr.ProfileDisabled()
	}
	return Caller{Identity: id, UserID: lc.Link.UserID, Config: lc.Tenant}, nil
}

// Provisioner links or creates the profile of a subject seen for the first
// time. The service does it itself unless given another (the read-only
// Lambda functions, which may not write the table, invoke the
// provision-identity function).
type Provisioner interface {
	Provision(ctx context.Context, id auth.Identity, st domain.Settings) (string, error)
}

// WithProvisioner makes the service hand first sights to p.
func (s *Service) WithProvisioner(p Provisioner) *Service {
	s.provisioner = p
	return s
}

// Provision links or creates the profile of a subject seen for the first
// time. A concurrent first request may win the link; the loser reads it.
func (s *Service) Provision(ctx context.Context, id auth.Identity, st domain.Settings) (string, error) {
	uid, err := s.linkByEmail(ctx, id)
	if err != nil || uid != "" {
		return s.afterRace(ctx, id, uid, err)
	}
	if !st.AutoProvisionUsers || id.Email == "" {
		return "", apierr.ProfileNotFound()
	}
	now := s.now()
	p := domain.Profile{Tenant: id.Tenant, ID: domain.NewID(), Email: domain.NormalizeEmail(id.Email),
		GivenName: id.GivenName, FamilyName: id.FamilyName, DisplayName: id.Name,
		Attributes: map[string]any{}, Status: domain.ProfileActive, CreatedAt: now, UpdatedAt: now}
	rec := domain.NewAudit(now, "system:auto-provision", "profile.provisioned",
		domain.Target{Kind: "profile", ID: p.ID, UserID: p.ID}, nil, p)
	err = s.store.CreateProfile(ctx, p, id.Sub, rec)
	if errors.Is(err, apierr.KindConflict) {
		// Either a concurrent request linked this subject, or the e-mail
		// belongs to a profile this unverified token may not claim.
		return s.afterRace(ctx, id, "", err)
	}
	return p.ID, err
}

// linkByEmail links the subject to the profile holding its verified e-mail.
func (s *Service) linkByEmail(ctx context.Context, id auth.Identity) (string, error) {
	if !id.EmailVerified || id.Email == "" {
		return "", nil
	}
	uid, found, err := s.store.UserIDByEmail(ctx, id.Tenant, domain.NormalizeEmail(id.Email))
	if err != nil || !found {
		return "", err
	}
	p, err := s.store.GetProfile(ctx, id.Tenant, uid)
	if err != nil {
		return "", err
	}
	if p.Status == domain.ProfileDisabled {
		return "", apierr.ProfileDisabled()
	}
	rec := domain.NewAudit(s.now(), "system:link", "profile.linked",
		domain.Target{Kind: "profile", ID: p.ID, UserID: p.ID}, nil, map[string]string{"sub": id.Sub})
	return p.ID, s.store.LinkSubject(ctx, p, id.Sub, rec)
}

// afterRace settles a first sight that lost a race: if the subject is now
// linked, that link wins; otherwise the original outcome stands.
func (s *Service) afterRace(ctx context.Context, id auth.Identity, uid string, err error) (string, error) {
	if !errors.Is(err, apierr.KindConflict) {
		return uid, err
	}
	lc, rerr := s.store.LoadCaller(ctx, id.Tenant, id.Sub)
	if rerr != nil {
		return "", rerr
	}
	if !lc.Linked {
		return "", apierr.ProfileNotFound()
	}
	if lc.Link.Status == domain.ProfileDisabled {
		return "", apierr.ProfileDisabled()
	}
	return lc.Link.UserID, nil
}

func hashSession(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:8])
}
