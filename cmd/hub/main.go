// Command hub runs Vigil's payment hub.
//
//	hub run --config hub.yaml
//	hub migrate --config hub.yaml
//	hub deploy --rpc URL --keystore hub-key.json --token 0x… [--challenge-period 24h]
//	hub devnet [--dir devnet] [--rpc URL]
//	hub version
//
// The common flags (--config, --log.level, --log.format) go before or after the command.
// Every flag may come from the environment instead, as VIGIL_HUB_ and its name in capitals
// (VIGIL_HUB_CONFIG, VIGIL_HUB_LOG_LEVEL); --help names each variable. See internal/cli.
package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/urfave/cli/v3"

	"github.com/vigil-hub/vigil/hubd"
	vcli "github.com/vigil-hub/vigil/internal/cli"
)

func main() { os.Exit(run(os.Args, os.Stdout, os.Stderr)) }

// run runs the command line args (args[0] is the program) and returns the exit code.
func run(args []string, stdout, stderr io.Writer) int { return vcli.Main(app(), args, stdout, stderr) }

// app is the command line: commands, version and the common flags.
func app() *cli.Command {
	return vcli.App("hub", "run a Vigil payment hub: channels, off-chain payments, collateral, its HTTP API", "hub.yaml", commands())
}

// commands lists the hub's commands; vcli.App adds version.
func commands() []*cli.Command {
	return []*cli.Command{
		{
			Name:   "run",
			Usage:  "serve the hub's API and follow the chain until interrupted",
			Action: runHub,
		},
		{
			Name:   "migrate",
			Usage:  "apply the database migrations",
			Action: migrate,
		},
		deployCommand(),
		devnetCommand(),
	}
}

func runHub(ctx context.Context, cmd *cli.Command) error {
	log, err := vcli.Logger(cmd)
	if err != nil {
		return err
	}
	cfg, err := loadConfig(cmd)
	if err != nil {
		return err
	}
	return hubd.Run(ctx, cfg, log)
}

func migrate(ctx context.Context, cmd *cli.Command) error {
	cfg, err := loadConfig(cmd)
	if err != nil {
		return err
	}
	m, err := hubd.Migrate(ctx, cfg)
	if err != nil {
		return err
	}
	fmt.Fprintln(cmd.Root().Writer, m)
	return nil
}

func loadConfig(cmd *cli.Command) (*hubd.Config, error) {
	path := vcli.Config(cmd)
	cfg, err := hubd.LoadConfig(path)
	if err != nil {
		return nil, fmt.Errorf("configuration %s: %w", path, err)
	}
	return cfg, nil
}
