package store

import (
	"context"
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/personaportal/portal/internal/apierr"
	"github.com/personaportal/portal/internal/domain"
)

// values marshals ":name", value pairs into expression attribute values.
func values(kv ...any) map[string]types.AttributeValue {
	m := make(map[string]types.AttributeValue, len(kv)/2)
	for i := 0; i+1 < len(kv); i += 2 {
		v, err := attributevalue.Marshal(kv[i+1])
		if err != nil {
			panic(fmt.Sprintf("store: marshal %v: %v", kv[i], err)) // programming error: only plain values pass here
		}
		m[kv[i].(string)] = emptyToNull(v)
	}
	return m
}

// emptyToNull writes empty lists and maps as NULL. DynamoDB accepts empty
// L and M, but the embedded emulator garbles them on the wire; NULL reads
// back as a nil slice or map everywhere, and the domain normalises those.
func emptyToNull(v types.AttributeValue) types.AttributeValue {
	switch x := v.(type) {
	case *types.AttributeValueMemberL:
		if len(x.Value) == 0 {
			return &types.AttributeValueMemberNULL{Value: true}
		}
		for i, e := range x.Value {
			x.Value[i] = emptyToNull(e)
		}
	case *types.AttributeValueMemberM:
		if len(x.Value) == 0 {
			return &types.AttributeValueMemberNULL{Value: true}
		}
		for k, e := range x.Value {
			x.Value[k] = emptyToNull(e)
		}
	}
	return v
}

// marshalItem marshals an item struct for writing.
func marshalItem(item any) (map[string]types.AttributeValue, error) {
	av, err := attributevalue.MarshalMap(item)
	for k, v := range av {
		av[k] = emptyToNull(v)
	}
	return av, err
}

// key builds a primary key.
func key(pk, sk string) map[string]types.AttributeValue {
	return map[string]types.AttributeValue{
		"pk": &types.AttributeValueMemberS{Value: pk},
		"sk": &types.AttributeValueMemberS{Value: sk},
	}
}

// txn collects the writes of one TransactWriteItems call, each with the
// error to report when its condition fails.
type txn struct {
	table string
	items []types.TransactWriteItem
	fails []error
	err   error
	// refused is why DynamoDB would refuse an item (checkItem): a 400.
	refused error
	// bytes is the size of what the writes store, for checkTx.
	bytes int
}

// checkItem records why DynamoDB would refuse what a write stores.
func (t *txn) checkItem(av map[string]types.AttributeValue) {
	size, err := checkItem(av)
	t.bytes += size
	if err != nil && t.refused == nil {
		t.refused = err
	}
}

func (s *Store) txn() *txn { return &txn{table: s.table} }

const (
	condNew    = "attribute_not_exists(pk)"
	condExists = "attribute_exists(pk)"
)

// put writes a whole item under a condition (empty: unconditional).
func (t *txn) put(item any, cond string, vals map[string]types.AttributeValue, fail error) {
	av, err := marshalItem(item)
	if err != nil {
		t.err = errors.Join(t.err, err)
		return
	}
	t.checkItem(av)
	p := &types.Put{TableName: aws.String(t.table), Item: av}
	if cond != "" {
		p.ExpressionAttributeNames = aliasNames(nil, &cond)
		p.ConditionExpression = aws.String(cond)
		p.ExpressionAttributeValues = vals
	}
	t.add(types.TransactWriteItem{Put: p}, fail)
}

// putVersioned writes an item that must still be at version prev (0: must
// not exist yet). The caller has set the item's version to prev+1.
func (t *txn) putVersioned(item any, prev int64, fail error) {
	if prev == 0 {
		t.put(item, condNew, nil, fail)
		return
	}
	t.put(item, "version = :prev", values(":prev", prev), fail)
}

// update applies an update expression under a condition.
func (t *txn) update(k map[string]types.AttributeValue, expr, cond string, vals map[string]types.AttributeValue, fail error) {
	t.checkItem(vals) // what the update writes: a lower bound of the item it leaves
	names := aliasNames(nil, &expr, &cond)
	u := &types.Update{TableName: aws.String(t.table), Key: k, UpdateExpression: aws.String(expr),
		ExpressionAttributeValues: vals, ExpressionAttributeNames: names}
	if cond != "" {
		u.ConditionExpression = aws.String(cond)
	}
	if len(vals) == 0 {
		u.ExpressionAttributeValues = nil
	}
	t.add(types.TransactWriteItem{Update: u}, fail)
}

// del deletes an item under a condition.
func (t *txn) del(k map[string]types.AttributeValue, cond string, vals map[string]types.AttributeValue, fail error) {
	d := &types.Delete{TableName: aws.String(t.table), Key: k}
	if cond != "" {
		d.ExpressionAttributeNames = aliasNames(nil, &cond)
		d.ConditionExpression = aws.String(cond)
		d.ExpressionAttributeValues = vals
	}
	t.add(types.TransactWriteItem{Delete: d}, fail)
}

// check asserts a condition on an item without writing it.
func (t *txn) check(k map[string]types.AttributeValue, cond string, vals map[string]types.AttributeValue, fail error) {
	names := aliasNames(nil, &cond)
	t.add(types.TransactWriteItem{ConditionCheck: &types.ConditionCheck{TableName: aws.String(t.table), Key: k,
		ConditionExpression: aws.String(cond), ExpressionAttributeValues: vals, ExpressionAttributeNames: names}}, fail)
}

// audit appends the audit record of the change: every change is audited in
// the same transaction, so there is never a change without its record.
func (t *txn) audit(tenant string, rec domain.AuditRecord) {
	t.put(auditToItem(tenant, rec), condNew, nil, nil)
}

func (t *txn) add(it types.TransactWriteItem, fail error) {
	t.items = append(t.items, it)
	t.fails = append(t.fails, fail)
}

// commit runs the transaction. A failed condition returns the error its
// write was given (or a generic conflict); any other failure is a 503:
// DynamoDB applied nothing.
func (s *Store) commit(ctx context.Context, t *txn) error {
	if t.err != nil {
		return apierr.Internal(t.err)
	}
	if t.refused != nil {
		return t.refused
	}
	if err := checkTx(len(t.items), t.bytes); err != nil {
		return err
	}
	_, err := s.db.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: t.items})
	if err == nil {
		return nil
	}
	var tce *types.TransactionCanceledException
	if errors.As(err, &tce) {
		for i, r := range tce.CancellationReasons {
			switch aws.ToString(r.Code) {
			case "ConditionalCheckFailed":
				if i < len(t.fails) && t.fails[i] != nil {
					return t.fails[i]
				}
				return apierr.Conflict("the object changed meanwhile; read it again and retry")
			case "TransactionConflict":
				return apierr.Conflict("a concurrent change won; read again and retry")
			}
		}
	}
	return dbErr(err)
}
