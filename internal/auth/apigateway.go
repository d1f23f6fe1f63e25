package auth

import (
	"net/http"

	"github.com/awslabs/aws-lambda-go-api-proxy/core"
	"github.com/personaportal/portal/internal/apierr"
)

// APIGateway reads the claims the HTTP API JWT authorizer validated. API
// Gateway has already refused missing or invalid tokens; a request that
// still arrives without claims is refused, never treated as anonymous.
type APIGateway struct{ Config Config }

// Authenticate implements Authenticator.
func (a APIGateway) Authenticate(r *http.Request) (Identity, error) {
	rc, ok := core.GetAPIGatewayV2ContextFromContext(r.Context())
	if !ok || rc.Authorizer == nil || rc.Authorizer.JWT == nil || len(rc.Authorizer.JWT.Claims) == 0 {
		return Identity{}, apierr.Unauthenticated("no validated token")
	}
	claims := make(map[string]any, len(rc.Authorizer.JWT.Claims))
	for k, v := range rc.Authorizer.JWT.Claims {
		claims[k] = v
	}
	return FromClaims(claims, a.Config)
}
