package repotest

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// runBy maps each command the README shows (its program and subcommand) to where the
// suite runs it: a test function in a file, or a line the test command itself runs.
var runBy = map[string]struct{ file, runs string }{
	"go run ./cmd/watchtower demo":    {"cmd/watchtower/demo_test.go", "func TestDemoExitCodes("},
	"go run ./cmd/watchtower init":    {"cmd/watchtower/firstrun_test.go", "func TestFirstRunOnAnvil("},
	"go run ./cmd/watchtower migrate": {"cmd/watchtower/firstrun_test.go", "func TestFirstRunOnAnvil("},
	"go run ./cmd/watchtower run":     {"cmd/watchtower/firstrun_test.go", "func TestFirstRunOnAnvil("},
	"go run ./cmd/hub run":            {"cmd/chanctl/hubrun_test.go", "func TestHubAndChanctlOnAnvil("},
	"go run ./cmd/chanctl typed-data": {"cmd/chanctl/readme_test.go", "func TestReadmeTypedData("},
	"go run ./cmd/chanctl":            {"cmd/chanctl/hubrun_test.go", "func TestHubAndChanctlOnAnvil("},
	"go run ./cmd/chanctl towers":     {"cmd/chanctl/commands_test.go", "func TestBackupRetried("},
	"go run ./cmd/chanctl listen":     {"e2e/wallettells_test.go", "func TestWalletTellsOnDevnet("},
	"go run ./cmd/chanctl payments":   {"e2e/wallettells_test.go", "func TestWalletTellsOnDevnet("},
	"go run ./cmd/watchtower status":  {"cmd/watchtower/status_test.go", "func TestStatus("},
	"go run ./cmd/hub deploy":         {"e2e/stack_test.go", `"hub", "deploy"`},
	"go run ./cmd/hub devnet":         {"e2e/devnet_test.go", "func TestDevnet("},
	"make e2e-geth":                   {"e2e/stack_test.go", "func TestStackOnGeth("},
	"go run ./cmd/gasreport":          {"cmd/gasreport/main_test.go", "func TestMeasure("},
	"go run ./cmd/bench":              {"cmd/bench/main_test.go", "func TestBenchTiny("},
	"go generate ./contracts/...":     {"scripts/test.sh", "go generate ./contracts/..."},
	"./scripts/test.sh":               {".ci/run", "exec ./scripts/test.sh"},
}

var (
	envPrefix   = regexp.MustCompile(`^([A-Z_]+=\S*\s+)+`)
	inlineGoRun = regexp.MustCompile("`(go run [^`]+)`")
)

// readmeCommands returns every command in the README's sh blocks and every inline
// `go run …`, without comments and environment assignments.
func readmeCommands(t *testing.T) (cmds []string, first []string) {
	t.Helper()
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	in, blocks := false, 0
	for _, line := range strings.Split(string(b), "\n") {
		switch {
		case strings.HasPrefix(line, "```sh"):
			in = true
			blocks++
			continue
		case strings.HasPrefix(line, "```"):
			in = false
			continue
		}
		if !in {
			for _, m := range inlineGoRun.FindAllStringSubmatch(line, -1) {
				cmds = append(cmds, m[1])
			}
			continue
		}
		if i := strings.Index(line, " #"); i >= 0 {
			line = line[:i]
		}
		line = strings.TrimSpace(envPrefix.ReplaceAllString(strings.TrimSpace(line), ""))
		if line == "" {
			continue
		}
		cmds = append(cmds, line)
		if blocks == 1 {
			first = append(first, line)
		}
	}
	return cmds, first
}

// TestReadmeQuickstart: the README opens with exactly the demo and the test command, and
// CI runs that test command.
func TestReadmeQuickstart(t *testing.T) {
	_, first := readmeCommands(t)
	if len(first) != 2 || first[0] != "go run ./cmd/watchtower demo" || first[1] != "./scripts/test.sh" {
		t.Fatalf("the README's first block is %q, want the demo and ./scripts/test.sh", first)
	}
}

// TestReadmeCommandsAreRun: every command the README shows is run by a test (or by the
// test command itself), and the test named for it exists.
func TestReadmeCommandsAreRun(t *testing.T) {
	cmds, _ := readmeCommands(t)
	if len(cmds) < 5 {
		t.Fatalf("found only %d commands in the README: %q", len(cmds), cmds)
	}
	for _, c := range cmds {
		var by *struct{ file, runs string }
		best := ""
		for prefix, r := range runBy { // the longest matching prefix names the test
			if (c == prefix || strings.HasPrefix(c, prefix+" ")) && len(prefix) > len(best) {
				best, by = prefix, &r
			}
		}
		if by == nil {
			t.Errorf("README command %q is run by no test: add one and list it in runBy", c)
			continue
		}
		src, err := os.ReadFile("../../" + by.file)
		if err != nil || !strings.Contains(string(src), by.runs) {
			t.Errorf("README command %q: %s should contain %q (%v)", c, by.file, by.runs, err)
		}
	}
}
