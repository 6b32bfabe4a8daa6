package e2e

import (
	"crypto/ecdsa"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/keystore"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/google/uuid"

	"github.com/vigil-hub/vigil/internal/nodeproc"
	"github.com/vigil-hub/vigil/internal/testkit/anvil"
	"github.com/vigil-hub/vigil/internal/testkit/pgtest"
)

// The secrets the scenarios below hand the programs; none may appear in what they print
// or in their metrics.
const (
	dbPassword  = "DbPassw0rdS3cret"
	rpcPathKey  = "RpcPathK3yS3cret"
	rpcQueryKey = "RpcQueryK3yS3cret"
	slackSecret = "SlackH00kS3cret"
)

// TestNoSecretsInOutput starts `watchtower run` and `hub run` as processes with a database
// URL carrying a password that is malformed or cannot connect, an RPC endpoint carrying an
// API key in its path and query that fails (alone, and first before a working one), and a
// Slack incoming webhook (its URL is its credential) whose deliveries fail. It scans their
// stdout, stderr and /metrics for every secret.
func TestNoSecretsInOutput(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binaries and starts an external node")
	}
	bin := t.TempDir()
	if out, err := exec.Command("go", "build", "-o", bin+"/", "../cmd/hub", "../cmd/watchtower").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	node := anvil.Start(t, 1)
	d := node.Deploy(600)
	dir := t.TempDir()
	t.Setenv("VIGIL_KEYSTORE_PASSWORD", password)
	t.Setenv("DATABASE_URL", "")

	// A Slack stand-in that drops every delivery mid-request: the client's error quotes
	// the URL it posted to.
	var hits atomic.Int64
	slack := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		if hj, ok := w.(http.Hijacker); ok {
			if c, _, err := hj.Hijack(); err == nil {
				c.Close()
				return
			}
		}
		w.WriteHeader(http.StatusInternalServerError)
	}))
	t.Cleanup(slack.Close)
	badRPC := "http://" + freeAddr(t) + "/v3/" + rpcPathKey + "?apikey=" + rpcQueryKey
	t.Setenv("VIGIL_TEST_RPC", badRPC)
	t.Setenv("VIGIL_TEST_SLACK", slack.URL+"/services/T0000/B0000/"+slackSecret)
	badDatabases := map[string]string{
		"malformed":   "postgres://vigil:" + dbPassword + "@127.0.0.1:notaport/vigil?sslmode=disable",
		"unreachable": "postgres://vigil:" + dbPassword + "@127.0.0.1:1/vigil?sslmode=disable&connect_timeout=2",
		"bad option":  "postgres://vigil:" + dbPassword + "@127.0.0.1:5432/vigil?sslmode=bogus",
	}

	towerKey, _ := crypto.GenerateKey() // unfunded: its balance check alerts at once
	towerDir := filepath.Join(dir, "tower")
	if err := os.MkdirAll(towerDir, 0o700); err != nil {
		t.Fatal(err)
	}
	hubDB := pgtest.NewDatabase(t)
	configs := map[string]func(rpc, ops string) string{
		"watchtower": func(rpc, ops string) string {
			return fmt.Sprintf(`database: {url: "sqlite:tower.db"}
chain: {rpc: [%s], confirmations: 1, poll_interval: 200ms}
contracts: [{address: %q, deploy_block: %d}]
keystore: {path: %q, password_env: VIGIL_KEYSTORE_PASSWORD}
api: {listen: %q}
ops: {listen: %q}
disputes: {balance_floor: 1000 ether}
schedules: {balance_check: "@every 1s", rpc_health: "@every 1s", lag_check: "@every 1s"}
alerts: {group_interval: 1s, slack: {webhook_env: VIGIL_TEST_SLACK}}
`, rpc, d.Manager.Hex(), d.DeployBlock, writeKeystore(t, towerDir, towerKey), freeAddr(t), ops)
		},
		"hub": func(rpc, ops string) string {
			return fmt.Sprintf(`database: {url: %q}
chain: {rpc: [%s], confirmations: 1, poll_interval: 200ms}
contract: {address: %q, deploy_block: %d}
api: {listen: %q}
ops: {listen: %q}
keystore: {path: %q, password_env: VIGIL_KEYSTORE_PASSWORD}
disputes: {balance_floor: 1000 ether}
alerts: {group_interval: 1s, slack: {webhook_env: VIGIL_TEST_SLACK}}
sweep: "@every 1s"
`, hubDB, rpc, d.Manager.Hex(), d.DeployBlock, freeAddr(t), ops, writeKeystore(t, dir, node.Key(0)))
		},
	}
	onlyBad := `{name: provider, url_env: VIGIL_TEST_RPC}`
	badFirst := onlyBad + `, {name: anvil, url: "` + node.HTTP() + `"}`

	for _, prog := range []string{"watchtower", "hub"} {
		cfgPath := filepath.Join(towerDir, prog+".yaml")
		if prog == "hub" {
			cfgPath = filepath.Join(dir, "hub.yaml")
		}
		t.Run(prog, func(t *testing.T) {
			for name, url := range badDatabases {
				t.Run("database "+name, func(t *testing.T) {
					writeFile(t, cfgPath, configs[prog](onlyBad, freeAddr(t)))
					out, exited := runFor(t, filepath.Join(bin, prog), []string{"DATABASE_URL=" + url}, 20*time.Second, "run", "--config", cfgPath)
					if !exited {
						t.Errorf("%s kept running with a bad database URL", prog)
					}
					checkNoSecrets(t, prog, out)
				})
			}
			t.Run("failing rpc", func(t *testing.T) {
				writeFile(t, cfgPath, configs[prog](onlyBad, freeAddr(t)))
				out, _ := runFor(t, filepath.Join(bin, prog), nil, 8*time.Second, "run", "--config", cfgPath)
				checkNoSecrets(t, prog, out)
			})
			t.Run("failing rpc first and failing slack webhook", func(t *testing.T) {
				ops := freeAddr(t)
				writeFile(t, cfgPath, configs[prog](badFirst, ops))
				before := hits.Load()
				var metrics string
				out, exited := runFor(t, filepath.Join(bin, prog), nil, 10*time.Second, "run", "--config", cfgPath)
				metrics = lastMetrics(ops)
				if exited {
					t.Errorf("%s exited although one endpoint works:\n%s", prog, lastLines(out, 20))
				}
				if prog == "watchtower" && hits.Load() == before {
					t.Errorf("no alert delivery was attempted: the webhook case tested nothing\n%s", lastLines(out, 20))
				}
				checkNoSecrets(t, prog, out+metrics)
				if prog == "watchtower" && !strings.Contains(metrics, `endpoint="provider"`) {
					t.Errorf("the metrics do not name the failing endpoint by its configured name")
				}
			})
		})
	}
}

