package e2e

import (
	"bufio"
	"bytes"
	"crypto/ecdsa"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/keystore"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/google/uuid"
	_ "github.com/lib/pq" // reading the hub's database, as the cheater does

	"github.com/vigil-hub/vigil/internal/nodeproc"
	"github.com/vigil-hub/vigil/internal/testkit/wait"
)

// password is every test keystore's.
const password = "correct horse"

// stack is the processes of one test and what they share.
type stack struct {
	t           *testing.T
	node        node
	client      *ethclient.Client
	chainID     *big.Int
	bin, dir    string
	manager     common.Address
	deployBlock uint64
	hubDB       string
	hubURL      string
	hubOps      string
	towerDir    string
	towerURL    string
	towerOps    string
	towerAddr   common.Address
	lastStatus  map[string]string // by user config: the last status answer logged
}

// newStack builds the three programs once and connects to the node.
func newStack(t *testing.T, n node) *stack {
	s := &stack{t: t, node: n, dir: t.TempDir(), bin: t.TempDir(), chainID: n.ChainID(), lastStatus: map[string]string{}}
	s.client = newClient(t, n.HTTP())
	buildPrograms(t, s.bin)
	t.Setenv("VIGIL_KEYSTORE_PASSWORD", password)     // the tower's and, in these tests, the wallets'
	t.Setenv("VIGIL_HUB_KEYSTORE_PASSWORD", password) // every hub command's
	t.Setenv("DATABASE_URL", "")                      // each program's own config names its database
	return s
}

// buildPrograms builds the three programs into bin.
func buildPrograms(t *testing.T, bin string) {
	t.Helper()
	build := exec.Command("go", "build", "-o", bin+"/", "../cmd/hub", "../cmd/watchtower", "../cmd/chanctl")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
}

func freeAddr(t *testing.T) string {
	t.Helper()
	a, err := nodeproc.FreeAddr()
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// keystore writes key encrypted (light scrypt) and returns its path.
func (s *stack) keystore(name string, key *ecdsa.PrivateKey) string {
	s.t.Helper()
	ks, err := keystore.EncryptKey(&keystore.Key{Id: uuid.New(), Address: crypto.PubkeyToAddress(key.PublicKey), PrivateKey: key},
		password, keystore.LightScryptN, keystore.LightScryptP)
	if err != nil {
		s.t.Fatal(err)
	}
	p := filepath.Join(s.dir, name+"-key.json")
	writeFile(s.t, p, string(ks))
	return p
}

// run runs a program to completion and returns its output; failing is fatal.
func (s *stack) run(prog string, args ...string) string {
	s.t.Helper()
	out, err := exec.CommandContext(within(s.t, 2*time.Minute), filepath.Join(s.bin, prog), args...).CombinedOutput()
	if err != nil {
		s.t.Fatalf("%s %s: %v\n%s", prog, strings.Join(args, " "), err, out)
	}
	return string(out)
}

// proc is a long-running program.
type proc struct {
	t      *testing.T
	name   string
	cmd    *exec.Cmd
	done   chan error
	exited chan struct{}
	mu     sync.Mutex
	out    bytes.Buffer
	opsURL string
}

func (p *proc) Write(b []byte) (int, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.out.Write(b)
}

func (p *proc) logs() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.out.String()
}

// start runs a program until the test ends (SIGTERM, which it must survive cleanly).
func (s *stack) start(name, prog string, args ...string) *proc {
	s.t.Helper()
	p := &proc{t: s.t, name: name, done: make(chan error, 1), exited: make(chan struct{})}
	p.cmd = exec.Command(filepath.Join(s.bin, prog), args...)
	p.cmd.Stdout, p.cmd.Stderr = p, p
	if err := p.cmd.Start(); err != nil {
		s.t.Fatal(err)
	}
	go func() { err := p.cmd.Wait(); close(p.exited); p.done <- err }()
	s.t.Cleanup(func() {
		select {
		case <-p.exited:
			return
		default:
		}
		p.cmd.Process.Signal(syscall.SIGTERM)
		select {
		case err := <-p.done:
			if err != nil && !s.t.Failed() {
				s.t.Errorf("%s did not stop cleanly: %v\n%s", name, err, p.logs())
			}
		case <-time.After(30 * time.Second):
			p.cmd.Process.Kill()
			s.t.Errorf("%s did not stop on SIGTERM\n%s", name, p.logs())
		}
		if s.t.Failed() {
			s.t.Logf("%s's log:\n%s", name, lastLines(p.logs(), 40))
		}
	})
	return p
}

