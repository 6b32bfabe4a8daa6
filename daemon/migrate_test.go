package daemon

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestMigrateSays: migrate reports the migrations it applied and the version, and on a
// second run that nothing was pending.
func TestMigrateSays(t *testing.T) {
	url := "sqlite:" + filepath.Join(t.TempDir(), "m.db")
	first, err := Migrate(t.Context(), url)
	if err != nil {
		t.Fatal(err)
	}
	if len(first.Applied) == 0 || first.Version != first.Applied[len(first.Applied)-1].Version ||
		!strings.HasPrefix(first.String(), "applied ") || !strings.Contains(first.String(), first.Applied[0].Name) ||
		!strings.HasSuffix(first.Applied[0].Name, ".sql") {
		t.Errorf("first run: %+v (%s)", first, first)
	}
	again, err := Migrate(t.Context(), url)
	if err != nil {
		t.Fatal(err)
	}
	if len(again.Applied) != 0 || again.Version != first.Version || !strings.Contains(again.String(), "up to date") {
		t.Errorf("second run: %+v (%s)", again, again)
	}
}