// checkNoSecrets fails when any of the scenarios' secrets is in out.
func checkNoSecrets(t *testing.T, prog, out string) {
	t.Helper()
	if strings.TrimSpace(out) == "" {
		t.Errorf("%s printed nothing: the scan would prove nothing", prog)
	}
	for _, s := range []string{dbPassword, rpcPathKey, rpcQueryKey, slackSecret} {
		if i := strings.Index(out, s); i >= 0 {
			line := out[strings.LastIndex(out[:i], "\n")+1:]
			if j := strings.Index(line, "\n"); j >= 0 {
				line = line[:j]
			}
			t.Errorf("%s printed the secret %q:\n%s", prog, s, line)
		}
	}
}

// metricsSeen holds the last /metrics read from each ops listener while its process ran.
var metricsSeen sync.Map

func lastMetrics(ops string) string {
	v, _ := metricsSeen.Load(ops)
	s, _ := v.(string)
	return s
}

// runFor runs a program with extra environment for at most d, then stops it with SIGTERM;
// it returns everything it printed on stdout and stderr and whether it exited by itself.
// While it runs, its ops listener's /metrics (if any is named by --config's ops.listen) is
// read into metricsSeen.
func runFor(t *testing.T, path string, env []string, d time.Duration, args ...string) (string, bool) {
	t.Helper()
	var out nodeproc.Output
	cmd := exec.Command(path, args...)
	cmd.Env = append(os.Environ(), env...)
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	ops := opsOf(t, args)
	deadline := time.After(d)
	for {
		select {
		case <-done:
			return out.String(), true
		case <-deadline:
			cmd.Process.Signal(syscall.SIGTERM)
			select {
			case <-done:
			case <-time.After(20 * time.Second):
				cmd.Process.Kill()
				<-done
			}
			return out.String(), false
		case <-time.After(500 * time.Millisecond):
			if ops == "" {
				continue
			}
			if resp, err := http.Get("http://" + ops + "/metrics"); err == nil {
				b, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if resp.StatusCode == http.StatusOK {
					metricsSeen.Store(ops, string(b))
				}
			}
		}
	}
}

// opsOf reads ops.listen from the config file named after --config.
func opsOf(t *testing.T, args []string) string {
	for i, a := range args {
		if a == "--config" && i+1 < len(args) {
			b, err := os.ReadFile(args[i+1])
			if err != nil {
				return ""
			}
			for _, line := range strings.Split(string(b), "\n") {
				if rest, ok := strings.CutPrefix(line, "ops: {listen: "); ok {
					return strings.Trim(strings.TrimSuffix(rest, "}"), `"`)
				}
			}
		}
	}
	return ""
}

// writeKeystore writes key encrypted with the test password (light scrypt) into dir.
func writeKeystore(t *testing.T, dir string, key *ecdsa.PrivateKey) string {
	t.Helper()
	ks, err := keystore.EncryptKey(&keystore.Key{Id: uuid.New(), Address: crypto.PubkeyToAddress(key.PublicKey), PrivateKey: key},
		password, keystore.LightScryptN, keystore.LightScryptP)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, crypto.PubkeyToAddress(key.PublicKey).Hex()+"-key.json")
	writeFile(t, p, string(ks))
	return p
}
