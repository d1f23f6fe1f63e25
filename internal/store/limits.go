package store

import (
	"fmt"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/personaportal/portal/internal/apierr"
)

// DynamoDB's limits on one item. The domain keeps what a request may set
// well inside them (domain.MaxAttributesBytes, MaxAttributeDepth); this is
// the last check before a write, for what only the whole item shows (an
// import line's audit record holds every persona it touched, before and
// after): DynamoDB would refuse the item with a ValidationException, which
// is the request's fault, not an outage.
const (
	maxItemBytes = 400 * 1024
	// maxItemDepth: DynamoDB (and DynamoDB Local) refuse a top-level
	// attribute holding 32 levels of maps and lists ("Nesting Levels have
	// exceeded supported limits"); 31 are stored.
	maxItemDepth = 31
)

// DynamoDB's limits on one transaction: "Member must have length less
// than or equal to 100" beyond maxTxActions, and a ValidationException
// beyond maxTxBytes of items in all.
const (
	maxTxActions = 100
	maxTxBytes   = 4 * 1024 * 1024
)

// checkItem refuses an item (or the values an update writes) DynamoDB
// would refuse for its size or nesting, and returns its size.
func checkItem(av map[string]types.AttributeValue) (int, error) {
	size := 0
	for name, v := range av {
		size += len(name) + valueSize(v)
		if valueDepth(v) > maxItemDepth {
			return size, apierr.Malformed(fmt.Sprintf("the change nests values more than %d levels deep, which cannot be stored", maxItemDepth))
		}
	}
	if size > maxItemBytes {
		return size, apierr.Malformed(fmt.Sprintf("the change is too large to store: it would write a record of about %d KB, over the 400 KB a record may hold; make it smaller (an import line: put fewer personas on it)", size/1000))
	}
	return size, nil
}

// checkTx refuses a transaction DynamoDB would refuse for its length or
// size: the request's fault (an import line with too much on it).
func checkTx(actions, bytes int) error {
	if actions > maxTxActions || bytes > maxTxBytes {
		return apierr.Malformed(fmt.Sprintf("the change is too large to store at once: %d records and about %d KB, over DynamoDB's %d and 4 MB a transaction may hold; make it smaller (an import line: put fewer personas on it)",
			actions, bytes/1000, maxTxActions))
	}
	return nil
}

// valueSize is an attribute value's size as DynamoDB counts it: strings and
// binaries by length, numbers by about one byte per two digits, one byte for
// booleans and nulls, three bytes per list or map plus one per element and
// the names of map entries.
func valueSize(v types.AttributeValue) int {
	switch x := v.(type) {
	case *types.AttributeValueMemberS:
		return len(x.Value)
	case *types.AttributeValueMemberN:
		return len(x.Value)/2 + 2
	case *types.AttributeValueMemberB:
		return len(x.Value)
	case *types.AttributeValueMemberSS:
		n := 0
		for _, s := range x.Value {
			n += len(s)
		}
		return n
	case *types.AttributeValueMemberNS:
		n := 0
		for _, s := range x.Value {
			n += len(s)/2 + 2
		}
		return n
	case *types.AttributeValueMemberBS:
		n := 0
		for _, b := range x.Value {
			n += len(b)
		}
		return n
	case *types.AttributeValueMemberL:
		n := 3
		for _, e := range x.Value {
			n += 1 + valueSize(e)
		}
		return n
	case *types.AttributeValueMemberM:
		n := 3
		for k, e := range x.Value {
			n += 1 + len(k) + valueSize(e)
		}
		return n
	}
	return 1
}

// valueDepth counts nesting as DynamoDB does: a top-level map or list is
// level 1.
func valueDepth(v types.AttributeValue) int {
	d := 0
	switch x := v.(type) {
	case *types.AttributeValueMemberL:
		for _, e := range x.Value {
			d = max(d, valueDepth(e))
		}
		return 1 + d
	case *types.AttributeValueMemberM:
		for _, e := range x.Value {
			d = max(d, valueDepth(e))
		}
		return 1 + d
	}
	return 0
}
