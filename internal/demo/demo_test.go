package demo_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vigil-hub/vigil/internal/demo"
	"github.com/vigil-hub/vigil/internal/testkit/leaktest"
)

func run(t *testing.T, opts demo.Options) (*demo.Result, string) {
	t.Helper()
	var out bytes.Buffer
	res, err := demo.Run(t.Context(), &out, opts)
	t.Log("\n" + out.String())
	if err != nil {
		t.Fatalf("demo: %v", err)
	}
	leaktest.Check(t)
	return res, out.String()
}

// TestWithWatchtower: the tower answers the hub's stale close with Bob's latest state, and
// Bob receives every wei of it.
func TestWithWatchtower(t *testing.T) {
	res, out := run(t, demo.Options{})
	bob := res.Victim()
	if bob == nil || bob.Name != "Bob" {
		t.Fatalf("victim %+v, want Bob", bob)
	}
	if !res.VictimWhole() || bob.Received.Cmp(bob.Expected) != 0 {
		t.Errorf("Bob expected %s wei and received %s wei: want exactly his latest state", bob.Expected, bob.Received)
	}
	if !res.Challenged || res.StaleNonce.Cmp(res.LatestNonce) >= 0 {
		t.Errorf("challenged %v, stale nonce %s, latest %s: want a challenge of an older state", res.Challenged, res.StaleNonce, res.LatestNonce)
	}
	for _, want := range []string{"stale close", "startExitWithUpdate", "ALERT", "challenged with Bob's latest state",
		"receipt is for nonce " + res.LatestNonce.String(), "Final balances", "Verdict: Bob received exactly"} {
		if !strings.Contains(out, want) {
			t.Errorf("the narration does not mention %q", want)
		}
	}
	checkAlice(t, res)
}

// TestWithoutWatchtower: the same story unguarded; the stale state settles and Bob
// receives less than his latest state gives him.
func TestWithoutWatchtower(t *testing.T) {
	res, out := run(t, demo.Options{WithoutWatchtower: true})
	bob := res.Victim()
	if bob == nil {
		t.Fatal("no victim in the result")
	}
	if res.VictimWhole() || bob.Received.Cmp(bob.Expected) >= 0 {
		t.Errorf("Bob expected %s wei and received %s wei: want less, with nobody challenging", bob.Expected, bob.Received)
	}
	if res.Challenged {
		t.Error("the result says the close was challenged, with no tower")
	}
	for _, want := range []string{"Nobody answers", "Final balances", "Verdict: Bob LOST"} {
		if !strings.Contains(out, want) {
			t.Errorf("the narration does not mention %q", want)
		}
	}
	if strings.Contains(out, "ALERT") {
		t.Error("alerts printed with no tower")
	}
	checkAlice(t, res)
}

// checkAlice: the party nobody cheated receives exactly her latest balance.
func checkAlice(t *testing.T, res *demo.Result) {
	t.Helper()
	for _, p := range res.Parties {
		if p.Name == "Alice" {
			if p.Victim || p.Expected.Sign() <= 0 || p.Received.Cmp(p.Expected) != 0 {
				t.Errorf("Alice %+v: want her latest balance paid out exactly", p)
			}
			return
		}
	}
	t.Error("no Alice in the result")
}

// TestDirInUse: a working directory left by an earlier run is refused before anything
// starts, rather than mixing two chains' records.
func TestDirInUse(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "hub.db"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	_, err := demo.Run(t.Context(), &out, demo.Options{Dir: dir})
	if !errors.Is(err, demo.ErrDirInUse) {
		t.Errorf("Run in a used directory: %v, want ErrDirInUse", err)
	}
	if out.Len() != 0 {
		t.Errorf("Run told a story before refusing: %q", out.String())
	}
}
