// Package awsconfig builds the AWS SDK configuration the portal's clients
// share, from the environment a Lambda function runs in. It does no I/O,
// so it is safe at cold start.
//
// It is not config.LoadDefaultConfig, on purpose: that resolver links
// every credential source of the SDK (SSO and its OIDC client, the STS
// client for roles and web identity, credential processes, the EC2 and
// container endpoints), about 1.8 MB in each function, and reads the
// shared config files at every cold start, for sources a Lambda function
// never has. Lambda hands a function its region and its role's temporary
// credentials in the environment (docs/decisions.md, decision 19).
package awsconfig

import (
	"errors"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
)

// Load returns the SDK configuration. getenv is os.Getenv (a test's map
// otherwise).
//
//   - With an endpoint (a local or emulated service: DynamoDB Local, the
//     SES emulator, SAM local), the region defaults to us-east-1 and the
//     credentials are static dummies.
//   - Otherwise the region is region (AWS_REGION, which Lambda sets) or
//     AWS_DEFAULT_REGION, and the credentials are AWS_ACCESS_KEY_ID,
//     AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN, which Lambda sets to the
//     function role's for the life of the execution environment (as the
//     SDK's own environment provider reads them). Either missing fails the
//     cold start at once rather than the first request.
//
// Each client sets its own endpoint and retries on top.
func Load(region, endpoint string, getenv func(string) string) (aws.Config, error) {
	if region == "" {
		region = getenv("AWS_DEFAULT_REGION")
	}
	if endpoint != "" {
		if region == "" {
			region = "us-east-1"
		}
		return aws.Config{Region: region, Credentials: credentials.NewStaticCredentialsProvider("local", "local", "")}, nil
	}
	if region == "" {
		return aws.Config{}, errors.New("no AWS region: AWS_REGION is not set")
	}
	key, secret := getenv("AWS_ACCESS_KEY_ID"), getenv("AWS_SECRET_ACCESS_KEY")
	if key == "" || secret == "" {
		return aws.Config{}, errors.New("no AWS credentials: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set")
	}
	return aws.Config{Region: region,
		Credentials: credentials.NewStaticCredentialsProvider(key, secret, getenv("AWS_SESSION_TOKEN"))}, nil
}
