package perf

import (
	"math"
)

// DynamoDBLatencyMs is the cost model's assumption for one DynamoDB round
// trip from a Lambda function in the same region (single-digit
// milliseconds; 5 ms is on the slow side for GetItem/Query and about right
// for a transaction). The function waits for it, so it is billed.
const DynamoDBLatencyMs = 5.0

// CostInput is what the cost model needs of one operation.
type CostInput struct {
	Op string
	// HTTP is false for the scheduled jobs (no API Gateway request).
	HTTP     bool
	MemoryMB int
	// ComputeMs is the function's own time per request: the handler's
	// ns/op less the raw SDK calls' (what DynamoDB Local took), measured.
	ComputeMs float64
	// DBIncluded: ComputeMs was measured with DynamoDB Local's time in it,
	// which then stands in for DynamoDB's (no DynamoDBLatencyMs added).
	DBIncluded bool
	RoundTrips float64
	ReadUnits  float64
	WriteUnits float64
	// UnitsMeasured: the units are what DynamoDB reported for the
	// operation's calls (else estimated, see EstimateUnits).
	UnitsMeasured bool
}

// Cost is one operation's price per million requests, in USD, by part.
type Cost struct {
	CostInput
	// BilledMs is the Lambda duration billed per request: ComputeMs plus
	// the round trips at DynamoDBLatencyMs (unless DBIncluded), rounded up
	// to the millisecond as Lambda bills.
	BilledMs                                                            float64
	APIGateway, LambdaRequests, LambdaDuration, DynamoRead, DynamoWrite float64
}

// Total is the price of a million requests.
func (c Cost) Total() float64 {
	return c.APIGateway + c.LambdaRequests + c.LambdaDuration + c.DynamoRead + c.DynamoWrite
}

// PriceOp prices a million requests of an operation with Prices.
func PriceOp(in CostInput) Cost {
	const million = 1e6
	c := Cost{CostInput: in}
	wait := in.RoundTrips * DynamoDBLatencyMs
	if in.DBIncluded {
		wait = 0
	}
	c.BilledMs = math.Ceil(math.Max(in.ComputeMs, 0) + wait)
	if in.HTTP {
		c.APIGateway = million * PriceOf(HTTPAPIRequest)
	}
	c.LambdaRequests = million * PriceOf(LambdaRequest)
	c.LambdaDuration = million * float64(in.MemoryMB) / 1024 * c.BilledMs / 1000 * PriceOf(LambdaGBSecond)
	c.DynamoRead = million * in.ReadUnits * PriceOf(DynamoDBReadUnit)
	c.DynamoWrite = million * in.WriteUnits * PriceOf(DynamoDBWriteUnit)
	return c
}

// EstimateUnits is the fallback for an operation whose units were not
// metered: every item read is a strongly consistent read of an item under
// 4 KB (1 RRU; the store reads consistently and its items are small), and
// a writing operation writes what the metered writing operations wrote on
// average (writePerOp; 0 for a read-only operation).
func EstimateUnits(itemsRead float64, writes bool, writePerOp float64) (read, write float64) {
	if writes {
		write = writePerOp
	}
	return itemsRead, write
}
