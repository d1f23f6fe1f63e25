// Package lambdaapp is the composition root of every Lambda function: it
// reads the configuration from the environment once per cold start, builds
// the clients (no network I/O), and serves one operation of the operations
// table through the API Gateway (HTTP API, payload 2.0) proxy adapter.
// Each functions/<operation>/main.go is one call to Start.
package lambdaapp

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"strconv"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/awslabs/aws-lambda-go-api-proxy/httpadapter"
	"github.com/personaportal/portal/internal/auth"
	"github.com/personaportal/portal/internal/httpapi"
	"github.com/personaportal/portal/internal/mail"
	"github.com/personaportal/portal/internal/operations"
	"github.com/personaportal/portal/internal/portal"
	"github.com/personaportal/portal/internal/store"
)

// Config is what a function reads from its environment.
type Config struct {
	Table            string // TABLE_NAME (required)
	DynamoDBEndpoint string // DYNAMODB_ENDPOINT: a local DynamoDB (SAM local, tests)
	Region           string // AWS_REGION (set by Lambda)
	Claims           auth.Config
	Mail             mail.SESConfig // MAIL_FROM, MAIL_REPLY_TO, SES_CONFIGURATION_SET, SES_ENDPOINT
	MaxAttempts      int            // DYNAMODB_MAX_ATTEMPTS (SDK default when 0)
	// ProvisionFunction (PROVISION_FUNCTION) is the provision-identity
	// function a read-only function invokes on a caller's first request;
	// LambdaEndpoint (LAMBDA_ENDPOINT) aims that call elsewhere (tests).
	ProvisionFunction string
	LambdaEndpoint    string
	// PortalBaseURL (PORTAL_BASE_URL, the stack's portalUrl) is the
	// portal_base_url of every tenant that has not set its own, so that
	// magic links and e-mailed links are absolute.
	PortalBaseURL string
}

// ConfigFromEnv reads the configuration; a missing required value fails
// the cold start at once rather than the first request.
func ConfigFromEnv(getenv func(string) string) (Config, error) {
	c := Config{
		Table:            getenv("TABLE_NAME"),
		DynamoDBEndpoint: getenv("DYNAMODB_ENDPOINT"),
		Region:           getenv("AWS_REGION"),
		Claims: auth.Config{TenantClaim: getenv("TENANT_CLAIM"), GroupsClaim: getenv("GROUPS_CLAIM"),
			AdminGroup: getenv("ADMIN_GROUP")},
		Mail: mail.SESConfig{From: getenv("MAIL_FROM"), ReplyTo: getenv("MAIL_REPLY_TO"),
			ConfigurationSet: getenv("SES_CONFIGURATION_SET"), Endpoint: getenv("SES_ENDPOINT"), Region: getenv("AWS_REGION")},
	}
	c.ProvisionFunction, c.LambdaEndpoint = getenv("PROVISION_FUNCTION"), getenv("LAMBDA_ENDPOINT")
	c.PortalBaseURL = getenv("PORTAL_BASE_URL")
	if c.Table == "" {
		return c, errors.New("TABLE_NAME is not set")
	}
	if c.PortalBaseURL != "" {
		if err := portal.CheckPortalBaseURL(c.PortalBaseURL); err != nil {
			return c, fmt.Errorf("PORTAL_BASE_URL: %w", err)
		}
	}
	if v := getenv("DYNAMODB_MAX_ATTEMPTS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return c, fmt.Errorf("DYNAMODB_MAX_ATTEMPTS=%q is not a positive number", v)
		}
		c.MaxAttempts = n
	}
	return c, nil
}

// Handler builds the HTTP handler of one operation: a mux holding only its
// route (so path values work exactly as locally), behind the API's
// middleware and the JWT-authorizer identity.
func Handler(ctx context.Context, cfg Config, name string, log *slog.Logger) (http.Handler, error) {
	op, ok := operations.Find(name)
	if !ok {
		return nil, fmt.Errorf("no operation %q in the operations table", name)
	}
	if op.Method == "" {
		return nil, fmt.Errorf("%s serves no route: it is started by Start as an invoked function", name)
	}
	st, err := newStore(ctx, cfg)
	if err != nil {
		return nil, err
	}
	svc := portal.New(st, nil).WithPortalBaseURL(cfg.PortalBaseURL)
	if op.ReadOnly() && cfg.ProvisionFunction != "" {
		p, err := newInvokeProvisioner(ctx, cfg)
		if err != nil {
			return nil, err
		}
		svc.WithProvisioner(p)
	}
	api := &httpapi.API{Service: svc, Auth: auth.APIGateway{Config: cfg.Claims}, Log: log, EMF: true}
	mux := http.NewServeMux()
	operations.Mount(mux, api, op)
	return api.Serve(mux), nil
}

func newStore(ctx context.Context, cfg Config) (*store.Store, error) {
	db, err := store.NewClient(ctx, store.ClientConfig{Endpoint: cfg.DynamoDBEndpoint, Region: cfg.Region, MaxAttempts: cfg.MaxAttempts})
	if err != nil {
		return nil, err
	}
	return store.New(db, cfg.Table), nil
}

// Start runs the function of an operation. Everything is built once, at
// cold start; a configuration error stops the function before it serves.
func Start(name string) {
	log := slog.New(slog.NewJSONHandler(os.Stdout, nil)).With("function", name)
	cfg, err := ConfigFromEnv(os.Getenv)
	if err != nil {
		log.Error("configuration", "err", err)
		os.Exit(1)
	}
	h, err := function(context.Background(), cfg, name, log)
	if err != nil {
		log.Error("startup", "err", err)
		os.Exit(1)
	}
	lambda.Start(h)
}

// function builds what a function hands to lambda.Start: the typed handler
// of a function without a route, else the API Gateway proxy of its route.
func function(ctx context.Context, cfg Config, name string, log *slog.Logger) (any, error) {
	switch name {
	case operations.ProvisionIdentity, operations.Expire, operations.SendEmail:
		st, err := newStore(ctx, cfg)
		if err != nil {
			return nil, err
		}
		switch name {
		case operations.ProvisionIdentity:
			return ProvisionHandler(portal.New(st, nil), st), nil
		case operations.Expire:
			return ExpireHandler(portal.NewExpirer(st, nil), log), nil
		}
		ses, err := mail.NewSES(ctx, cfg.Mail)
		if err != nil {
			return nil, err
		}
		return SendEmailHandler(portal.NewMailSender(st, ses, nil), log), nil
	}
	h, err := Handler(ctx, cfg, name, log)
	if err != nil {
		return nil, err
	}
	return httpadapter.NewV2(h).ProxyWithContext, nil
}
