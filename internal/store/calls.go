package store

import (
	"context"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/smithy-go/middleware"
)

type callsKey struct{}

// CallCounter counts DynamoDB calls made with a context, and the items they
// read. One counts per API call (a retried call counts once): the budget is
// about round trips the code asks for, which retries do not change.
type CallCounter struct {
	n, items atomic.Int64
	// log, when non-nil, receives every call (WithCallRecorder).
	mu  sync.Mutex
	log *[]Call
}

// Call is one DynamoDB API call a recorder saw.
type Call struct {
	// Op is the API operation ("GetItem", "TransactWriteItems", ...).
	Op string
	// Input is the *dynamodb.<Op>Input the code sent; Output the
	// *dynamodb.<Op>Output it got (nil when the call failed).
	Input, Output any
	Err           error
}

// Count is the number of calls so far.
func (c *CallCounter) Count() int { return int(c.n.Load()) }

// Items is the number of items the calls so far read (see ItemsRead).
func (c *CallCounter) Items() int { return int(c.items.Load()) }

// Calls returns the recorded calls (nil unless made by WithCallRecorder).
func (c *CallCounter) Calls() []Call {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.log == nil {
		return nil
	}
	return append([]Call(nil), *c.log...)
}

// Reset zeroes the counts and empties the log, keeping its storage, so a
// benchmark can reuse one recorder without allocating per iteration.
func (c *CallCounter) Reset() {
	c.n.Store(0)
	c.items.Store(0)
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.log != nil {
		*c.log = (*c.log)[:0]
	}
}

// WithCallCounter returns a context whose DynamoDB calls are counted.
func WithCallCounter(ctx context.Context) (context.Context, *CallCounter) {
	c := &CallCounter{}
	return context.WithValue(ctx, callsKey{}, c), c
}

// WithCallRecorder is WithCallCounter that also keeps every call with its
// input and output (the benchmarks replay them through a bare client).
func WithCallRecorder(ctx context.Context) (context.Context, *CallCounter) {
	c := &CallCounter{log: new([]Call)}
	return context.WithValue(ctx, callsKey{}, c), c
}

// WithCounter returns a context whose calls go to an existing counter.
func WithCounter(ctx context.Context, c *CallCounter) context.Context {
	return context.WithValue(ctx, callsKey{}, c)
}

// CallsFrom returns the counter of ctx, or nil.
func CallsFrom(ctx context.Context) *CallCounter {
	c, _ := ctx.Value(callsKey{}).(*CallCounter)
	return c
}

// ItemsRead is the number of items a call's output says it read: a GetItem
// that found its item, a Query's or Scan's ScannedCount (what DynamoDB read
// and charges, before any filter), every BatchGetItem response, every
// TransactGetItems item found. Writes read none. (minidyn reports no
// ScannedCount: the items a query returned are then the best bound.)
func ItemsRead(output any) int {
	switch o := output.(type) {
	case *dynamodb.GetItemOutput:
		if o.Item != nil {
			return 1
		}
	case *dynamodb.QueryOutput:
		return int(max(o.ScannedCount, o.Count))
	case *dynamodb.ScanOutput:
		return int(max(o.ScannedCount, o.Count))
	case *dynamodb.BatchGetItemOutput:
		n := 0
		for _, items := range o.Responses {
			n += len(items)
		}
		return n
	case *dynamodb.TransactGetItemsOutput:
		n := 0
		for _, r := range o.Responses {
			if r.Item != nil {
				n++
			}
		}
		return n
	}
	return 0
}

// countCalls is an SDK middleware at the Initialize step, which runs once
// per API call before retries (and, added last, before the SDK fills
// defaults such as a transaction's idempotency token into the input).
func countCalls(stack *middleware.Stack) error {
	return stack.Initialize.Add(middleware.InitializeMiddlewareFunc("PortalCallCounter",
		func(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
			c := CallsFrom(ctx)
			if c == nil {
				return next.HandleInitialize(ctx, in)
			}
			c.n.Add(1)
			out, md, err := next.HandleInitialize(ctx, in)
			var result any
			if err == nil {
				result = out.Result
				c.items.Add(int64(ItemsRead(result)))
			}
			if c.log != nil {
				op := strings.TrimSuffix(reflect.TypeOf(in.Parameters).Elem().Name(), "Input")
				c.mu.Lock()
				*c.log = append(*c.log, Call{Op: op, Input: in.Parameters, Output: result, Err: err})
				c.mu.Unlock()
			}
			return out, md, err
		}), middleware.Before)
}
