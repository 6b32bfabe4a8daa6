package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/urfave/cli/v3"

	"github.com/vigil-hub/vigil/internal/devnet"
)

func devnetCommand() *cli.Command {
	return &cli.Command{
		Name:  "devnet",
		Usage: "start a local chain, deploy a token and a ChannelManager, and write a hub's, a tower's and two wallets' configs",
		Description: "Without --rpc it runs the npm-pinned anvil (contracts/node_modules; VIGIL_ANVIL names another) until interrupted,\n" +
			"its chain kept in the directory. With --rpc it uses that node, whose first anvil test account must hold ether, and exits.\n" +
			"It prints the commands that run the hub, the tower and a wallet on what it wrote.",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "dir", Value: "devnet", Usage: "directory to write the configs, keystores and chain into"},
			&cli.StringFlag{Name: "rpc", Usage: "use this node (http://) instead of starting anvil"},
			&cli.IntFlag{Name: "port", Value: 8545, Usage: "the port anvil listens on"},
			&cli.IntFlag{Name: "block-time", Value: 1, Usage: "seconds between anvil's blocks"},
			&cli.DurationFlag{Name: "challenge-period", Value: time.Hour, Usage: "how long a dispute stays open"},
			&cli.StringFlag{Name: "hub-listen", Value: "127.0.0.1:8580", Usage: "the hub's API address"},
			&cli.StringFlag{Name: "hub-ops-listen", Value: "127.0.0.1:9580", Usage: "the hub's /healthz, /readyz and /metrics"},
			&cli.StringFlag{Name: "tower-listen", Value: "127.0.0.1:8480", Usage: "the tower's API address"},
			&cli.StringFlag{Name: "tower-ops-listen", Value: "127.0.0.1:9480", Usage: "the tower's /healthz, /readyz and /metrics"},
		},
		Action: runDevnet,
	}
}

func runDevnet(ctx context.Context, cmd *cli.Command) error {
	period := cmd.Duration("challenge-period")
	if period < time.Second || period%time.Second != 0 {
		return fmt.Errorf("--challenge-period %s must be a whole number of seconds", period)
	}
	out := cmd.Root().Writer
	o := devnet.Options{Dir: cmd.String("dir"), RPC: cmd.String("rpc"), ChallengePeriod: period,
		HubListen: cmd.String("hub-listen"), HubOps: cmd.String("hub-ops-listen"),
		TowerListen: cmd.String("tower-listen"), TowerOps: cmd.String("tower-ops-listen"),
		Sent: func(what string, tx common.Hash) { fmt.Fprintf(out, "sent %s: %s\n", what, tx) }}
	var node *devnet.Anvil
	if o.RPC == "" {
		var err error
		if node, err = devnet.StartAnvil(ctx, o.Dir, int(cmd.Int("port")), int(cmd.Int("block-time"))); err != nil {
			return err
		}
		defer node.Stop()
		o.RPC, o.WS = node.HTTP, node.WS
		fmt.Fprintf(out, "anvil listens on %s (its log: %s)\n", node.HTTP, node.LogFile)
	}
	s, err := devnet.Setup(ctx, o)
	if err != nil {
		return err
	}
	printDevnet(out, s, o)
	if node == nil {
		return nil
	}
	fmt.Fprintf(out, "\nanvil runs until you interrupt this command; its chain is kept in %s.\n", node.StateFile)
	select {
	case <-ctx.Done():
		return nil
	case err := <-node.Exited():
		return fmt.Errorf("anvil exited (see %s): %v", node.LogFile, err)
	}
}

func printDevnet(out io.Writer, s *devnet.Stack, o devnet.Options) {
	fmt.Fprintf(out, `
A local stack on chain %s, written to %s:
  token           %s (VTT)
  ChannelManager  %s, deployed in block %d, challenge period %s
  hub             %s, its reserve %d ether and 1000 VTT
  alice, bob      %s, %s: %d ether and 1000 VTT each
  tower           %s
Keystores are encrypted with the password in %s.

Run the hub and the tower, each in its own terminal, from the repository's root:
  go run ./cmd/hub run --config %s
  go run ./cmd/watchtower run --config %s

Bob opens a channel, then listens for payments (co-signing the hub's top-ups) in a third:
  go run ./cmd/chanctl --config %s deposit 1
  go run ./cmd/chanctl --config %s listen

Alice opens hers and pays bob (the first payment to bob waits for his top-up: retry it):
  go run ./cmd/chanctl --config %s deposit 1
  go run ./cmd/chanctl --config %s pay %s 0.1
`, s.ChainID, filepath.Dir(s.HubConfig), s.Token, s.Manager, s.DeployBlock, o.ChallengePeriod, s.Hub, s.ReserveEther,
		s.Alice, s.Bob, s.UserEther, s.Tower, s.PasswordFile,
		s.HubConfig, s.TowerConfig, s.BobConfig, s.BobConfig, s.AliceConfig, s.AliceConfig, s.Bob)
}
