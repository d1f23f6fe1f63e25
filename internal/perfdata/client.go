// Package perfdata holds what the benchmarks share beside the portal: a
// plain DynamoDB client (no portal middleware) and the bulk loader that
// fills a tenant with personas through BatchWriteItem.
package perfdata

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/personaportal/portal/internal/store"
)

// Client is a bare *dynamodb.Client aimed at endpoint, configured as the
// portal's own (same retries, checksum setting and connection pool) but
// without its call counter: the baseline a handler's DynamoDB calls are
// compared with.
func Client(_ context.Context, endpoint string, maxAttempts int) (*dynamodb.Client, error) {
	return store.NewClient(store.ClientConfig{Endpoint: endpoint, MaxAttempts: maxAttempts, Uncounted: true})
}
