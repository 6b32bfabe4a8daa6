package main

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"slices"
	"strings"

	"github.com/ethereum/go-ethereum/common"
	"github.com/urfave/cli/v3"

	"github.com/vigil-hub/vigil/chanctl"
	"github.com/vigil-hub/vigil/client"
	vcli "github.com/vigil-hub/vigil/internal/cli"
)

// spec is one of chanctl's commands: what it does and the arguments it takes. An amount
// is one or two words ("5 ether", "0.2"), hence the ranges.
type spec struct {
	name, args, usage string
	min, max          int
}

// specs lists the commands in the order help shows them.
var specs = []spec{
	{"status", "", "sync with the hub and show the channel", 0, 0},
	{"deposit", "<amount>", `move ether or, with --asset, the token into the channel ("0.5 ether", "0.2" for 0.2 ether, "3 gwei", "1000 wei"; "10" or "10 VTT" for tokens)`, 1, 2},
	{"pay", "<address> <amount>", "pay another user of the hub, in ether or, with --asset, in the token", 2, 3},
	{"listen", "", "receive payments until interrupted", 0, 0},
	{"withdraw", "<amount> [address]", "move ether or, with --asset, the token out of the channel (to address, default yours)", 1, 3},
	{"close", "[address]", "empty the channel cooperatively", 0, 1},
	{"exit", "", "close on-chain with the latest co-signed state; prints the challenge deadline", 0, 0},
	{"settle", "", "pay out an exited channel after its deadline", 0, 0},
	{"payments", "", "list your payments, sent and received, with their status (pending, paid, complete, refunded, failed), as the hub records them", 0, 0},
	{"towers", "", "show each watchtower: the last nonce it receipted and when, and any backup it has not", 0, 0},
	{"retry", "", "send again the transaction of the pending deposit, withdrawal or close (e.g. after funding the account)", 0, 0},
	{"abandon", "", "give up a pending operation that did not execute by its timeout, so the channel takes updates again", 0, 0},
}

// The names of chanctl's own flags, beside internal/cli's common ones. Like those they
// go anywhere on the line.
const (
	FlagJSON  = "json"
	FlagWei   = "wei"
	FlagAsset = "asset"
	// FlagNoWait makes pay return at once when the hub lacks collateral toward the payee,
	// instead of waiting for the top-up; FlagWait bounds that wait.
	FlagNoWait = "no-wait"
	FlagWait   = "wait"
)

// assetCommands are the commands --asset applies to.
var assetCommands = []string{"deposit", "pay", "withdraw"}

// app returns chanctl's command line: its commands, version, internal/cli's common
// flags with chanctl.yaml as the default configuration file, and --json, --wei and
// --asset.
func app() *cli.Command {
	app := vcli.App("chanctl", "a user's wallet for a Vigil channel", "chanctl.yaml", commands())
	app.Flags = append(app.Flags,
		&cli.BoolFlag{Name: FlagJSON, Usage: "print one JSON object (errors as one on standard error)"},
		&cli.BoolFlag{Name: FlagWei, Usage: "show amounts in wei (and token base units) instead of ether (and the token's units)"},
		&cli.StringFlag{Name: FlagAsset, Value: "ether", Usage: "what deposit, pay and withdraw move: ether, or the contract's token by symbol or address " +
			"(amounts then in the token's decimals)"},
		&cli.BoolFlag{Name: FlagNoWait, Usage: "pay: return at once when the hub must first top up its collateral toward the payee"},
		&cli.DurationFlag{Name: FlagWait, Value: client.DefaultTopUpWait, Usage: "pay: how long to wait for the hub's top-up toward the payee"})
	for _, c := range app.Commands {
		if c.Name == "version" {
			c.Action = versionJSON(c.Action)
		}
	}
	return app
}

// versionJSON wraps internal/cli's version command: with --json it prints
// {"command": "version", "version": "chanctl v… go…"}.
func versionJSON(text cli.ActionFunc) cli.ActionFunc {
	return func(ctx context.Context, cmd *cli.Command) error {
		if !cmd.Bool(FlagJSON) {
			return text(ctx, cmd)
		}
		root := cmd.Root()
		out := root.Writer
		var b strings.Builder
		root.Writer = &b
		err := text(ctx, cmd)
		root.Writer = out
		if err != nil {
			return err
		}
		return json.NewEncoder(out).Encode(map[string]string{"command": "version", "version": strings.TrimSpace(b.String())})
	}
}

