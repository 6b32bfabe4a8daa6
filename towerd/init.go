package towerd

import (
	"bytes"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"text/template"
	"time"

	"github.com/ethereum/go-ethereum/accounts/keystore"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/google/uuid"
)

// PasswordEnv is the environment variable `watchtower init` and `watchtower run` read the
// keystore password from when no password file is given.
const PasswordEnv = "VIGIL_KEYSTORE_PASSWORD"

// InitOptions are what `watchtower init` writes a first configuration from.
type InitOptions struct {
	// Dir receives config.yaml, tower-key.json and, once the tower runs, vigil.db.
	Dir string
	// RPC lists the node endpoints (default: a local node's WebSocket and HTTP on 8545).
	RPC []string
	// Contracts are the ChannelManagers to watch; DeployBlock the block to index from.
	Contracts   []common.Address
	DeployBlock uint64
	// Listen is the deposit API's address (default 127.0.0.1:8480); OpsListen the
	// operations listener's (default 127.0.0.1:9480).
	Listen, OpsListen string
	// Password encrypts the keystore. PasswordFile, when set, is where it came from: the
	// config then names that file; otherwise the config reads PasswordEnv.
	Password     string
	PasswordFile string
	// LightKDF encrypts with scrypt's light parameters (fast, for tests and small devices).
	LightKDF bool
	// Key is the tower's key; a fresh one is generated when nil.
	Key *ecdsa.PrivateKey
	// Confirmations (default 12) and PollInterval (default 2s) are the chain section's; a
	// development chain with a block a second wants fewer and shorter.
	Confirmations uint64
	PollInterval  time.Duration
}

// InitResult says what Init wrote.
type InitResult struct {
	ConfigPath, KeystorePath string
	Address                  common.Address
}

// Errors of Init.
var (
	ErrExists     = errors.New("already exists")
	ErrNoPassword = errors.New("an empty keystore password")
)

// Init writes a working config.yaml for a personal watchtower on SQLite and an encrypted
// keystore with the tower's key into opts.Dir. It never overwrites a file.
func Init(opts InitOptions) (InitResult, error) {
	var res InitResult
	if opts.Password == "" {
		return res, fmt.Errorf("init: %w: give one on the terminal, with --password-file or in %s", ErrNoPassword, PasswordEnv)
	}
	if len(opts.Contracts) == 0 {
		return res, errors.New("init: --contract is required: the ChannelManager address of the hub whose channels this tower guards")
	}
	if opts.Listen == "" {
		opts.Listen = "127.0.0.1:8480"
	}
	if opts.OpsListen == "" {
		opts.OpsListen = "127.0.0.1:9480"
	}
	if opts.Confirmations == 0 {
		opts.Confirmations = 12
	}
	if opts.PollInterval <= 0 {
		opts.PollInterval = 2 * time.Second
	}
	if len(opts.RPC) == 0 {
		opts.RPC = []string{"ws://127.0.0.1:8545", "http://127.0.0.1:8545"}
	}
	if err := os.MkdirAll(opts.Dir, 0o700); err != nil {
		return res, fmt.Errorf("init: %w", err)
	}
	res.ConfigPath = filepath.Join(opts.Dir, "config.yaml")
	res.KeystorePath = filepath.Join(opts.Dir, "tower-key.json")
	for _, p := range []string{res.ConfigPath, res.KeystorePath} {
		if _, err := os.Stat(p); err == nil {
			return res, fmt.Errorf("init: %s %w; remove it or choose another --dir", p, ErrExists)
		}
	}
	key := opts.Key
	if key == nil {
		var err error
		if key, err = crypto.GenerateKey(); err != nil {
			return res, fmt.Errorf("init: generate key: %w", err)
		}
	}
	res.Address = crypto.PubkeyToAddress(key.PublicKey)
	n, p := keystore.StandardScryptN, keystore.StandardScryptP
	if opts.LightKDF {
		n, p = keystore.LightScryptN, keystore.LightScryptP
	}
	blob, err := keystore.EncryptKey(&keystore.Key{Id: uuid.New(), Address: res.Address, PrivateKey: key}, opts.Password, n, p)
	if err != nil {
		return res, fmt.Errorf("init: encrypt key: %w", err)
	}
	cfg, err := renderConfig(opts)
	if err != nil {
		return res, err
	}
	// The config must load as written: a template that does not is a bug here.
	if _, err := ParseConfig(cfg); err != nil {
		return res, fmt.Errorf("init: the generated config does not load: %w", err)
	}
	if err := writeNew(res.KeystorePath, blob, 0o600); err != nil {
		return res, err
	}
	if err := writeNew(res.ConfigPath, cfg, 0o600); err != nil {
		os.Remove(res.KeystorePath)
		return res, err
	}
	return res, nil
}

func writeNew(path string, b []byte, mode os.FileMode) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, mode)
	if err != nil {
		return fmt.Errorf("init: %w", err)
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		return fmt.Errorf("init: write %s: %w", path, err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("init: write %s: %w", path, err)
	}
	return f.Close()
}

