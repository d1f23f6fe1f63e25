// Package invoke hands a read-only function's first sight of a caller to
// the provision-identity function through the Lambda API. Only the
// read-only functions import it, so no other function links the Lambda
// client.
package invoke

import (
	"context"
	"encoding/json"
	"errors"

	"github.com/aws/aws-sdk-go-v2/aws"
	lambdasvc "github.com/aws/aws-sdk-go-v2/service/lambda"
	"github.com/personaportal/portal/internal/apierr"
	"github.com/personaportal/portal/internal/auth"
	"github.com/personaportal/portal/internal/domain"
	"github.com/personaportal/portal/internal/lambdaapp"
	"github.com/personaportal/portal/internal/portal"
)

// provisioner hands first sights to the provision-identity function.
type provisioner struct {
	client   *lambdasvc.Client
	function string
}

// Provisioner is the lambdaapp.NewProvisioner of the read-only functions.
func Provisioner(_ context.Context, cfg lambdaapp.Config, awsCfg aws.Config) (portal.Provisioner, error) {
	client := lambdasvc.NewFromConfig(awsCfg, func(o *lambdasvc.Options) {
		if cfg.LambdaEndpoint != "" {
			o.BaseEndpoint = aws.String(cfg.LambdaEndpoint)
		}
	})
	return &provisioner{client: client, function: cfg.ProvisionFunction}, nil
}

// Provision implements portal.Provisioner.
func (p *provisioner) Provision(ctx context.Context, id auth.Identity, _ domain.Settings) (string, error) {
	payload, _ := json.Marshal(lambdaapp.ProvisionRequest{Tenant: id.Tenant, Sub: id.Sub, Email: id.Email, EmailVerified: id.EmailVerified,
		GivenName: id.GivenName, FamilyName: id.FamilyName, Name: id.Name})
	out, err := p.client.Invoke(ctx, &lambdasvc.InvokeInput{FunctionName: aws.String(p.function), Payload: payload})
	if err != nil {
		return "", apierr.Unavailable(err)
	}
	if out.FunctionError != nil {
		return "", apierr.Unavailable(errors.New("provision-identity: " + *out.FunctionError + ": " + string(out.Payload)))
	}
	var res lambdaapp.ProvisionResponse
	if err := json.Unmarshal(out.Payload, &res); err != nil {
		return "", apierr.Internal(err)
	}
	if res.Error != nil {
		return "", &apierr.Error{Status: res.Error.Status, Code: res.Error.Code, Message: res.Error.Message}
	}
	return res.UserID, nil
}
