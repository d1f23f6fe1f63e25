// Package perfdata holds what the benchmarks share beside the portal: a
// plain DynamoDB client (no portal middleware) and the bulk loader that
// fills a tenant with personas through BatchWriteItem.
package perfdata

import (
	"context"
	"os"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/personaportal/portal/internal/awsconfig"
)

// Client is a bare *dynamodb.Client aimed at endpoint, configured as the
// portal's own (same retries, same checksum setting) but without its call
// counter: the baseline a handler's DynamoDB calls are compared with.
func Client(_ context.Context, endpoint string, maxAttempts int) (*dynamodb.Client, error) {
	cfg, err := awsconfig.Load("", endpoint, os.Getenv)
	if err != nil {
		return nil, err
	}
	return dynamodb.NewFromConfig(cfg, func(o *dynamodb.Options) {
		o.BaseEndpoint = aws.String(endpoint)
		// Emulators do not send DynamoDB's CRC32 response header.
		o.DisableValidateResponseChecksum = true
		if maxAttempts > 0 {
			o.RetryMaxAttempts = maxAttempts
		}
	}), nil
}
