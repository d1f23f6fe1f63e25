package lambdaapp

import (
	"context"
	"log/slog"
	"net/http"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/awslabs/aws-lambda-go-api-proxy/httpadapter"
	"github.com/personaportal/portal/internal/auth"
	"github.com/personaportal/portal/internal/httpapi"
	"github.com/personaportal/portal/internal/portal"
)

// Route is an HTTP operation as its function's main.go states it
// (generated from the operations table).
type Route struct {
	Name, Method, Path string
	Role               httpapi.Role
}

// NewProvisioner builds what a read-only function hands a caller's first
// sight to: InvokeProvisioner in the functions that may not write the
// table, nil in the others (which then link no Lambda client).
type NewProvisioner func(ctx context.Context, cfg Config, awsCfg aws.Config) (portal.Provisioner, error)

// Serve runs the function of an HTTP operation.
func Serve(rt Route, h httpapi.Method, provisioner NewProvisioner) {
	Start(rt.Name, func(ctx context.Context, cfg Config, log *slog.Logger) (any, error) {
		hh, err := HTTPHandler(ctx, cfg, rt, h, provisioner, log)
		if err != nil {
			return nil, err
		}
		return httpadapter.NewV2(hh).ProxyWithContext, nil
	})
}

// HTTPHandler builds the HTTP handler of one operation: a mux holding only
// its route (so path values work exactly as locally), behind the API's
// middleware and the JWT-authorizer identity.
func HTTPHandler(ctx context.Context, cfg Config, rt Route, h httpapi.Method, provisioner NewProvisioner, log *slog.Logger) (http.Handler, error) {
	awsCfg, st, err := clients(cfg)
	if err != nil {
		return nil, err
	}
	svc := portal.New(st, nil).WithPortalBaseURL(cfg.PortalBaseURL)
	if provisioner != nil && cfg.ProvisionFunction != "" {
		p, err := provisioner(ctx, cfg, awsCfg)
		if err != nil {
			return nil, err
		}
		svc.WithProvisioner(p)
	}
	api := &httpapi.API{Service: svc, Auth: auth.APIGateway{Config: cfg.Claims}, Log: log, EMF: true}
	mux := http.NewServeMux()
	api.Mount(mux, rt.Name, rt.Method, rt.Path, rt.Role, h)
	return api.Serve(mux), nil
}
