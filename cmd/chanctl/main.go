// Command chanctl is a user's wallet for a Vigil channel (see package chanctl).
//
//	chanctl status --config chanctl.yaml
//	chanctl pay 0xPayee 0.1 ether --config chanctl.yaml
//	chanctl towers --json
//	chanctl listen --json          # one JSON object per line per event
//	chanctl payments
//	chanctl version
//
// The common flags (--config, --log.level, --log.format) and chanctl's --json, --wei and
// --asset go anywhere on the line, also after a command's arguments. Each may come from
// the environment instead, as VIGIL_CHANCTL_ and its name in capitals
// (VIGIL_CHANCTL_CONFIG, VIGIL_CHANCTL_JSON); --help names each one. See internal/cli.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"os/signal"
	"strconv"
	"syscall"

	"github.com/vigil-hub/vigil/chanctl"
	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/client"
	"github.com/vigil-hub/vigil/contracts"
	vcli "github.com/vigil-hub/vigil/internal/cli"
)

func main() { os.Exit(run(os.Args, os.Stdout, os.Stderr)) }

// run runs chanctl's command line args (args[0] is the program) and returns the exit
// code, as internal/cli's Main does: 0, 2 for a usage error, 1 for a failed command. With
// --json an error is one JSON object on stderr, {"error": "…", "code": "…"}, instead of a
// log line.
func run(args []string, stdout, stderr io.Writer) int {
	app := app()
	if !wantsJSON(args[1:]) {
		return vcli.Main(app, args, stdout, stderr)
	}
	app.Writer, app.ErrWriter = stdout, stderr
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := vcli.Execute(ctx, app, args)
	if err == nil {
		return 0
	}
	code, exit := errorCode(err), 1
	if errors.Is(err, errUsage) {
		exit = 2
	}
	_ = json.NewEncoder(stderr).Encode(struct {
		Error string `json:"error"`
		Code  string `json:"code"`
	}{err.Error(), code})
	return exit
}

// wantsJSON reports whether --json is on the command line (before a "--") or set in its
// environment variable. It is read before parsing, so that a command line that does not
// parse is answered in JSON too.
func wantsJSON(args []string) bool {
	if on, err := strconv.ParseBool(os.Getenv(vcli.EnvVar(vcli.EnvPrefix("chanctl"), FlagJSON))); err == nil && on {
		return true
	}
	for _, a := range args {
		switch {
		case a == "--":
			return false
		case a == "--json" || a == "-json" || a == "--json=true" || a == "-json=true":
			return true
		}
	}
	return false
}

// errorCode classifies a failure for --json: a machine-readable code.
func errorCode(err error) string {
	var he *client.HubError
	var rv *contracts.RevertError
	switch {
	case errors.Is(err, client.ErrUnknownAsset):
		return "unknown_asset" // a usage error too: it exits 2
	case errors.Is(err, errUsage):
		return "usage"
	case errors.Is(err, chanctl.ErrConfig):
		return "config"
	case errors.Is(err, client.ErrStateMissing):
		return "state_missing" // the hub knows the channel: restore the state file, do not start a fresh one
	case errors.As(err, &he):
		if he.Code != "" {
			return "hub_" + he.Code
		}
		return "hub_refused"
	case errors.Is(err, client.ErrUnfair):
		return "unfair_update"
	case errors.Is(err, client.ErrNotYet):
		return "node_behind" // the wallet's node does not show the hub's proposal due yet; retry
	case errors.Is(err, client.ErrTowerMismatch):
		return "tower_mismatch"
	case errors.Is(err, client.ErrTower):
		return "tower"
	case errors.Is(err, client.ErrNoChain):
		return "no_node"
	case errors.Is(err, client.ErrNoToken):
		return "no_token"
	case errors.Is(err, channel.ErrDisputed):
		return "channel_disputed" // an exit is open on-chain: nothing until it settles
	case errors.Is(err, channel.ErrSettled):
		return "channel_settled" // the chain paid the channel out: status co-signs the restart
	case errors.Is(err, channel.ErrInsufficient):
		return "insufficient_balance"
	case errors.As(err, &rv):
		return "reverted_" + rv.Name
	case errors.Is(err, channel.ErrPending):
		return "pending_operation"
	case errors.Is(err, channel.ErrInvalidField):
		return "invalid_field"
	case errors.Is(err, context.Canceled):
		return "interrupted"
	case errors.Is(err, context.DeadlineExceeded):
		return "timeout"
	case errors.Is(err, client.ErrReverted):
		return "reverted"
	}
	return "failed"
}
