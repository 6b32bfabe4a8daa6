package chanctl

import (
	"context"
	"fmt"
	"slices"

	"github.com/urfave/cli/v3"

	vcli "github.com/vigil-hub/vigil/internal/cli"
)

// spec is one of chanctl's commands: what it does and the arguments it takes. An amount
// is one or two words ("5 ether", "1000000"), hence the ranges.
type spec struct {
	name, args, usage string
	min, max          int
}

// specs lists the commands in the order help shows them.
var specs = []spec{
	{"status", "", "sync with the hub and show the channel", 0, 0},
	{"deposit", "<amount>", `move ether into the channel ("0.5 ether", "1000 gwei", wei)`, 1, 2},
	{"pay", "<address> <amount>", "pay another user of the hub", 2, 3},
	{"listen", "", "receive payments until interrupted", 0, 0},
	{"withdraw", "<amount> [address]", "move ether out of the channel (to address, default yours)", 1, 3},
	{"close", "[address]", "empty the channel cooperatively", 0, 1},
	{"exit", "", "close on-chain with the latest co-signed state", 0, 0},
	{"settle", "", "pay out an exited channel after its deadline", 0, 0},
}

// App returns chanctl's command line: its commands, version, and internal/cli's common
// flags with chanctl.yaml as the default configuration file.
func App() *cli.Command {
	return vcli.App("chanctl", "a user's wallet for a Vigil channel", "chanctl.yaml", commands())
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
				return checkArgs(cmd.Name, cmd.Args().Slice())
			},
			Action: action,
		})
	}
	return append(cmds, typedDataCommand())
}

// action runs a command whose arguments checkArgs accepted.
func action(ctx context.Context, cmd *cli.Command) error {
	path := vcli.Config(cmd)
	cfg, err := LoadConfig(path)
	if err != nil {
		return fmt.Errorf("configuration %s: %w", path, err)
	}
	w, err := Open(ctx, cfg)
	if err != nil {
		return err
	}
	out := cmd.Root().Writer
	defer report(w, out)
	return Do(ctx, w, cmd.Name, cmd.Args().Slice(), out)
}

// checkArgs validates a command's arguments before anything is opened.
func checkArgs(cmd string, rest []string) error {
	i := slices.IndexFunc(specs, func(s spec) bool { return s.name == cmd })
	if i < 0 {
		return fmt.Errorf("%w: unknown command %q", ErrUsage, cmd)
	}
	s := specs[i]
	switch {
	case s.max == 0 && len(rest) > 0:
		return fmt.Errorf("%w: %s takes no arguments, got %q", ErrUsage, cmd, rest)
	case len(rest) < s.min || len(rest) > s.max:
		return fmt.Errorf("%w: %s takes %s (%d to %d words), got %q", ErrUsage, cmd, s.args, s.min, s.max, rest)
	}
	return nil
}
