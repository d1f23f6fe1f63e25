package store

import (
	"context"
	"sync/atomic"

	"github.com/aws/smithy-go/middleware"
)

type callsKey struct{}

// CallCounter counts DynamoDB calls made with a context. One counts per API
// call (a retried call counts once): the budget is about round trips the
// code asks for, which retries do not change.
type CallCounter struct{ n atomic.Int64 }

// Count is the number of calls so far.
func (c *CallCounter) Count() int { return int(c.n.Load()) }

// WithCallCounter returns a context whose DynamoDB calls are counted.
func WithCallCounter(ctx context.Context) (context.Context, *CallCounter) {
	c := &CallCounter{}
	return context.WithValue(ctx, callsKey{}, c), c
}

// CallsFrom returns the counter of ctx, or nil.
func CallsFrom(ctx context.Context) *CallCounter {
	c, _ := ctx.Value(callsKey{}).(*CallCounter)
	return c
}

// countCalls is an SDK middleware at the Initialize step, which runs once
// per API call before retries.
func countCalls(stack *middleware.Stack) error {
	return stack.Initialize.Add(middleware.InitializeMiddlewareFunc("PortalCallCounter",
		func(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
			if c := CallsFrom(ctx); c != nil {
				c.n.Add(1)
			}
			return next.HandleInitialize(ctx, in)
		}), middleware.Before)
}
