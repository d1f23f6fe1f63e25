// Package awsconfig loads the AWS SDK configuration the portal's clients
// share: the region, and for a local or emulated endpoint static dummy
// credentials. It does no network I/O, so it is safe at Lambda cold start.
package awsconfig

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
)

// Load returns the SDK configuration. With an endpoint (an emulator), the
// region defaults to us-east-1 and the credentials are static dummies.
// maxAttempts caps retries (0: the SDK default).
func Load(ctx context.Context, region, endpoint string, maxAttempts int) (aws.Config, error) {
	var opts []func(*config.LoadOptions) error
	if region != "" {
		opts = append(opts, config.WithRegion(region))
	}
	if endpoint != "" {
		if region == "" {
			opts = append(opts, config.WithRegion("us-east-1"))
		}
		opts = append(opts, config.WithCredentialsProvider(credentials.NewStaticCredentialsProvider("local", "local", "")))
	}
	if maxAttempts > 0 {
		opts = append(opts, config.WithRetryMaxAttempts(maxAttempts))
	}
	return config.LoadDefaultConfig(ctx, opts...)
}
