package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/ethereum/go-ethereum/common"
	"github.com/urfave/cli/v3"
	"golang.org/x/term"

	"github.com/vigil-hub/vigil/contracts"
	vcli "github.com/vigil-hub/vigil/internal/cli"
	"github.com/vigil-hub/vigil/towerd"
)

func initCommand() *cli.Command {
	return &cli.Command{
		Name:  "init",
		Usage: "write a working config.yaml (SQLite, local node) and an encrypted keystore for a personal tower",
		Description: "The keystore password is asked for on the terminal, or read from --password-file or " +
			towerd.PasswordEnv + " (which `watchtower run` then reads too).",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "dir", Value: ".", Usage: "directory to write config.yaml and tower-key.json into"},
			&cli.StringSliceFlag{Name: "contract", Usage: "a ChannelManager address to guard (repeatable)"},
			&cli.Uint64Flag{Name: "deploy-block", Usage: "the block the contracts were deployed in (indexing starts there)"},
			&cli.StringSliceFlag{Name: "rpc", Usage: "a node endpoint, ws:// or http:// (repeatable; default a local node on 8545)"},
			&cli.StringFlag{Name: "listen", Value: "127.0.0.1:8480", Usage: "the address the state deposit API listens on"},
			&cli.StringFlag{Name: "ops-listen", Value: "127.0.0.1:9480", Usage: "the address of /healthz, /readyz and /metrics"},
			&cli.StringFlag{Name: "password-file", Usage: "read the keystore password from this file"},
			&cli.BoolFlag{Name: "lightkdf", Usage: "encrypt the keystore with light scrypt parameters (faster, weaker)"},
		},
		Action: initTower,
	}
}

func initTower(_ context.Context, cmd *cli.Command) error {
	opts := towerd.InitOptions{Dir: cmd.String("dir"), RPC: cmd.StringSlice("rpc"), DeployBlock: cmd.Uint64("deploy-block"),
		PasswordFile: cmd.String("password-file"), LightKDF: cmd.Bool("lightkdf"), Listen: cmd.String("listen"), OpsListen: cmd.String("ops-listen")}
	for _, c := range cmd.StringSlice("contract") {
		if !common.IsHexAddress(c) {
			return fmt.Errorf("%w: --contract %q is not an address", vcli.ErrUsage, c)
		}
		opts.Contracts = append(opts.Contracts, common.HexToAddress(c))
	}
	pw, err := password(opts.PasswordFile)
	if err != nil {
		return err
	}
	opts.Password = pw
	res, err := towerd.Init(opts)
	if err != nil {
		return err
	}
	out := cmd.Root().Writer
	fmt.Fprintf(out, `Wrote %s and %s (encrypted).

The tower's address is %s.
Fund it with gas money on the chain its nodes serve: it pays for every challenge it sends
(about %s gas each on anvil, see docs/gas.md) and alerts when its balance falls below
disputes.balance_floor.

Then start it (it creates its SQLite database beside the config):
  watchtower run --config %s
`, res.ConfigPath, res.KeystorePath, res.Address, contracts.ChallengeGasText(), res.ConfigPath)
	if opts.PasswordFile == "" {
		fmt.Fprintf(out, "with the keystore password in %s.\n", towerd.PasswordEnv)
	}
	return nil
}

// password reads the keystore password from the file, the environment, or the terminal
// (asked twice), in that order.
func password(file string) (string, error) {
	if file != "" {
		b, err := os.ReadFile(file)
		if err != nil {
			return "", fmt.Errorf("read --password-file: %w", err)
		}
		return strings.TrimRight(string(b), "\r\n"), nil
	}
	if pw := os.Getenv(towerd.PasswordEnv); pw != "" {
		return pw, nil
	}
	fd := int(os.Stdin.Fd())
	if !term.IsTerminal(fd) {
		return "", fmt.Errorf("no keystore password: not on a terminal; use --password-file or set %s", towerd.PasswordEnv)
	}
	fmt.Fprint(os.Stderr, "Keystore password: ")
	a, err := term.ReadPassword(fd)
	fmt.Fprintln(os.Stderr)
	if err != nil {
		return "", fmt.Errorf("read password: %w", err)
	}
	fmt.Fprint(os.Stderr, "Again: ")
	b, err := term.ReadPassword(fd)
	fmt.Fprintln(os.Stderr)
	if err != nil {
		return "", fmt.Errorf("read password: %w", err)
	}
	if string(a) != string(b) {
		return "", errors.New("the passwords differ")
	}
	return string(a), nil
}
