package perf

import "github.com/personaportal/portal/internal/lambdabuild"

// The sizes make build writes to .build/sizes.json, and the floors' names
// there and in BenchmarkInit/<name> (internal/lambdabuild).
type (
	Sizes        = lambdabuild.Sizes
	FunctionSize = lambdabuild.FunctionSize
)

const (
	FloorSDK   = lambdabuild.FloorSDK
	FloorHello = lambdabuild.FloorHello
)

// DefaultInitPkg is where BenchmarkInit lives.
const DefaultInitPkg = "./internal/lambdabuild"

// ReadSizes reads a sizes.json (lambdabuild.ReadSizes).
var ReadSizes = lambdabuild.ReadSizes
