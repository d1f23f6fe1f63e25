package store

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// BatchGetPairs exposes batchGet to the store's tests: the items found
// under the (pk, sk) pairs, by "pk|sk".
func (s *Store) BatchGetPairs(ctx context.Context, pairs ...[2]string) (map[string]bool, error) {
	ks := make([]map[string]types.AttributeValue, 0, len(pairs))
	for _, p := range pairs {
		ks = append(ks, key(p[0], p[1]))
	}
	got, err := s.batchGet(ctx, ks...)
	found := map[string]bool{}
	for k := range got {
		found[k] = true
	}
	return found, err
}
