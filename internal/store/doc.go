// Package store keeps the portal's data in one DynamoDB table through the
// AWS SDK v2. The key schema and indexes are defined once (Schema) and used
// by the local server, the tests and the CDK stack. Every multi-item change
// is one TransactWriteItems with conditions, so a race has one winner and a
// failure leaves nothing half-written. The access patterns are listed in
// docs/data-model.md.
package store
