// Command watchtower runs Vigil's watchtower: it indexes ChannelManager events and keeps
// the latest co-signed state users deposit with it.
//
//	watchtower demo [--without-watchtower]
//	watchtower init --contract 0x… [--dir D]
//	watchtower run --config config.yaml
//	watchtower migrate --config config.yaml
//	watchtower status --config config.yaml [--json]
//	watchtower version
//
// The common flags (--config, --log.level, --log.format) go before or after the command.
// Every flag may come from the environment instead, as VIGIL_TOWER_ and its name in capitals
// (VIGIL_TOWER_CONFIG, VIGIL_TOWER_LOG_LEVEL); --help names each variable. See internal/cli.
package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/urfave/cli/v3"

	vcli "github.com/vigil-hub/vigil/internal/cli"
	"github.com/vigil-hub/vigil/towerd"
)

func main() { os.Exit(run(os.Args, os.Stdout, os.Stderr)) }

// run runs the command line args (args[0] is the program) and returns the exit code: 1
// too after the demo's expected loss, which is its outcome rather than a failure to log.
func run(args []string, stdout, stderr io.Writer) int {
	var d demoOutcome
	code := vcli.Main(newApp(&d), args, stdout, stderr)
	if code == 0 && d.expectedLoss {
		return 1
	}
	return code
}

// app is the command line: commands, version and the common flags.
func app() *cli.Command { return newApp(new(demoOutcome)) }

// newApp is app with the demo's outcome recorded in d.
func newApp(d *demoOutcome) *cli.Command {
	return vcli.App("watchtower", "guard Vigil payment channels: index the chain, keep users' states, answer stale closes", "config.yaml", commands(d))
}

// commands lists the watchtower's commands; vcli.App adds version.
func commands(d *demoOutcome) []*cli.Command {
	return []*cli.Command{
		demoCommand(d),
		initCommand(),
		{
			Name:   "run",
			Usage:  "index the chain, serve the state deposit API and answer disputes until interrupted",
			Action: runTower,
		},
		statusCommand(),
		{
			Name:   "migrate",
			Usage:  "apply the database migrations",
			Action: migrate,
		},
	}
}

func runTower(ctx context.Context, cmd *cli.Command) error {
	log, err := vcli.Logger(cmd)
	if err != nil {
		return err
	}
	cfg, err := loadConfig(cmd)
	if err != nil {
		return err
	}
	return towerd.Run(ctx, cfg, log)
}

func migrate(ctx context.Context, cmd *cli.Command) error {
	cfg, err := loadConfig(cmd)
	if err != nil {
		return err
	}
	m, err := towerd.Migrate(ctx, cfg)
	if err != nil {
		return err
	}
	fmt.Fprintln(cmd.Root().Writer, m)
	return nil
}

func loadConfig(cmd *cli.Command) (*towerd.Config, error) {
	path := vcli.Config(cmd)
	cfg, err := towerd.LoadConfig(path)
	if err != nil {
		return nil, fmt.Errorf("configuration %s: %w", path, err)
	}
	return cfg, nil
}
