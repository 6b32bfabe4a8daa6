package devnet

import (
	"bytes"
	"crypto/ecdsa"
	"fmt"
	"os"
	"path/filepath"
	"text/template"
	"time"

	"github.com/ethereum/go-ethereum/accounts/keystore"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/google/uuid"

	"github.com/vigil-hub/vigil/hubd"
	"github.com/vigil-hub/vigil/towerd"
)

// write writes the password file, the keystores and the configs. Keystores use scrypt's
// light parameters: these are throwaway keys on a development chain, and the programs
// start at once. Every path in a wallet's config is absolute, so that the wallet finds
// its files from any directory.
func (s *Stack) write(o Options, keys map[string]*ecdsa.PrivateKey) error {
	pw, err := newPassword()
	if err != nil {
		return fmt.Errorf("devnet: password: %w", err)
	}
	s.PasswordFile = filepath.Join(o.Dir, "password.txt")
	if err := writeNew(s.PasswordFile, []byte(pw+"\n")); err != nil {
		return err
	}
	for _, name := range []string{"hub", "alice", "bob"} {
		blob, err := keystore.EncryptKey(&keystore.Key{Id: uuid.New(), Address: crypto.PubkeyToAddress(keys[name].PublicKey), PrivateKey: keys[name]},
			pw, keystore.LightScryptN, keystore.LightScryptP)
		if err != nil {
			return fmt.Errorf("devnet: encrypt %s's key: %w", name, err)
		}
		if err := writeNew(filepath.Join(o.Dir, name+"-key.json"), blob); err != nil {
			return err
		}
	}
	rpc := []string{o.RPC}
	if o.WS != "" {
		rpc = []string{o.WS, o.RPC}
	}
	hubYAML, err := render(hubTemplate, map[string]any{"RPC": rpc, "Stack": s, "API": o.HubListen, "Ops": o.HubOps})
	if err != nil {
		return err
	}
	if _, err := hubd.ParseConfig(hubYAML); err != nil {
		return fmt.Errorf("devnet: the hub's config does not load: %w", err) // a bug here
	}
	s.HubConfig = filepath.Join(o.Dir, "hub.yaml")
	if err := writeNew(s.HubConfig, hubYAML); err != nil {
		return err
	}
	tower, err := towerd.Init(towerd.InitOptions{Dir: filepath.Join(o.Dir, "tower"), RPC: rpc, Contracts: s.managers(), DeployBlock: s.DeployBlock,
		Listen: o.TowerListen, OpsListen: o.TowerOps, Password: pw, PasswordFile: s.PasswordFile, LightKDF: true, Key: keys["tower"],
		Confirmations: 2, PollInterval: 500 * time.Millisecond})
	if err != nil {
		return fmt.Errorf("devnet: %w", err)
	}
	s.TowerConfig = tower.ConfigPath
	for _, w := range []struct {
		name string
		path *string
	}{{"alice", &s.AliceConfig}, {"bob", &s.BobConfig}} {
		b, err := render(walletTemplate, map[string]any{"Hub": o.HubListen, "RPC": o.RPC, "Stack": s, "Tower": o.TowerListen,
			"Keystore": filepath.Join(o.Dir, w.name+"-key.json"), "State": filepath.Join(o.Dir, w.name+"-state.json")})
		if err != nil {
			return err
		}
		*w.path = filepath.Join(o.Dir, w.name+".yaml")
		if err := writeNew(*w.path, b); err != nil {
			return err
		}
	}
	return nil
}

func render(t *template.Template, data any) ([]byte, error) {
	var b bytes.Buffer
	if err := t.Execute(&b, data); err != nil {
		return nil, fmt.Errorf("devnet: render %s: %w", t.Name(), err)
	}
	return b.Bytes(), nil
}

func writeNew(path string, b []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("devnet: %w", err)
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		return fmt.Errorf("devnet: write %s: %w", path, err)
	}
	return f.Close()
}

// hubTemplate is hub.yaml on SQLite beside it, for a node with a block a second: one
// confirmation, quick sweeps, and collateral enough for a few payments.
var hubTemplate = template.Must(template.New("hub.yaml").Parse(`# Vigil hub on a development chain — written by ` + "`hub devnet`" + `.
# Relative paths are relative to this file.
database:
  url: sqlite:hub.db
chain:
  rpc:
{{- range $i, $u := .RPC}}
    - name: node{{$i}}
      url: {{$u}}
{{- end}}
  confirmations: 1
  poll_interval: 500ms
contract:
  address: "{{.Stack.Manager.Hex}}"
  deploy_block: {{.Stack.DeployBlock}}
api:
  listen: {{.API}}
ops:
  listen: {{.Ops}}
keystore:
  path: hub-key.json
  password_file: password.txt
collateral:
  target: 5 ether          # a payee's channel is topped up to this from the reserve
  token_target: "100"
sweep: "@every 2s"
`))

// walletTemplate is a chanctl.yaml.
var walletTemplate = template.Must(template.New("wallet.yaml").Parse(`# A Vigil wallet on a development chain — written by ` + "`hub devnet`" + `.
hub: http://{{.Hub}}
rpc: {{.RPC}}
contract: "{{.Stack.Manager.Hex}}"
keystore:
  path: {{.Keystore}}
  password_file: {{.Stack.PasswordFile}}
state: {{.State}}
towers:
  - http://{{.Tower}}
`))

func (s *Stack) managers() []common.Address { return []common.Address{s.Manager} }
