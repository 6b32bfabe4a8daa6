package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"math/big"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/ethereum/go-ethereum/accounts/keystore"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/google/uuid"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/internal/nodeproc"
	"github.com/vigil-hub/vigil/store"
)

// The figures about the watchtower as a process (memory, recovery) run `watchtower run`,
// built from this module, as operators do.

// binary builds cmd/<name> (watchtower, hub) once per run.
func (b *bench) binary(ctx context.Context, name string) (string, error) {
	b.buildMu.Lock()
	defer b.buildMu.Unlock()
	if bin, ok := b.built[name]; ok {
		return bin, nil
	}
	root, err := moduleRoot()
	if err != nil {
		return "", err
	}
	bin := filepath.Join(b.tmp, name)
	cmd := exec.CommandContext(ctx, "go", "build", "-o", bin, "./cmd/"+name)
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("build %s: %v\n%s", name, err, out)
	}
	if b.built == nil {
		b.built = map[string]string{}
	}
	b.built[name] = bin
	return bin, nil
}

func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if b, err := os.ReadFile(filepath.Join(dir, "go.mod")); err == nil && bytes.Contains(b, []byte("module github.com/vigil-hub/vigil\n")) {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("run the bench inside the vigil module")
		}
		dir = parent
	}
}

// towerProc is a running `watchtower run`.
type towerProc struct {
	cmd     *exec.Cmd
	api     string
	ops     string
	started time.Time
	exited  chan struct{}
	logs    *nodeproc.Output
}

// towerOptions are what a figure sets beyond the config every tower of the bench shares.
type towerOptions struct {
	autoSettle bool
	// settleBudget is disputes.settle_budget_per_day ("" keeps the default, 0.5 ether).
	settleBudget string
	// slack, when set, receives the tower's alerts as Slack would, through a bot token, with
	// alerts.group_interval groupInterval (0 keeps the default, 30s).
	slack         *fakeSlack
	groupInterval time.Duration
}

// towerSpec is a tower's config.yaml, its listeners and the environment it needs (the
// secrets config.yaml only names).
type towerSpec struct {
	config, api, ops string
	env              []string
}

// towerConfig writes a config.yaml and an encrypted keystore for a tower on the database
// url, following the node n's contract, into a directory of its own.
func (b *bench) towerConfig(n *node, d *deployment, key *ecdsa.PrivateKey, dbURL string, o towerOptions) (towerSpec, error) {
	dir, err := os.MkdirTemp(b.tmp, "tower-")
	if err != nil {
		return towerSpec{}, err
	}
	if err := writeKeystore(dir, key); err != nil {
		return towerSpec{}, err
	}
	s := towerSpec{config: filepath.Join(dir, "config.yaml")}
	if s.api, err = nodeproc.FreeAddr(); err != nil {
		return towerSpec{}, err
	}
	if s.ops, err = nodeproc.FreeAddr(); err != nil {
		return towerSpec{}, err
	}
	budget := ""
	if o.settleBudget != "" {
		budget = fmt.Sprintf(", settle_budget_per_day: %q", o.settleBudget)
	}
	cfg := fmt.Sprintf(`database: {url: %q}
chain:
  rpc: [{name: ws, url: %q}, {name: http, url: %q}]
  confirmations: 2
  poll_interval: 200ms
contracts: [{address: %q, deploy_block: %d}]
api: {listen: %q}
ops: {listen: %q}
keystore: {path: key.json, password_file: pw}
disputes: {auto_settle: %v, max_fee_per_gas: "1000 gwei"%s}
`, dbURL, n.ws(), n.http(), d.manager.Hex(), d.deployBlock, s.api, s.ops, o.autoSettle, budget)
	if o.slack != nil {
		const tokenEnv = "VIGIL_BENCH_SLACK_TOKEN"
		cfg += fmt.Sprintf(`alerts:
  slack: {token_env: %s, api_url: %q, channels: {info: "#vigil", critical: "#vigil-critical"}}
`, tokenEnv, o.slack.apiURL())
		if o.groupInterval > 0 {
			cfg += fmt.Sprintf("  group_interval: %s\n", o.groupInterval)
		}
		s.env = append(s.env, tokenEnv+"="+fakeSlackToken)
	}
	return s, os.WriteFile(s.config, []byte(cfg), 0o600)
}

// writeKeystore writes key into dir as key.json, encrypted with the password in dir/pw,
// as a program's config names them (keystore: {path: key.json, password_file: pw}).
func writeKeystore(dir string, key *ecdsa.PrivateKey) error {
	ks, err := keystore.EncryptKey(&keystore.Key{Id: uuid.New(), Address: crypto.PubkeyToAddress(key.PublicKey), PrivateKey: key},
		"bench", keystore.LightScryptN, keystore.LightScryptP)
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "key.json"), ks, 0o600); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "pw"), []byte("bench\n"), 0o600)
}

// startTower runs `watchtower run` with the spec's config and environment and returns at
// once.
func (b *bench) startTower(ctx context.Context, s towerSpec) (*towerProc, error) {
	bin, err := b.binary(ctx, "watchtower")
	if err != nil {
		return nil, err
	}
	t := &towerProc{api: s.api, ops: s.ops, exited: make(chan struct{}), logs: &nodeproc.Output{}}
	t.cmd = exec.Command(bin, "run", "--config", s.config, "--log.format", "json")
	t.cmd.Env = append(append(os.Environ(), "DATABASE_URL=", "VIGIL_TOWER_CONFIG="), s.env...)
	t.cmd.Stdout, t.cmd.Stderr = t.logs, t.logs
	t.started = time.Now()
	if err := t.cmd.Start(); err != nil {
		return nil, err
	}
	go func() { t.cmd.Wait(); close(t.exited) }()
	return t, nil
}

