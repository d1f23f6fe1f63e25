package store

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/personaportal/portal/internal/awsconfig"
)

// ClientConfig says where the DynamoDB client talks to.
type ClientConfig struct {
	// Endpoint, when set, aims the client at a local or emulated DynamoDB
	// (static dummy credentials are used then).
	Endpoint string
	Region   string
	// MaxAttempts caps SDK retries (0: SDK default of 3).
	MaxAttempts int
}

// NewClient builds a DynamoDB client with the call-counting middleware. It
// does no network I/O, so it is safe at Lambda cold start.
func NewClient(ctx context.Context, cfg ClientConfig) (*dynamodb.Client, error) {
	awsCfg, err := awsconfig.Load(ctx, cfg.Region, cfg.Endpoint, cfg.MaxAttempts)
	if err != nil {
		return nil, err
	}
	return dynamodb.NewFromConfig(awsCfg, func(o *dynamodb.Options) {
		if cfg.Endpoint != "" {
			o.BaseEndpoint = aws.String(cfg.Endpoint)
			// Emulators do not send DynamoDB's CRC32 response header.
			o.DisableValidateResponseChecksum = true
		}
		o.APIOptions = append(o.APIOptions, countCalls)
	}), nil
}
