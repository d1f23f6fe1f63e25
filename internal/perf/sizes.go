package perf

import (
	"encoding/json"
	"fmt"
	"os"
	"sort"
)

// Sizes is what make build writes to .build/sizes.json: each function's
// bootstrap and zip sizes, and the floors built in the same run (a
// hello-world and an SDK floor linking what every function needs).
type Sizes struct {
	GOARCH    string           `json:"goarch"`
	Floor     map[string]int64 `json:"floor"`
	Functions []FunctionSize   `json:"functions"`
}

// FunctionSize is one function's build.
type FunctionSize struct {
	Name  string  `json:"name"`
	Bytes int64   `json:"bytes"`
	Zip   int64   `json:"zip"`
	Ratio float64 `json:"ratio"` // bytes over the SDK floor's
}

// The floors' names: in sizes.json, and in BenchmarkInit/<name>.
const (
	FloorSDK       = "sdk-floor"
	FloorHello     = "hello"
	InitFloorSDK   = "floor-sdk"
	InitFloorHello = "floor-hello"
)

// ReadSizes reads a sizes.json; the functions come sorted by name.
func ReadSizes(path string) (*Sizes, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var s Sizes
	if err := json.Unmarshal(b, &s); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if s.Floor[FloorSDK] <= 0 {
		return nil, fmt.Errorf("%s: no %q floor", path, FloorSDK)
	}
	sort.Slice(s.Functions, func(i, j int) bool { return s.Functions[i].Name < s.Functions[j].Name })
	return &s, nil
}
