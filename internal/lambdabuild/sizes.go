package lambdabuild

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
)

// Sizes is what make build reports and writes to .build/sizes.json (make
// perf reads it): each function's size against the floors of the same run.
type Sizes struct {
	GOARCH    string           `json:"goarch"`
	Floor     map[string]int64 `json:"floor"` // floor-hello, floor-sdk → bytes
	Functions []FunctionSize   `json:"functions"`
}

// FunctionSize is one function's bootstrap and deployment package.
type FunctionSize struct {
	Name  string  `json:"name"`
	Bytes int64   `json:"bytes"`
	Zip   int64   `json:"zip"`
	Ratio float64 `json:"ratio"` // Bytes / floor-sdk's
}

// Summarize splits results into floors and functions, the functions
// largest first.
func Summarize(goarch string, results []Result) Sizes {
	s := Sizes{GOARCH: goarch, Floor: map[string]int64{}}
	for _, r := range results {
		if r.Floor {
			s.Floor[r.Name] = r.Bytes
		}
	}
	for _, r := range results {
		if !r.Floor {
			s.Functions = append(s.Functions, FunctionSize{Name: r.Name, Bytes: r.Bytes, Zip: r.Zip,
				Ratio: float64(r.Bytes) / float64(s.Floor[FloorSDK])})
		}
	}
	slices.SortStableFunc(s.Functions, func(a, b FunctionSize) int { return int(b.Bytes - a.Bytes) })
	return s
}

// Over lists the functions above MaxRatio.
func (s Sizes) Over() []FunctionSize {
	var out []FunctionSize
	for _, f := range s.Functions {
		if f.Ratio > MaxRatio {
			out = append(out, f)
		}
	}
	return out
}

// Print writes the table make build shows.
func (s Sizes) Print(w io.Writer) {
	mib := func(n int64) string { return fmt.Sprintf("%.2f MiB", float64(n)/(1<<20)) }
	fmt.Fprintf(w, "%-30s %12s %12s %8s\n", "function ("+s.GOARCH+")", "bootstrap", "zip", "× floor")
	for _, name := range []string{FloorHello, FloorSDK} {
		fmt.Fprintf(w, "%-30s %12s %12s %8.3f\n", name, mib(s.Floor[name]), "", float64(s.Floor[name])/float64(s.Floor[FloorSDK]))
	}
	for _, f := range s.Functions {
		fmt.Fprintf(w, "%-30s %12s %12s %8.3f\n", f.Name, mib(f.Bytes), mib(f.Zip), f.Ratio)
	}
	var total int64
	for _, f := range s.Functions {
		total += f.Zip
	}
	fmt.Fprintf(w, "%d functions; largest %s at %.3f× floor-sdk (goal ≤ %.2f×); %s of deployment packages\n",
		len(s.Functions), s.Functions[0].Name, s.Functions[0].Ratio, MaxRatio, mib(total))
}

// Write saves the sizes as JSON.
func (s Sizes) Write(path string) error {
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(b, '\n'), 0o644)
}

// ReadSizes reads what Write saved; the functions come sorted by name.
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
	slices.SortFunc(s.Functions, func(a, b FunctionSize) int { return strings.Compare(a.Name, b.Name) })
	return &s, nil
}
