package store

import (
	"context"
	"errors"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// Index is one global secondary index: string partition and sort keys,
// all attributes projected.
type Index struct {
	Name         string
	PartitionKey string
	SortKey      string
}

// TableSchema is the table's key schema: the single definition that the
// local server, the tests and the CDK stack all create the table from.
type TableSchema struct {
	PartitionKey string
	SortKey      string
	Indexes      []Index
	// TTLAttribute holds an epoch-seconds expiry for items DynamoDB may drop
	// (session selections). Nothing the portal relies on for correctness.
	TTLAttribute string
}

// Schema is the portal table's schema.
var Schema = TableSchema{
	PartitionKey: "pk",
	SortKey:      "sk",
	Indexes: []Index{
		{Name: "gsi1", PartitionKey: "gsi1pk", SortKey: "gsi1sk"},
		{Name: "gsi2", PartitionKey: "gsi2pk", SortKey: "gsi2sk"},
		{Name: "gsi3", PartitionKey: "gsi3pk", SortKey: "gsi3sk"},
		{Name: "gsi4", PartitionKey: "gsi4pk", SortKey: "gsi4sk"},
	},
	TTLAttribute: "ttl",
}

// CreateTableInput is the CreateTable request for the schema (on-demand).
func (s TableSchema) CreateTableInput(table string) *dynamodb.CreateTableInput {
	attrs := []types.AttributeDefinition{
		{AttributeName: aws.String(s.PartitionKey), AttributeType: types.ScalarAttributeTypeS},
		{AttributeName: aws.String(s.SortKey), AttributeType: types.ScalarAttributeTypeS},
	}
	var gsis []types.GlobalSecondaryIndex
	for _, ix := range s.Indexes {
		attrs = append(attrs,
			types.AttributeDefinition{AttributeName: aws.String(ix.PartitionKey), AttributeType: types.ScalarAttributeTypeS},
			types.AttributeDefinition{AttributeName: aws.String(ix.SortKey), AttributeType: types.ScalarAttributeTypeS})
		gsis = append(gsis, types.GlobalSecondaryIndex{
			IndexName: aws.String(ix.Name),
			KeySchema: []types.KeySchemaElement{
				{AttributeName: aws.String(ix.PartitionKey), KeyType: types.KeyTypeHash},
				{AttributeName: aws.String(ix.SortKey), KeyType: types.KeyTypeRange},
			},
			Projection: &types.Projection{ProjectionType: types.ProjectionTypeAll},
		})
	}
	return &dynamodb.CreateTableInput{
		TableName:            aws.String(table),
		BillingMode:          types.BillingModePayPerRequest,
		AttributeDefinitions: attrs,
		KeySchema: []types.KeySchemaElement{
			{AttributeName: aws.String(s.PartitionKey), KeyType: types.KeyTypeHash},
			{AttributeName: aws.String(s.SortKey), KeyType: types.KeyTypeRange},
		},
		GlobalSecondaryIndexes: gsis,
	}
}

// EnsureTable creates the table unless it exists. Only for local and test
// use: in AWS the CDK stack owns the table.
func EnsureTable(ctx context.Context, db *dynamodb.Client, table string) error {
	_, err := db.CreateTable(ctx, Schema.CreateTableInput(table))
	var inUse *types.ResourceInUseException
	if errors.As(err, &inUse) {
		return nil
	}
	return err
}