// kill stops the process with SIGKILL, as a crash would.
func (p *proc) kill() {
	p.t.Helper()
	p.cmd.Process.Kill()
	<-p.done
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// startHub writes hub.yaml (PostgreSQL; a dead endpoint first, then the node's WebSocket, so
// the hub runs on failover from the start) and runs `hub run`.
func (s *stack) startHub() *proc {
	s.t.Helper()
	s.hubDB = hubDatabase(s.t)
	api, ops := freeAddr(s.t), freeAddr(s.t)
	s.hubURL, s.hubOps = "http://"+api, "http://"+ops
	cfg := filepath.Join(s.dir, "hub.yaml")
	writeFile(s.t, cfg, fmt.Sprintf(`database: {url: %q}
chain: {rpc: [{name: dead, url: "http://%s"}, {name: %s-ws, url: %q}], confirmations: 1, poll_interval: 200ms}
contract: {address: %q, deploy_block: %d}
api: {listen: %q}
ops: {listen: %q}
keystore: {path: %q, password_env: VIGIL_HUB_KEYSTORE_PASSWORD}
collateral: {target: 5 ether}
sweep: "@every 1s"
`, s.hubDB, freeAddr(s.t), s.node.Name(), s.node.WS(), s.manager.Hex(), s.deployBlock, api, ops, s.keystore("hub", s.node.Key(0))))
	s.run("hub", "migrate", "--config", cfg)
	return s.runHub()
}

// runHub (re)starts `hub run` on the config startHub wrote.
func (s *stack) runHub() *proc {
	s.t.Helper()
	p := s.start("hub", "hub", "run", "--config", filepath.Join(s.dir, "hub.yaml"))
	p.opsURL = s.hubOps
	s.waitReady(p)
	return p
}

// stop ends the process with SIGTERM and waits for it.
func (p *proc) stop() {
	p.t.Helper()
	p.cmd.Process.Signal(syscall.SIGTERM)
	if err := <-p.done; err != nil {
		p.t.Errorf("%s did not stop cleanly: %v", p.name, err)
	}
}

// initTower sets the tower up as a person would: `watchtower init` on SQLite, with the
// node's HTTP endpoint only.
func (s *stack) initTower(alerts string) {
	s.t.Helper()
	s.towerDir = filepath.Join(s.dir, "tower")
	api, ops := freeAddr(s.t), freeAddr(s.t)
	s.towerURL, s.towerOps = "http://"+api, "http://"+ops
	out := s.run("watchtower", "init", "--dir", s.towerDir, "--contract", s.manager.Hex(),
		"--deploy-block", strconv.FormatUint(s.deployBlock, 10), "--rpc", s.node.HTTP(), "--listen", api, "--ops-listen", ops, "--lightkdf")
	i := strings.Index(out, "The tower's address is ")
	if i < 0 {
		s.t.Fatalf("watchtower init printed no address:\n%s", out)
	}
	s.towerAddr = common.HexToAddress(out[i+len("The tower's address is ") : i+len("The tower's address is ")+42])
	// The tower's confirmations and poll interval suit one-second blocks.
	cfg := filepath.Join(s.towerDir, "config.yaml")
	b, _ := os.ReadFile(cfg)
	c := strings.Replace(strings.Replace(string(b), "confirmations: 12", "confirmations: 2", 1), "poll_interval: 2s", "poll_interval: 500ms", 1)
	if alerts != "" {
		c = strings.Replace(c, "alerts:\n  quiet: 30m", strings.TrimSuffix(alerts, "\n"), 1)
	}
	writeFile(s.t, cfg, c)
}

// startTower runs `watchtower run` on the config init wrote.
func (s *stack) startTower() *proc {
	s.t.Helper()
	p := s.start("watchtower", "watchtower", "run", "--config", filepath.Join(s.towerDir, "config.yaml"))
	p.opsURL = s.towerOps
	s.waitReady(p)
	return p
}

func (s *stack) waitReady(p *proc) {
	s.t.Helper()
	for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		select {
		case err := <-p.done:
			s.t.Fatalf("%s exited: %v\n%s", p.name, err, p.logs())
		default:
		}
		if resp, err := http.Get(p.opsURL + "/readyz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
	}
	s.t.Fatalf("%s never became ready\n%s", p.name, p.logs())
}

// user writes a chanctl config for a wallet that backs up to the tower; it returns the
// config's path, which names the user in ctl calls.
func (s *stack) user(name string, key *ecdsa.PrivateKey) string {
	s.t.Helper()
	p := filepath.Join(s.dir, name+".yaml")
	writeFile(s.t, p, fmt.Sprintf("hub: %s\nrpc: %s\ncontract: %q\nkeystore: {path: %q, password_env: VIGIL_KEYSTORE_PASSWORD}\nstate: %q\ntowers: [%q]\n",
		s.hubURL, s.node.HTTP(), s.manager.Hex(), s.keystore(name, key), filepath.Join(s.dir, name+"-state.json"), s.towerURL))
	return p
}

// ctl runs chanctl as the user whose config is at cfg.
func (s *stack) ctl(cfg string, args ...string) (string, error) {
	cmd := exec.CommandContext(within(s.t, 2*time.Minute), filepath.Join(s.bin, "chanctl"), append([]string{"--config", cfg, "--wei"}, args...)...) // amounts in wei, as the checks read them
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// status is `chanctl status` for the user at cfg; the test's log shows each new answer,
// so that a scenario timing out shows where the channel stood.
func (s *stack) status(cfg string) string {
	out, _ := s.ctl(cfg, "status")
	if s.lastStatus[cfg] != out {
		s.t.Logf("%s %s status:\n%s", time.Now().Format("15:04:05.000"), strings.TrimSuffix(filepath.Base(cfg), ".yaml"), out)
		s.lastStatus[cfg] = out
	}
	return out
}

// until polls cond for up to two minutes (the node makes a block a second).
func (s *stack) until(what string, cond func() bool) {
	s.t.Helper()
	wait.Until(s.t, 2*time.Minute, what, cond)
}

// metric reads one unlabelled series from a /metrics endpoint (-1 when absent).
func (s *stack) metric(opsURL, name string) float64 {
	resp, err := http.Get(opsURL + "/metrics")
	if err != nil {
		return -1
	}
	defer resp.Body.Close()
	sc := bufio.NewScanner(io.LimitReader(resp.Body, 4<<20))
	for sc.Scan() {
		if f := strings.Fields(sc.Text()); len(f) == 2 && f[0] == name {
			v, _ := strconv.ParseFloat(f[1], 64)
			return v
		}
	}
	return -1
}

// metricsText is a /metrics page.
func (s *stack) metricsText(opsURL string) string {
	resp, err := http.Get(opsURL + "/metrics")
	if err != nil {
		return ""
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 4<<20))
	return string(b)
}
