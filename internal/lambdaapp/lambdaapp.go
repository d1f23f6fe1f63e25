// Package lambdaapp is the composition root of every Lambda function: it
// reads the configuration from the environment once per cold start, builds
// the clients from one SDK configuration (no network I/O), and serves one
// operation through the API Gateway (HTTP API, payload 2.0) proxy adapter,
// or runs one job.
//
// Each functions/<operation>/main.go, generated from the operations table,
// is one call: Serve with its route and its own handler method, or
// Start with its job. This package never imports the operations table
// (which holds every handler), so each binary links one handler and what
// it uses; a test reads the binaries' symbols to hold that.
package lambdaapp

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strconv"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/personaportal/portal/internal/auth"
	"github.com/personaportal/portal/internal/awsconfig"
	"github.com/personaportal/portal/internal/mail"
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

// awsConfig builds the SDK configuration every client of the function
// shares, from Lambda's environment. With an emulator endpoint (tests) it
// uses the static dummy credentials awsconfig gives emulators.
func awsConfig(cfg Config) (aws.Config, error) {
	endpoint := cfg.DynamoDBEndpoint
	for _, e := range []string{cfg.Mail.Endpoint, cfg.LambdaEndpoint} {
		if endpoint == "" {
			endpoint = e
		}
	}
	return awsconfig.Load(cfg.Region, endpoint, os.Getenv)
}

// clients builds what every function starts from: the shared SDK
// configuration and the store on it.
func clients(cfg Config) (aws.Config, *store.Store, error) {
	awsCfg, err := awsConfig(cfg)
	if err != nil {
		return aws.Config{}, nil, err
	}
	db := store.NewClientFrom(awsCfg, store.ClientConfig{Endpoint: cfg.DynamoDBEndpoint, MaxAttempts: cfg.MaxAttempts})
	return awsCfg, store.New(db, cfg.Table), nil
}

// Builder builds what a function hands to lambda.Start, once per cold start.
type Builder func(ctx context.Context, cfg Config, log *slog.Logger) (any, error)

// Start runs a function: what build returns is handed to lambda.Start.
// A job's main.go calls it with its Builder (ProvisionIdentity, SendEmail,
// Expire), Serve with an HTTP operation's. Everything is built once, at
// cold start; a configuration error stops the function before it serves.
func Start(name string, build Builder) {
	log := slog.New(slog.NewJSONHandler(os.Stdout, nil)).With("function", name)
	cfg, err := ConfigFromEnv(os.Getenv)
	if err != nil {
		log.Error("configuration", "err", err)
		os.Exit(1)
	}
	h, err := build(context.Background(), cfg, log)
	if err != nil {
		log.Error("startup", "err", err)
		os.Exit(1)
	}
	lambda.Start(h)
}

// ProvisionIdentity builds the provision-identity function.
func ProvisionIdentity(_ context.Context, cfg Config, _ *slog.Logger) (any, error) {
	_, st, err := clients(cfg)
	if err != nil {
		return nil, err
	}
	return ProvisionHandler(portal.New(st, nil), st), nil
}

// Expire builds the expire job's function.
func Expire(_ context.Context, cfg Config, log *slog.Logger) (any, error) {
	_, st, err := clients(cfg)
	if err != nil {
		return nil, err
	}
	return ExpireHandler(portal.NewExpirer(st, nil), log), nil
}

// SendEmail builds the send-email job's function around its sender
// (sesmail.NewFrom, named by its main.go: no other function links SES).
func SendEmail[S portal.Mailer](newSender func(aws.Config, mail.SESConfig) S) Builder {
	return func(_ context.Context, cfg Config, log *slog.Logger) (any, error) {
		awsCfg, st, err := clients(cfg)
		if err != nil {
			return nil, err
		}
		return SendEmailHandler(portal.NewMailSender(st, newSender(awsCfg, cfg.Mail), nil), log), nil
	}
}
