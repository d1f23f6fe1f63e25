// Package nodetools finds the module root and installs the npm tools the
// tests run (the SES v2 emulator, redocly, openapi-typescript): each pinned
// by its caller, installed once into .tools/<dir> (gitignored) from the
// npm registry, never globally.
package nodetools

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// ModuleRoot is the folder holding go.mod, above the test's directory.
func ModuleRoot(t testing.TB) string {
	t.Helper()
	dir, _ := os.Getwd()
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d
		}
		if filepath.Dir(d) == d {
			t.Fatal("no go.mod above " + dir)
		}
	}
}

// Install installs pkg (name@exact-version) into .tools/<dir> unless the
// file want (relative to that prefix) is already there, and returns the
// prefix.
func Install(t testing.TB, dir, pkg, want string) string {
	t.Helper()
	prefix := filepath.Join(ModuleRoot(t), ".tools", dir)
	if _, err := os.Stat(filepath.Join(prefix, want)); err == nil {
		return prefix
	}
	install := exec.Command("npm", "install", "--prefix", prefix, "--no-audit", "--no-fund", pkg)
	if out, err := install.CombinedOutput(); err != nil {
		t.Fatalf("installing %s (npm and the npm registry are needed): %v\n%s", pkg, err, out)
	}
	return prefix
}
