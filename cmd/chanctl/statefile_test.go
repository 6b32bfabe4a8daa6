package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestMissingStateFileRefused: a wallet whose state file is gone while the hub holds
// co-signed states of its channel refuses to start a fresh one and says how to restore
// it; a wallet the hub does not know starts its file at the first command.
func TestMissingStateFileRefused(t *testing.T) {
	e := newEnv(t)
	alice, bob := e.wallet(1), e.wallet(2)
	bobState := filepath.Join(e.dir, "user2-state.json")
	if _, err := os.Stat(bobState); !os.IsNotExist(err) {
		t.Fatalf("bob's state file before any command: %v", err)
	}
	if out, errOut, err := e.ctl(bob, "status"); err != nil {
		t.Fatalf("first-time status: %v\n%s%s", err, out, errOut)
	}
	if _, err := os.Stat(bobState); err != nil {
		t.Errorf("first-time use did not create the state file: %v", err)
	}

	e.deposited(alice, "1")
	aliceState := filepath.Join(e.dir, "user1-state.json")
	if err := os.Rename(aliceState, aliceState+".bak"); err != nil {
		t.Fatal(err)
	}
	var o, eo bytes.Buffer
	exit := run([]string{"chanctl", "--config", alice.config, "status", "--json"}, &o, &eo)
	msg := str(field(decode(t, eo.String()), "error"))
	if exit != 1 || str(field(decode(t, eo.String()), "code")) != "state_missing" || !strings.Contains(msg, aliceState) ||
		!strings.Contains(msg, "Restore the file") || !strings.Contains(msg, "point state:") {
		t.Errorf("status without the state file: exit %d\n%s%s", exit, &o, &eo)
	}
	if _, err := os.Stat(aliceState); !os.IsNotExist(err) {
		t.Errorf("the refusal started a state file: %v", err)
	}
	// Restored from the backup, the wallet goes on.
	if err := os.Rename(aliceState+".bak", aliceState); err != nil {
		t.Fatal(err)
	}
	if s := e.status(alice); s == nil || str(s["onchainNonce"]) == "0" {
		t.Errorf("status with the restored file: %v", s)
	}
}
