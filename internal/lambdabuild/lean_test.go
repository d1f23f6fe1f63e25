package lambdabuild

import (
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// Every function, built for Lambda (linux/arm64, release flags) beside the
// floors in the same run, links its own handler method and no other
// operation's, and weighs at most MaxRatio × floor-sdk.
func TestEveryFunctionIsLean(t *testing.T) {
	results, err := Build(Options{Root: filepath.Join("..", ".."), Dir: t.TempDir(), GOARCH: "arm64", Links: true}, Targets())
	if err != nil {
		t.Fatal(err)
	}
	sizes := Summarize("arm64", results)
	if sizes.Floor[FloorSDK] <= sizes.Floor[FloorHello] {
		t.Fatalf("the floors are wrong: %v", sizes.Floor)
	}
	for _, r := range results {
		switch {
		case r.Floor:
			if len(r.Links) != 0 {
				t.Errorf("%s links handlers %v", r.Name, r.Links)
			}
		case r.Handler != "" && !slices.Contains(r.Links, r.Name):
			t.Errorf("%s does not link its own handler %s: the check reads nothing", r.Name, r.Handler)
		}
		if bad := Foreign(r); len(bad) > 0 {
			t.Errorf("%s links the handlers of %v", r.Name, bad)
		}
	}
	for _, f := range sizes.Over() {
		t.Errorf("%s weighs %d bytes, %.3f× floor-sdk (%d): over %.2f×", f.Name, f.Bytes, f.Ratio, sizes.Floor[FloorSDK], MaxRatio)
	}
	t.Logf("largest: %s at %.3f× floor-sdk (%s)", sizes.Functions[0].Name, sizes.Functions[0].Ratio, runtime.Version())
}

// linked finds handler symbols in a dependency dump, method values included.
func TestLinkedReadsTheDependencyDump(t *testing.T) {
	handlers := map[string]string{"example/httpapi.(*API).GetMe": "get-me", "example/httpapi.(*API).PatchMe": "patch-me"}
	dump := "main.main -> example/lambdaapp.Serve\n" +
		"main.main -> example/httpapi.(*API).GetMe\n" +
		"example/x.f -> example/httpapi.(*API).PatchMe-fm\n" +
		"example/httpapi.(*API).GetMeNot -> example/y\n"
	got := linked(strings.NewReader(dump), handlers)
	if !slices.Equal(got, []string{"get-me", "patch-me"}) {
		t.Fatalf("%v", got)
	}
}
