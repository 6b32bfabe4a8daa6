package e2e

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestWalletTellsOnDevnet runs the real binaries on a `hub devnet` stack (a 30-second
// challenge period) and checks that the wallet and the tower tell what happened: alice's
// wallet lives in a directory of its own with relative paths and chanctl runs from
// elsewhere; listen --json prints a JSON line for bob's payment received, alice's payment
// sent, alice's exit and the settlement; payments lists the payment; status shows the
// dispute's deadline in UTC; watchtower status shows the state held and the dispute; and
// a wallet pointed at a missing state file for a channel the hub knows refuses to start.
func TestWalletTellsOnDevnet(t *testing.T) {
	d := startDevnet(t, "--challenge-period", "30s")
	s, dir, hubOps, towerOps, printed := d.s, d.dir, d.hubOps, d.towerOps, d.printed
	hub := s.start("hub", printed[0][1], strings.Fields(printed[0][2])...)
	hub.opsURL = "http://" + hubOps
	s.waitReady(hub)
	tower := s.start("watchtower", printed[1][1], strings.Fields(printed[1][2])...)
	tower.opsURL = "http://" + towerOps
	s.waitReady(tower)
	towerConfig := strings.Fields(printed[1][2])[2] // run --config PATH

	// Alice's wallet in a directory of its own, every path in its config relative to it.
	wallet := filepath.Join(s.dir, "alice-wallet")
	if err := os.Mkdir(wallet, 0o700); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"alice-key.json", "password.txt"} {
		b, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(wallet, f), string(b))
	}
	b, err := os.ReadFile(filepath.Join(dir, "alice.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	cfg := regexp.MustCompile(`(?m)^  path: .*$`).ReplaceAllString(string(b), "  path: alice-key.json")
	cfg = regexp.MustCompile(`(?m)^  password_file: .*$`).ReplaceAllString(cfg, "  password_file: ./password.txt")
	cfg = regexp.MustCompile(`(?m)^state: .*$`).ReplaceAllString(cfg, "state: state.json")
	alice, bob := filepath.Join(wallet, "alice.yaml"), filepath.Join(dir, "bob.yaml")
	writeFile(t, alice, cfg)
	elsewhere := t.TempDir() // the working directory of every chanctl below
	ctl := func(cfg string, args ...string) (string, error) {
		cmd := exec.CommandContext(within(t, 2*time.Minute), filepath.Join(s.bin, "chanctl"), append([]string{"--config", cfg}, args...)...)
		cmd.Dir = elsewhere
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	idle := func(cfg string) func() bool {
		return func() bool {
			st, err := ctl(cfg, "status")
			return err == nil && strings.Contains(st, "balance: you 1 ether") && !strings.Contains(st, "pending")
		}
	}
	for _, cfg := range []string{alice, bob} {
		if o, err := ctl(cfg, "deposit", "1"); err != nil {
			t.Fatalf("deposit: %v\n%s", err, o)
		}
		s.until("the deposit to be confirmed", idle(cfg))
	}
	if _, err := os.Stat(filepath.Join(wallet, "state.json")); err != nil {
		t.Errorf("alice's state file is not beside her config: %v", err)
	}
	if left, _ := os.ReadDir(elsewhere); len(left) != 0 {
		t.Errorf("chanctl wrote into its working directory: %v", left)
	}
	aliceAddr := strings.ToLower(addressIn(t, filepath.Join(wallet, "alice-key.json")))
	bobAddr := strings.ToLower(addressIn(t, filepath.Join(dir, "bob-key.json")))

	la, lb := s.listen(alice, elsewhere), s.listen(bob, elsewhere)
	s.until("alice's payment to go through", func() bool {
		o, err := ctl(alice, "pay", bobAddr, "0.1")
		if err != nil && !strings.Contains(o, "insufficient_collateral") {
			t.Fatalf("alice's payment failed: %v\n%s", err, o)
		}
		return err == nil
	})
	s.until("bob's listen to print the payment", func() bool {
		return lb.event("payment_received", "counterparty", aliceAddr) != nil
	})
	if e := lb.event("payment_received", "counterparty", aliceAddr); str(e["amount"]) != "0.1" || str(e["wei"]) != "100000000000000000" ||
		str(e["channel"]) != bobAddr || !isUTC(e) {
		t.Errorf("bob's payment_received line: %v", e)
	}
	s.until("alice's listen to print the payment sent", func() bool { return la.event("payment_sent", "counterparty", bobAddr) != nil })
	s.until("alice's payments to list it complete", func() bool {
		o, err := ctl(alice, "payments", "--json")
		var v struct {
			Payments []map[string]any `json:"payments"`
		}
		return err == nil && json.Unmarshal([]byte(o), &v) == nil && len(v.Payments) == 1 && str(v.Payments[0]["status"]) == "complete" &&
			str(v.Payments[0]["direction"]) == "sent" && str(v.Payments[0]["counterparty"]) == bobAddr && str(v.Payments[0]["amount"]) == "0.1"
	})

	// A wallet pointed at a missing state file, for a channel the hub knows, refuses.
	lost := filepath.Join(t.TempDir(), "bob.yaml")
	bb, _ := os.ReadFile(bob)
	writeFile(t, lost, regexp.MustCompile(`(?m)^state: .*$`).ReplaceAllString(string(bb), "state: missing-state.json"))
	if o, err := ctl(lost, "status", "--json"); err == nil || !strings.Contains(o, `"code":"state_missing"`) || !strings.Contains(o, "Restore the file") {
		t.Errorf("status with bob's state file missing: %v\n%s", err, o)
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(lost), "missing-state.json")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the refusal started a state file: %v", err)
	}

	// Alice exits: her listen prints it, status and the tower show the dispute.
	if o, err := ctl(alice, "exit"); err != nil {
		t.Fatalf("alice exit: %v\n%s", err, o)
	}
	s.until("alice's listen to print the exit", func() bool { return la.event("exit", "by", "user") != nil })
	exit := la.event("exit", "by", "user")
	deadline := uint64(num(exit["deadline"]))
	deadlineUTC := time.Unix(int64(deadline), 0).UTC().Format(time.RFC3339)
	if str(exit["deadlineUTC"]) != deadlineUTC || str(exit["tx"]) == "" || num(exit["block"]) == 0 || !isUTC(exit) {
		t.Errorf("alice's exit line: %v", exit)
	}
	if o, err := ctl(alice, "status"); err != nil || !strings.Contains(o, "dispute: you (") || !strings.Contains(o, "challenge deadline "+deadlineUTC) {
		t.Errorf("alice's status during the dispute: %v\n%s", err, o)
	}
	s.until("the tower's status to show the dispute", func() bool {
		o, err := exec.CommandContext(within(t, time.Minute), filepath.Join(s.bin, "watchtower"), "status", "--config", towerConfig).CombinedOutput()
		return err == nil && strings.Contains(string(o), "disputes open: 1") && strings.Contains(string(o), "deadline "+deadlineUTC) &&
			regexp.MustCompile(`states held: [1-9]`).Match(o)
	})

	// After the deadline the channel is settled (by alice, or by whoever came first).
	s.until("alice's listen to print the settlement", func() bool {
		if la.event("settlement", "", "") != nil {
			return true
		}
		if uint64(time.Now().Unix()) > deadline+2 {
			o, err := ctl(alice, "settle")
			t.Logf("alice settle: %v\n%s", err, o)
		}
		return false
	})
	if st := la.event("settlement", "", ""); str(st["wei"]) != "900000000000000000" || str(st["amount"]) != "0.9" || str(st["tx"]) == "" ||
		num(st["block"]) == 0 || !isUTC(st) {
		t.Errorf("alice's settlement line: %v", st)
	}
}

// jsonListener is chanctl listen --json, its standard output read line by line: every
// line must be one JSON object.
type jsonListener struct {
	t     *testing.T
	mu    sync.Mutex
	lines []map[string]any
	bad   []string
}

// listen starts chanctl listen --json for the wallet at cfg from dir until the test ends.
func (s *stack) listen(cfg, dir string) *jsonListener {
	s.t.Helper()
	ctx, stop := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, filepath.Join(s.bin, "chanctl"), "--config", cfg, "listen", "--json")
	cmd.Dir = dir
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	out, err := cmd.StdoutPipe()
	if err != nil {
		s.t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		s.t.Fatal(err)
	}
	l := &jsonListener{t: s.t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			var m map[string]any
			l.mu.Lock()
			if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
				l.bad = append(l.bad, sc.Text())
			} else {
				l.lines = append(l.lines, m)
			}
			l.mu.Unlock()
		}
	}()
	s.t.Cleanup(func() {
		stop()
		<-done
		_ = cmd.Wait()
		l.mu.Lock()
		defer l.mu.Unlock()
		if len(l.bad) > 0 {
			s.t.Errorf("listen --json printed lines that are not JSON objects: %q", l.bad)
		}
		if s.t.Failed() {
			b, _ := json.Marshal(l.lines)
			s.t.Logf("%s listen --json printed: %s", filepath.Base(cfg), b)
		}
	})
	return l
}

// event returns the first event line of kind whose field key is value (any, for an
// empty key); addresses compare in lower case, as JSON prints them.
func (l *jsonListener) event(kind, key, value string) map[string]any {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, m := range l.lines {
		if str(m["event"]) == kind && (key == "" || strings.EqualFold(str(m[key]), value)) {
			return m
		}
	}
	return nil
}

// isUTC reports whether an event line's timeUTC is RFC 3339 in UTC and its time.
func isUTC(m map[string]any) bool {
	at, err := time.Parse(time.RFC3339, str(m["timeUTC"]))
	return err == nil && strings.HasSuffix(str(m["timeUTC"]), "Z") && at.Unix() == int64(num(m["time"])) && num(m["time"]) > 0
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

func num(v any) float64 {
	f, _ := v.(float64)
	return f
}

// addressIn reads the address of a go-ethereum keystore file.
func addressIn(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var k struct{ Address string }
	if err := json.Unmarshal(b, &k); err != nil || k.Address == "" {
		t.Fatalf("keystore %s: %v", path, err)
	}
	return "0x" + strings.TrimPrefix(k.Address, "0x")
}
