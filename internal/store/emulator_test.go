package store

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

func TestALastEvaluatedKeyIsPlacedAgainstThePartitionItStoppedIn(t *testing.T) {
	lek := func(part string) map[string]types.AttributeValue {
		return map[string]types.AttributeValue{"gsi1pk": &types.AttributeValueMemberS{Value: part}}
	}
	q := query{partAttr: "gsi1pk", partValue: "T#demo#INVITES#u1"}
	fwd := q
	fwd.forward = true
	for _, c := range []struct {
		name string
		q    query
		lek  map[string]types.AttributeValue
		want int
	}{
		{"no key: the list is done", q, nil, 0},
		{"inside the partition (DynamoDB)", q, lek("T#demo#INVITES#u1"), 0},
		{"descending, stopped in a later partition: not reached yet", q, lek("T#demo#USERS"), -1},
		{"descending, stopped in an earlier partition: passed it", q, lek("T#demo#AUDIT"), 1},
		{"ascending, stopped in an earlier partition: not reached yet", fwd, lek("T#demo#AUDIT"), -1},
		{"ascending, stopped in a later partition: passed it", fwd, lek("T#demo#USERS"), 1},
		{"a longer partition name starting with ours sorts before it (# < .)", fwd, lek("T#demo#INVITES#u1#x"), -1},
	} {
		if got := emulatorPosition(c.q, c.lek); got != c.want {
			t.Errorf("%s: %d, want %d", c.name, got, c.want)
		}
	}
}
