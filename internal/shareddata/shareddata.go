// Package shareddata finds the project's shared reference data (the
// ../shared folder beside the module: specs, dev and train notices with
// gold records, peer reference cases) for tests. A test that needs it is
// skipped with a message saying so when the folder is absent (a clone on
// its own); scripts/test.sh says so too.
package shareddata

import (
	"os"
	"path/filepath"
	"testing"
)

// Root returns the module root (the folder holding go.mod).
func Root() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", os.ErrNotExist
		}
		dir = parent
	}
}

// Path returns the path of rel (e.g. "data/peer/dates.jsonl") inside the
// shared folder, skipping the test with a message when it is absent.
func Path(t testing.TB, rel string) string {
	t.Helper()
	root, err := Root()
	if err != nil {
		t.Fatalf("module root not found: %v", err)
	}
	p := filepath.Join(filepath.Dir(root), "shared", filepath.FromSlash(rel))
	if _, err := os.Stat(p); err != nil {
		t.Skip("skipped: needs the shared reference data at " + p + " (the ../shared folder beside the checkout), which is absent")
	}
	return p
}
