package repofiles

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestCheckRefusesExecutablesAndLargeFiles(t *testing.T) {
	dir := t.TempDir()
	files := map[string][]byte{
		"main.go":         []byte("package main\n"),
		"functions/x/x":   append([]byte{0x7f, 'E', 'L', 'F'}, make([]byte, 64)...),
		"tool.exe":        append([]byte("MZ"), make([]byte, 64)...),
		"darwin-arm64":    {0xcf, 0xfa, 0xed, 0xfe, 0, 0},
		"docs/big.csv":    bytes.Repeat([]byte("a,b\n"), MaxSize/4+1),
		"docs/limit.csv":  bytes.Repeat([]byte("a"), MaxSize),
		"docs/tiny":       {0x7f},
		"docs/Mzungu.txt": []byte("Mzungu is a word, not a PE header\n"),
	}
	var paths []string
	for p, b := range files {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, p)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, p), b, 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	paths = append(paths, "deleted-in-work-tree")
	got, err := Check(dir, paths)
	if err != nil {
		t.Fatal(err)
	}
	var flagged []string
	for _, g := range got {
		flagged = append(flagged, strings.SplitN(g, ":", 2)[0])
	}
	slices.Sort(flagged)
	want := []string{"darwin-arm64", "docs/big.csv", "functions/x/x", "tool.exe"}
	if !slices.Equal(flagged, want) {
		t.Fatalf("flagged %v, want %v (findings %q)", flagged, want, got)
	}
}

func TestTheRepositoryTracksNoBinaryAndNoLargeFile(t *testing.T) {
	root := filepath.Join("..", "..")
	paths, err := Tracked(root)
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) < 100 {
		t.Fatalf("git ls-files listed %d files; expected the whole repository", len(paths))
	}
	bad, err := Check(root, paths)
	if err != nil {
		t.Fatal(err)
	}
	if len(bad) > 0 {
		t.Fatalf("tracked files refused:\n%s", strings.Join(bad, "\n"))
	}
}
