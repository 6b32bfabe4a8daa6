package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/vigil-hub/vigil/internal/nodeproc"
	"github.com/vigil-hub/vigil/internal/testkit/anvil"
)

// TestDevnet runs `hub devnet` as the README shows it: it starts anvil, deploys a token
// and a ChannelManager, funds the reserve and writes the configs. The commands it prints
// are then run as printed — the hub, the tower, bob's deposit and listen, alice's deposit
// and payment — and the payment must reach bob.
func TestDevnet(t *testing.T) {
	d := startDevnet(t)
	s, dir, hubOps, towerOps, printed := d.s, d.dir, d.hubOps, d.towerOps, d.printed
	out := d.proc.logs()
	for _, want := range []string{"sent the ChannelManager: 0x", "its reserve 100 ether and 1000 VTT", "A local stack on chain 31337"} {
		if !strings.Contains(out, want) {
			t.Errorf("devnet's output lacks %q:\n%s", want, out)
		}
	}
	argv := func(i int) (string, []string) { return printed[i][1], strings.Fields(printed[i][2]) }
	run := func(i int) (string, error) {
		prog, args := argv(i)
		b, err := exec.CommandContext(within(t, 2*time.Minute), filepath.Join(s.bin, prog), args...).CombinedOutput()
		return string(b), err
	}
	mustRun := func(i int) string {
		o, err := run(i)
		if err != nil {
			t.Fatalf("%s: %v\n%s", printed[i][0], err, o)
		}
		return o
	}
	// Run from elsewhere than the directory devnet wrote, as a person in the repository would.
	prog, args := argv(0)
	hub := s.start("hub", prog, args...)
	hub.opsURL = "http://" + hubOps
	s.waitReady(hub)
	prog, args = argv(1)
	tower := s.start("watchtower", prog, args...)
	tower.opsURL = "http://" + towerOps
	s.waitReady(tower)

	alice, bob := filepath.Join(dir, "alice.yaml"), filepath.Join(dir, "bob.yaml")
	idle := func(cfg string, balance string) func() bool {
		return func() bool {
			st := s.status(cfg)
			return strings.Contains(st, "you "+balance+" wei") && !strings.Contains(st, "pending")
		}
	}
	mustRun(2) // bob's deposit
	s.until("bob's deposit to be confirmed", idle(bob, "1000000000000000000"))
	prog, args = argv(3)
	listen := s.start("bob listen", prog, args...)
	mustRun(4) // alice's deposit
	s.until("alice's deposit to be confirmed", idle(alice, "1000000000000000000"))
	s.until("alice's payment to go through", func() bool {
		o, err := run(5)
		t.Logf("alice pays bob: %v\n%s", err, o)
		if err != nil {
			// Only a refusal for want of collateral is retried (bob's listen co-signs the
			// top-up it triggers): after any other error the payment may have gone through.
			if !strings.Contains(o, "insufficient_collateral") {
				t.Fatalf("alice's payment failed: %v\n%s", err, o)
			}
			return false
		}
		return strings.Contains(o, "paid 0.1 ether")
	})
	s.until("bob to be paid", func() bool { return strings.Contains(s.status(bob), "you 1100000000000000000 wei") })
	if !strings.Contains(listen.logs(), "listening as ") {
		t.Errorf("bob's listen printed:\n%s", listen.logs())
	}

	// A contract's refusal reads as a sentence, its times in UTC: alice exits and
	// settles at once, an hour before the deadline.
	if o, err := s.ctl(alice, "exit"); err != nil {
		t.Fatalf("alice exit: %v\n%s", err, o)
	}
	o, err := s.ctl(alice, "settle")
	decoded := regexp.MustCompile(`reverted: DeadlineNotReached\(deadline: \d+, now: \d+\): the dispute's deadline \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC \(\d+\) has not come ` +
		`\(chain time \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC \(\d+\), [0-9hms]+ before it\): settle after the deadline`)
	if err == nil || !decoded.MatchString(o) {
		t.Errorf("settle before the deadline: %v, want the decoded DeadlineNotReached with UTC times:\n%s", err, o)
	}
}

// devnet is a `hub devnet` the e2e binaries started, its stack set up: where it wrote,
// the operations listeners it gave the hub and the tower, and the six commands it
// printed (program, arguments).
type devnet struct {
	s                *stack
	proc             *proc
	dir              string
	hubOps, towerOps string
	printed          [][]string
}

// startDevnet builds the programs and runs `hub devnet` with extra arguments on free
// loopback ports until it has set the stack up and printed its commands. Without anvil
// the test is skipped, except under CI where it fails.
func startDevnet(t *testing.T, extra ...string) *devnet {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binaries and starts an external node")
	}
	if _, err := anvil.Binary(); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal(err)
		}
		t.Skip(err)
	}
	s := &stack{t: t, bin: t.TempDir(), dir: t.TempDir(), lastStatus: map[string]string{}}
	buildPrograms(t, s.bin)
	port, err := nodeproc.FreePort()
	if err != nil {
		t.Fatal(err)
	}
	hubAPI, hubOps, towerAPI, towerOps := freeAddr(t), freeAddr(t), freeAddr(t), freeAddr(t)
	dir := filepath.Join(s.dir, "devnet")
	args := append([]string{"devnet", "--dir", dir, "--port", strconv.Itoa(port)}, extra...)
	dn := s.start("devnet", "hub", append(args, "--hub-listen", hubAPI, "--hub-ops-listen", hubOps, "--tower-listen", towerAPI,
		"--tower-ops-listen", towerOps)...)
	s.until("devnet to set the stack up", func() bool {
		select {
		case err := <-dn.done:
			t.Fatalf("devnet exited: %v\n%s", err, dn.logs())
		default:
		}
		return strings.Contains(dn.logs(), "anvil runs until you interrupt")
	})
	printed := regexp.MustCompile(`(?m)^  go run \./cmd/(\w+) (.+)$`).FindAllStringSubmatch(dn.logs(), -1)
	if len(printed) != 6 {
		t.Fatalf("devnet printed %d commands, want 6 (hub, tower, bob's deposit and listen, alice's deposit and payment):\n%s",
			len(printed), dn.logs())
	}
	return &devnet{s: s, proc: dn, dir: dir, hubOps: hubOps, towerOps: towerOps, printed: printed}
}
