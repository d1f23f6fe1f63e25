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
	"slices"
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
	if c.Table == "" {
		return c, errors.New("TABLE_NAME is not set")
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
	db, err := store.NewClient(ctx, store.ClientConfig{Endpoint: cfg.DynamoDBEndpoint, Region: cfg.Region, MaxAttempts: cfg.MaxAttempts})
	if err != nil {
		return nil, err
	}
	var mailer portal.Mailer
	if cfg.Mail.From != "" && slices.Contains(op.Needs, operations.SendEmail) {
		if mailer, err = mail.NewSES(ctx, cfg.Mail); err != nil {
			return nil, err
		}
	}
	api := &httpapi.API{Service: portal.New(store.New(db, cfg.Table), nil, mailer),
		Auth: auth.APIGateway{Config: cfg.Claims}, Log: log}
	mux := http.NewServeMux()
	operations.Mount(mux, api, op)
	return api.Serve(mux), nil
}

// Start runs the function of an operation. Everything is built once, at
// cold start; a configuration error stops the function before it serves.
func Start(name string) {
	log := slog.New(slog.NewJSONHandler(os.Stdout, nil)).With("operation", name)
	cfg, err := ConfigFromEnv(os.Getenv)
	if err != nil {
		log.Error("configuration", "err", err)
		os.Exit(1)
	}
	h, err := Handler(context.Background(), cfg, name, log)
	if err != nil {
		log.Error("startup", "err", err)
		os.Exit(1)
	}
	lambda.Start(httpadapter.NewV2(h).ProxyWithContext)
}
