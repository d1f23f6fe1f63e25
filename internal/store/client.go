package store

import (
	"net/http"
	"os"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
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
	// Uncounted leaves out the call-counting middleware: a bare client,
	// the baseline the benchmarks compare a handler's calls with.
	Uncounted bool
}

// NewClient builds a DynamoDB client with the call-counting middleware. It
// does no network I/O, so it is safe at Lambda cold start.
func NewClient(cfg ClientConfig) (*dynamodb.Client, error) {
	awsCfg, err := awsconfig.Load(cfg.Region, cfg.Endpoint, os.Getenv)
	if err != nil {
		return nil, err
	}
	// The local server and the tests send many requests at once over
	// loopback; the SDK's pool of 10 idle connections per host would open
	// (and leave in TIME_WAIT) a connection for most of them. A Lambda
	// function serves one request at a time and keeps the default.
	awsCfg.HTTPClient = awshttp.NewBuildableClient().WithTransportOptions(func(t *http.Transport) { t.MaxIdleConnsPerHost = 256 })
	return NewClientFrom(awsCfg, cfg), nil
}

// NewClientFrom builds the client from an SDK configuration the caller
// shares with its other clients (a Lambda function loads it once);
// cfg.Region is then ignored.
func NewClientFrom(awsCfg aws.Config, cfg ClientConfig) *dynamodb.Client {
	return dynamodb.NewFromConfig(awsCfg, func(o *dynamodb.Options) {
		if cfg.Endpoint != "" {
			o.BaseEndpoint = aws.String(cfg.Endpoint)
			// Emulators do not send DynamoDB's CRC32 response header.
			o.DisableValidateResponseChecksum = true
		}
		if cfg.MaxAttempts > 0 {
			o.RetryMaxAttempts = cfg.MaxAttempts
		}
		if !cfg.Uncounted {
			o.APIOptions = append(o.APIOptions, countCalls)
		}
	})
}
