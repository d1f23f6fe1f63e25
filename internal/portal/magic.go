package portal

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"strings"

	"github.com/google/uuid"
	"github.com/personaportal/portal/internal/apierr"
	"github.com/personaportal/portal/internal/domain"
)

// A magic-link token is base64url(request ID (16 bytes) || 32 bytes from
// crypto/rand): 256 random bits, and the request it stands for, so opening
// it is one read. Only its SHA-256 is stored; the comparison is
// constant-time.

const magicRandomBytes = 32

func newMagicToken(requestID string) (token, hash string) {
	b := make([]byte, 16+magicRandomBytes)
	id := uuid.MustParse(requestID)
	copy(b, id[:])
	if _, err := rand.Read(b[16:]); err != nil {
		panic("crypto/rand failed: " + err.Error()) // the platform is broken; never issue a weak token
	}
	token = base64.RawURLEncoding.EncodeToString(b)
	return token, hashToken(token)
}

func hashToken(token string) string {
	h := sha256.Sum256([]byte(token))
	return hex.EncodeToString(h[:])
}

func sameHash(a, b string) bool { return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1 }

func parseMagicToken(token string) (string, bool) {
	b, err := base64.RawURLEncoding.DecodeString(token)
	if err != nil || len(b) != 16+magicRandomBytes {
		return "", false
	}
	id, err := uuid.FromBytes(b[:16])
	return id.String(), err == nil
}

// magicURL is the link a user opens: {portal_base_url}/magic/{token}.
func magicURL(base, token string) string {
	return strings.TrimRight(base, "/") + PageMagic + token
}

var errLinkNotFound = apierr.NotFound("magic link")

// goneMessages are the 410 messages by details.reason.
var goneMessages = map[string]string{
	domain.LinkUsed:      "this magic link was already used",
	domain.LinkExpired:   "this magic link has expired",
	domain.LinkWithdrawn: "this invitation was withdrawn: the link is no longer valid",
	domain.LinkReplaced:  "this magic link is no longer valid: a newer link was sent",
	domain.LinkDecided:   "the request of this magic link was already decided",
}

func errLinkGone(reason string) error { return apierr.Gone(reason, goneMessages[reason]) }

// OpenMagicLink returns the request a magic link stands for. Only the
// request's subject may open it (anyone else: not_found); a link that was
// used, replaced by a resend, has expired, or whose request is no longer
// pending is gone, with the reason (domain.LinkGone). It never changes
// anything, so mail scanners that open links cannot spend them.
func (s *Service) OpenMagicLink(ctx context.Context, c Caller, token string) (domain.Request, error) {
	id, ok := parseMagicToken(token)
	if !ok {
		return domain.Request{}, errLinkNotFound
	}
	r, err := s.store.GetRequest(ctx, c.Tenant, id)
	if err != nil {
		return domain.Request{}, err
	}
	hash := hashToken(token)
	if r.Subject.ID != c.UserID {
		return domain.Request{}, errLinkNotFound
	}
	if r.MagicHash == "" || !sameHash(hash, r.MagicHash) {
		// A link a resend replaced tells its subject so; a random token
		// (or another's) stays not found.
		for _, old := range r.MagicRetired {
			if sameHash(hash, old) {
				return domain.Request{}, errLinkGone(domain.LinkReplaced)
			}
		}
		return domain.Request{}, errLinkNotFound
	}
	if reason := r.LinkGone(s.now()); reason != "" {
		return domain.Request{}, errLinkGone(reason)
	}
	return r, nil
}

// DecideByMagicLink accepts or rejects the request of a magic link and
// spends the link in the same write.
func (s *Service) DecideByMagicLink(ctx context.Context, c Caller, token string, t domain.Transition, reason string) (domain.Request, error) {
	r, err := s.OpenMagicLink(ctx, c, token)
	if err != nil {
		return domain.Request{}, err
	}
	r.MagicUsed = true // carried into the decided request
	return s.decide(ctx, c, r, t, reason)
}
