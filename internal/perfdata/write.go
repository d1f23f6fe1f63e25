package perfdata

import (
	"context"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// batchSize is the most writes one BatchWriteItem takes.
const batchSize = 25

// WriteAll sends reqs in BatchWriteItem calls of 25, sending again what
// DynamoDB left unprocessed (after a short pause, as AWS advises).
func WriteAll(ctx context.Context, db *dynamodb.Client, table string, reqs []types.WriteRequest) error {
	for len(reqs) > 0 {
		n := min(batchSize, len(reqs))
		pending := map[string][]types.WriteRequest{table: reqs[:n]}
		for try := 0; len(pending) > 0; try++ {
			if try == 10 {
				return fmt.Errorf("BatchWriteItem: %d writes still unprocessed after %d tries", len(pending[table]), try)
			}
			if try > 0 {
				time.Sleep(time.Duration(try) * 10 * time.Millisecond)
			}
			out, err := db.BatchWriteItem(ctx, &dynamodb.BatchWriteItemInput{RequestItems: pending})
			if err != nil {
				return err
			}
			pending = out.UnprocessedItems
		}
		reqs = reqs[n:]
	}
	return nil
}
