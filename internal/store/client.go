package store

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
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
	opts := []func(*config.LoadOptions) error{}
	if cfg.Region != "" {
		opts = append(opts, config.WithRegion(cfg.Region))
	}
	if cfg.Endpoint != "" {
		if cfg.Region == "" {
			opts = append(opts, config.WithRegion("us-east-1"))
		}
		opts = append(opts, config.WithCredentialsProvider(credentials.NewStaticCredentialsProvider("local", "local", "")))
	}
	if cfg.MaxAttempts > 0 {
		opts = append(opts, config.WithRetryMaxAttempts(cfg.MaxAttempts))
	}
	awsCfg, err := config.LoadDefaultConfig(ctx, opts...)
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
