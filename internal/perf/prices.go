package perf

// PriceID names a price of the cost model.
type PriceID string

// The prices the cost model uses.
const (
	HTTPAPIRequest    PriceID = "apigw-http-request"
	LambdaRequest     PriceID = "lambda-request"
	LambdaGBSecond    PriceID = "lambda-arm64-gb-s"
	DynamoDBReadUnit  PriceID = "ddb-rru"
	DynamoDBWriteUnit PriceID = "ddb-wru"
	SESEmail          PriceID = "ses-email"
)

// Price is one AWS list price in USD per Unit.
type Price struct {
	ID     PriceID
	What   string
	USD    float64
	Unit   string
	Source string
}

// PriceRegion and PriceDate say where and when the prices below hold: AWS
// list prices for us-east-1 (first pricing tier, no free tier), recorded on
// PriceDate from the pages in Source. They are not fetched at run time:
// check the pages before relying on the figures.
const (
	PriceRegion = "us-east-1"
	PriceDate   = "2026-11-24"
)

// Prices is the one table of prices the cost model and the doc use.
var Prices = []Price{
	{HTTPAPIRequest, "API Gateway HTTP API, per request (first 300 million a month)", 1.00 / 1e6, "request",
		"https://aws.amazon.com/api-gateway/pricing/"},
	{LambdaRequest, "Lambda, per request", 0.20 / 1e6, "request", "https://aws.amazon.com/lambda/pricing/"},
	{LambdaGBSecond, "Lambda on arm64 (Graviton), per GB-second of duration", 0.0000133334, "GB-s",
		"https://aws.amazon.com/lambda/pricing/"},
	{DynamoDBReadUnit, "DynamoDB on-demand, per read request unit", 0.125 / 1e6, "RRU",
		"https://aws.amazon.com/dynamodb/pricing/on-demand/"},
	{DynamoDBWriteUnit, "DynamoDB on-demand, per write request unit", 0.625 / 1e6, "WRU",
		"https://aws.amazon.com/dynamodb/pricing/on-demand/"},
	{SESEmail, "SES, per e-mail sent", 0.10 / 1000, "e-mail", "https://aws.amazon.com/ses/pricing/"},
}

// PriceOf is the price of id in USD per unit (0 when the table lacks it,
// which a test forbids).
func PriceOf(id PriceID) float64 {
	for _, p := range Prices {
		if p.ID == id {
			return p.USD
		}
	}
	return 0
}
