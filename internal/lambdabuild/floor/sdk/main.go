// Command sdk is the floor every function's size and cold start are held
// to (internal/lambdabuild): a Lambda function that links what any of them
// must — aws-lambda-go, the SDK's default configuration, the DynamoDB and
// SES v2 clients and the API Gateway proxy adapter — and does nothing.
package main

import (
	"context"
	"net/http"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/sesv2"
	"github.com/awslabs/aws-lambda-go-api-proxy/httpadapter"
)

func main() {
	cfg, err := config.LoadDefaultConfig(context.Background())
	if err != nil {
		panic(err)
	}
	db, ses := dynamodb.NewFromConfig(cfg), sesv2.NewFromConfig(cfg)
	h := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = db, ses
		w.WriteHeader(http.StatusNoContent)
	})
	lambda.Start(httpadapter.NewV2(h).ProxyWithContext)
}
