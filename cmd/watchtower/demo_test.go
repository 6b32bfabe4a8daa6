package main

import (
	"bytes"
	"strings"
	"testing"
)

// TestDemoExitCodes runs the README's first command in both modes: with the watchtower
// it exits 0 and says the victim was protected; without one it shows the loss and exits 1.
func TestDemoExitCodes(t *testing.T) {
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"watchtower", "demo"}, 0, "The watchtower protected him."},
		{[]string{"watchtower", "demo", "--without-watchtower"}, 1, "Bob LOST 1.5 ETH"},
	} {
		t.Run(strings.Join(tc.args[1:], " "), func(t *testing.T) {
			var out, errOut bytes.Buffer
			code := run(tc.args, &out, &errOut)
			if code != tc.code || !strings.Contains(out.String(), tc.want) {
				t.Fatalf("exit %d (want %d), output lacks %q?\n%s\n%s", code, tc.code, tc.want, out.String(), errOut.String())
			}
			// The loss without a tower is the story, not a fault: no ERROR line for it.
			if strings.Contains(errOut.String(), "level=ERROR") {
				t.Errorf("the demo logged an error:\n%s", errOut.String())
			}
		})
	}
}
