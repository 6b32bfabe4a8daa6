package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/urfave/cli/v3"

	"github.com/vigil-hub/vigil/hubd"
	vcli "github.com/vigil-hub/vigil/internal/cli"
	"github.com/vigil-hub/vigil/internal/keyfile"
)

func deployCommand() *cli.Command {
	return &cli.Command{
		Name:  "deploy",
		Usage: "deploy a ChannelManager from the committed artifacts and print the config lines for it",
		Description: "The keystore's account pays for the deployment and is the contract's hub unless --hub says otherwise.\n" +
			"Its password comes from --password-file or " + hubd.PasswordEnv + ", which hub.yaml names for `hub run` too\n" +
			"(" + deprecatedPasswordEnv + " is read when it is unset, with a warning: it is the watchtower's).",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "rpc", Usage: "the node's URL (http:// or ws://)", Required: true},
			&cli.StringFlag{Name: "keystore", Usage: "the encrypted key that sends the deployment", Required: true},
			&cli.StringFlag{Name: "password-file", Usage: "read the keystore password from this file"},
			&cli.StringFlag{Name: "token", Usage: "the ERC-20 the channels hold beside ether", Required: true},
			&cli.StringFlag{Name: "hub", Usage: "the contract's hub address (default: the keystore's)"},
			&cli.DurationFlag{Name: "challenge-period", Value: 24 * time.Hour, Usage: "how long a dispute stays open"},
		},
		Action: deploy,
	}
}

func deploy(ctx context.Context, cmd *cli.Command) error {
	for _, f := range []string{"token", "hub"} {
		if v := cmd.String(f); v != "" && !common.IsHexAddress(v) {
			return fmt.Errorf("%w: --%s %q is not an address", vcli.ErrUsage, f, v)
		}
	}
	period := cmd.Duration("challenge-period")
	if period < time.Second || period%time.Second != 0 {
		return fmt.Errorf("%w: --challenge-period %s must be a whole number of seconds", vcli.ErrUsage, period)
	}
	ks := keyfile.Config{Path: cmd.String("keystore"), PasswordFile: cmd.String("password-file")}
	if ks.PasswordFile == "" {
		log, err := vcli.Logger(cmd)
		if err != nil {
			return err
		}
		ks.PasswordEnv = passwordEnv(log)
		if os.Getenv(ks.PasswordEnv) == "" {
			return fmt.Errorf("%w: no keystore password: %s is not set; set it or give --password-file", vcli.ErrUsage, hubd.PasswordEnv)
		}
	}
	key, err := ks.Load()
	if err != nil {
		return err
	}
	out := cmd.Root().Writer
	var hub common.Address
	if v := cmd.String("hub"); v != "" {
		hub = common.HexToAddress(v)
	}
	d, err := hubd.Deploy(ctx, hubd.DeployOptions{RPC: cmd.String("rpc"), Key: key, Hub: hub, ChallengePeriod: uint64(period / time.Second),
		Token: common.HexToAddress(cmd.String("token")),
		Sent:  func(tx common.Hash) { fmt.Fprintf(out, "sent %s; waiting for it to be mined\n", tx) }})
	if err != nil {
		return err
	}
	fmt.Fprintf(out, `ChannelManager %s deployed in block %d on chain %s (hub %s, challenge period %s).

hub.yaml:
contract:
  address: "%s"
  deploy_block: %d

config.yaml (watchtower):
contracts:
  - address: "%s"
    deploy_block: %d
`, d.Address, d.Block, d.ChainID, d.Hub, period, d.Address, d.Block, d.Address, d.Block)
	return nil
}

// deprecatedPasswordEnv is the variable `hub deploy` read before the hub had one of its
// own; it is the watchtower's.
const deprecatedPasswordEnv = "VIGIL_KEYSTORE_PASSWORD"

// passwordEnv is the variable the hub's keystore password is read from: hubd.PasswordEnv,
// or the deprecated one, with a warning, when only that one is set.
func passwordEnv(log *slog.Logger) string {
	if os.Getenv(hubd.PasswordEnv) == "" && os.Getenv(deprecatedPasswordEnv) != "" {
		log.Warn("the hub's keystore password is read from a deprecated variable: set the hub's own, which hub run reads too",
			"deprecated", deprecatedPasswordEnv, "use", hubd.PasswordEnv)
		return deprecatedPasswordEnv
	}
	return hubd.PasswordEnv
}