func renderConfig(opts InitOptions) ([]byte, error) {
	type rpc struct{ Name, URL string }
	var rpcs []rpc
	for i, u := range opts.RPC {
		name := fmt.Sprintf("rpc%d", i)
		switch {
		case strings.HasPrefix(u, "ws"):
			name = fmt.Sprintf("node%d-ws", i)
		case strings.HasPrefix(u, "http"):
			name = fmt.Sprintf("node%d-http", i)
		}
		rpcs = append(rpcs, rpc{name, u})
	}
	pwFile := ""
	if opts.PasswordFile != "" {
		abs, err := filepath.Abs(opts.PasswordFile)
		if err != nil {
			return nil, fmt.Errorf("init: password file: %w", err)
		}
		pwFile = abs
	}
	var b bytes.Buffer
	err := configTemplate.Execute(&b, map[string]any{"RPC": rpcs, "Contracts": opts.Contracts, "DeployBlock": opts.DeployBlock,
		"PasswordFile": pwFile, "PasswordEnv": PasswordEnv, "Listen": opts.Listen, "OpsListen": opts.OpsListen,
		"Confirmations": opts.Confirmations, "PollInterval": opts.PollInterval.String()})
	if err != nil {
		return nil, fmt.Errorf("init: render config: %w", err)
	}
	return b.Bytes(), nil
}

var configTemplate = template.Must(template.New("config").Parse(`# Vigil watchtower — written by ` + "`watchtower init`" + `. Start it with:
#   watchtower run --config config.yaml
# Relative paths below are relative to this file. Secrets do not belong here: a database
# password goes in DATABASE_URL, an RPC URL with an API key in the variable named by
# url_env, the keystore password in a file or in {{.PasswordEnv}}.

database:
  # An embedded SQLite file beside this config: nothing else to install. For replicas
  # sharing one database use PostgreSQL: postgres://user@host:5432/vigil?sslmode=require
  url: sqlite:vigil.db
  # Deposits stop (507) when the file system holding the database has less than min_free
  # left, or the database reaches high_water of max_size (no budget unless set), so that
  # indexing, challenges and the outbox keep the rest.
  min_free: 256MiB
  # max_size: 10GB
  # high_water: 0.9

chain:
  # Nodes in failover order; a ws:// endpoint pushes new heads, http:// is polled about
  # twice a block.
  rpc:
{{- range .RPC}}
    - name: {{.Name}}
      url: {{.URL}}
{{- end}}
    # - name: provider
    #   url_env: VIGIL_RPC_URL     # a URL carrying an API key, from the environment
  confirmations: {{.Confirmations}}    # blocks before an event counts as final
  poll_interval: {{.PollInterval}}  # how often to poll while blocks are late
  # block_interval: 12s  # times the polls; unset, measured from the last 64 blocks
  max_lag: 5           # blocks an endpoint may trail the best one before failing over

# The ChannelManager deployments whose channels this tower guards.
contracts:
{{- range .Contracts}}
  - address: "{{.Hex}}"
    deploy_block: {{$.DeployBlock}}
{{- end}}

api:
  # Where users deposit their states. Keep it on loopback behind a TLS proxy to serve others.
  listen: {{.Listen}}
  # States are kept only for channels seen on-chain, and for at most this many not yet
  # seen per contract, each for unseen_ttl after its first deposit.
  max_unseen_channels: 1000
  unseen_ttl: 168h
  # Per address: requests per second, a deposit counting one per state; per channel user:
  # newer states stored per second. Over either the API answers 429 with Retry-After.
  client_rate: 100
  client_burst: 1000
  user_rate: 10
  user_burst: 100

ops:
  # /healthz, /readyz and Prometheus /metrics, apart from the API: keep it private.
  listen: {{.OpsListen}}

keystore:
  path: tower-key.json   # the tower's key, encrypted; it pays for challenges: fund it
{{- if .PasswordFile}}
  password_file: {{.PasswordFile}}
{{- else}}
  password_env: {{.PasswordEnv}}
{{- end}}

disputes:
  auto_settle: true          # settle disputes after their deadline
  max_fee_per_gas: 500 gwei  # the budget cap per gas for any transaction the tower sends
  tip: 1 gwei                # priority fee when a window opens...
  urgency: 10                # ...rising to this many times that at the deadline
  stuck_blocks: 3            # blocks an attempt may wait before it is replaced
  balance_floor: 0.1 ether   # alert below this gas balance

schedules:
  reconcile: "@every 15s"    # re-examine every disputed channel
  balance_check: "@every 5m"

alerts:
  quiet: 30m                 # an alert with the same key is not repeated within this
  # Alerts always go to the log. To send them to Slack too, uncomment one of:
  # slack:
  #   webhook_env: VIGIL_SLACK_WEBHOOK   # an incoming webhook URL, from the environment
  #   token_env: VIGIL_SLACK_TOKEN       # or a bot token, with a channel per severity:
  #   channels:
  #     info: "#vigil"
  #     critical: "#vigil-disputes"
`))