// ready waits for the tower's /readyz.
func (t *towerProc) ready(ctx context.Context) error {
	for deadline := time.Now().Add(2 * time.Minute); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		select {
		case <-t.exited:
			return fmt.Errorf("watchtower exited:\n%s", t.logs.String())
		case <-ctx.Done():
			return ctx.Err()
		default:
		}
		if resp, err := http.Get("http://" + t.api + "/readyz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
	}
	return fmt.Errorf("watchtower never became ready:\n%s", t.logs.String())
}

// rss returns the process's resident set now and at its peak (VmRSS, VmHWM), in bytes.
func (t *towerProc) rss() (now, peak int64, err error) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", t.cmd.Process.Pid))
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) < 2 {
			continue
		}
		kb, _ := strconv.ParseInt(fields[1], 10, 64)
		switch fields[0] {
		case "VmRSS:":
			now = kb << 10
		case "VmHWM:":
			peak = kb << 10
		}
	}
	return now, peak, sc.Err()
}

// stop sends SIGTERM and waits; kill sends SIGKILL.
func (t *towerProc) stop() {
	_ = t.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-t.exited:
	case <-time.After(30 * time.Second):
		t.kill()
	}
}

func (t *towerProc) kill() {
	_ = t.cmd.Process.Kill()
	<-t.exited
}

// fillChannels stores n channels on contract as a large deployment holds them: each
// with its on-chain view (status, nonce 5, deadline) and a deposited state at nonce 5,
// copied from one real deposit, for only their number matters. Users are derived from
// seed, so that two fills never share one.
func (b *bench) fillChannels(ctx context.Context, be *backend, contract common.Address, n int, seed int64, status string, deadline uint64) error {
	if n == 0 {
		return nil
	}
	tmpl := channel.NewState(common.BytesToAddress(crypto.Keccak256(big.NewInt(seed).Bytes())[:20]))
	tmpl.Nonce.SetInt64(5)
	tmpl.OnchainNonce.SetInt64(1)
	tmpl.WeiBalances = [2]*big.Int{big.NewInt(4e17), big.NewInt(6e17)}
	sig := append(crypto.Keccak256([]byte("r")), append(crypto.Keccak256([]byte("s")), 27)...)
	if _, _, err := be.st.PutState(ctx, store.StoredState{Contract: contract, State: tmpl, Digest: common.Hash{1}, SigHub: sig, SigUser: sig},
		channel.Receipt{IssuedAt: 1, Tower: common.Address{1}, Signature: sig}); err != nil {
		return fmt.Errorf("template state: %w", err)
	}
	if _, err := be.admin.ExecContext(ctx, `
		INSERT INTO channels (contract, user_addr, status, nonce, onchain_nonce, deadline, last_block)
		SELECT $1, substr(sha256(int8send($2::bigint * 1000000000 + i)), 1, 20), $3, 5, 1, $4, 1
		FROM generate_series(1, $5::bigint) AS i`, contract[:], seed, status, strconv.FormatUint(deadline, 10), n); err != nil {
		return fmt.Errorf("fill channels: %w", err)
	}
	if _, err := be.admin.ExecContext(ctx, `
		INSERT INTO channel_states (contract, user_addr, nonce, digest, state, sig_hub, sig_user, received_at,
			receipt_issued_at, receipt_tower, receipt_sig)
		SELECT t.contract, substr(sha256(int8send($2::bigint * 1000000000 + i)), 1, 20), t.nonce, sha256(int8send(-i)), t.state,
			t.sig_hub, t.sig_user, t.received_at, t.receipt_issued_at, t.receipt_tower, t.receipt_sig
		FROM generate_series(1, $3::bigint) AS i, channel_states t WHERE t.contract = $1 AND t.user_addr = $4`,
		contract[:], seed, n, tmpl.User[:]); err != nil {
		return fmt.Errorf("fill states: %w", err)
	}
	return b.settle(ctx, be)
}

// settle brings a database just filled in bulk to the state a deployment that grew to its
// size is in before a figure is measured: its tables vacuumed and analysed (hint bits and
// visibility map set, statistics current) and a checkpoint taken, which writes out what the
// fill left dirty. Without it the kernel writes a gigabyte back while closes are answered
// and a commit's WAL flush waits behind it: single challenges took 0.2 to 1.8 s instead of
// 15 ms. A server where the bench may not CHECKPOINT (neither superuser nor pg_checkpoint)
// is measured as it is, with a warning.
func (b *bench) settle(ctx context.Context, be *backend) error {
	for _, q := range []string{`VACUUM (ANALYZE) channels`, `VACUUM (ANALYZE) channel_states`} {
		if _, err := be.admin.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("%s: %w", q, err)
		}
	}
	if _, err := be.admin.ExecContext(ctx, `CHECKPOINT`); err != nil {
		b.log.Warn("the bench may not checkpoint its database: figures after a fill include the writes it left", "err", err)
	}
	return nil
}