// commands turns specs into commands: each checks its arguments, loads --config, opens
// the wallet and runs Do.
func commands() []*cli.Command {
	cmds := make([]*cli.Command, 0, len(specs)+1)
	for _, s := range specs {
		cmds = append(cmds, &cli.Command{
			Name:      s.name,
			Usage:     s.usage,
			ArgsUsage: s.args,
			ArgValidator: func(_ context.Context, cmd *cli.Command) error {
				return checkArgs(cmd.Name, cmd.Args().Slice(), cmd.String(FlagAsset))
			},
			Action: action,
		})
	}
	return append(cmds, typedDataCommand())
}

// options reads --json, --wei and --asset.
func options(cmd *cli.Command) Options {
	return Options{JSON: cmd.Bool(FlagJSON), Wei: cmd.Bool(FlagWei), Asset: cmd.String(FlagAsset), Progress: cmd.Root().ErrWriter,
		NoWait: cmd.Bool(FlagNoWait), TopUpWait: cmd.Duration(FlagWait)}
}

// openWallet loads --config and opens the wallet, logging as --log.level and --log.format
// say (always as JSON lines with --json).
func openWallet(ctx context.Context, cmd *cli.Command) (*client.Wallet, error) {
	path := vcli.Config(cmd)
	cfg, err := chanctl.LoadConfig(path)
	if err != nil {
		return nil, &configError{path: path, err: err}
	}
	log, err := walletLogger(cmd)
	if err != nil {
		return nil, err
	}
	return chanctl.Open(ctx, cfg, log)
}

// walletLogger is the logger the wallet reports through (backups it will retry, claims).
func walletLogger(cmd *cli.Command) (*slog.Logger, error) {
	if cmd.Bool(FlagJSON) {
		return vcli.NewLogger(cmd.Root().ErrWriter, cmd.String(vcli.FlagLogLevel), "json")
	}
	return vcli.Logger(cmd)
}

// action runs a command whose arguments checkArgs accepted.
func action(ctx context.Context, cmd *cli.Command) error {
	w, err := openWallet(ctx, cmd)
	if err != nil {
		return err
	}
	return Do(ctx, w, options(cmd), cmd.Name, cmd.Args().Slice(), cmd.Root().Writer)
}

// configError is a chanctl.yaml that does not load; it is a chanctl.ErrConfig.
type configError struct {
	path string
	err  error
}

func (e *configError) Error() string        { return fmt.Sprintf("configuration %s: %v", e.path, e.err) }
func (e *configError) Unwrap() error        { return e.err }
func (e *configError) Is(target error) bool { return target == chanctl.ErrConfig }

// checkArgs validates a command's arguments, and --asset, before anything is opened. A
// token amount is checked once the token's decimals are known.
func checkArgs(cmd string, rest []string, asset string) error {
	i := slices.IndexFunc(specs, func(s spec) bool { return s.name == cmd })
	if i < 0 {
		return fmt.Errorf("%w: unknown command %q", errUsage, cmd)
	}
	s := specs[i]
	switch {
	case s.max == 0 && len(rest) > 0:
		return fmt.Errorf("%w: %s takes no arguments, got %q", errUsage, cmd, rest)
	case len(rest) < s.min || len(rest) > s.max:
		return fmt.Errorf("%w: %s takes %s (%d to %d words), got %q", errUsage, cmd, s.args, s.min, s.max, rest)
	}
	ether := isEther(asset)
	if !ether && !slices.Contains(assetCommands, cmd) {
		return fmt.Errorf("%w: --asset applies to %s, not %s", errUsage, strings.Join(assetCommands, ", "), cmd)
	}
	// The amount and the address, where a command takes them, are checked here too.
	var words []string
	var err error
	switch cmd {
	case "deposit":
		words = rest
	case "pay":
		if !common.IsHexAddress(rest[0]) {
			return fmt.Errorf("%w: %q is not an address", errUsage, rest[0])
		}
		words = rest[1:]
	case "withdraw":
		words, _, err = splitAddress(rest)
	case "close":
		_, _, err = splitAddress(rest)
	}
	if err == nil && words != nil && ether {
		_, err = amount(words)
	}
	if err != nil {
		return fmt.Errorf("%w: %s: %w", errUsage, cmd, err)
	}
	return nil
}
