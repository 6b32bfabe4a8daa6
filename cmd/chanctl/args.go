package main

import (
	"context"
	"fmt"
	"io"
	"math/big"
	"os"
	"strings"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/client"
	vcli "github.com/vigil-hub/vigil/internal/cli"
	"github.com/vigil-hub/vigil/internal/wei"
)

// errUsage reports a command line that does not parse. It is internal/cli's errUsage, on
// which chanctl exits 2.
var errUsage = vcli.ErrUsage

// runLine runs one command line, args without the program's name (["--config", "x.yaml",
// "pay", "0x…", "1", "ether"]), printing to out. A command line that does not parse is an
// errUsage before any file or node is used.
func runLine(ctx context.Context, args []string, out io.Writer) error {
	return runIO(ctx, args, out, os.Stderr)
}

// runIO is runLine with the wallet's log, and --json's progress lines, written to errOut.
func runIO(ctx context.Context, args []string, out, errOut io.Writer) error {
	app := app()
	app.Writer, app.ErrWriter = out, errOut
	return vcli.Execute(ctx, app, append([]string{app.Name}, args...))
}

// amount parses an amount of ether people type ("1.5 ether", "0.2" for 0.2 ether, "1000
// wei", "3 gwei") from arguments.
func amount(args []string) (*big.Int, error) {
	v, err := wei.ParseEther(strings.Join(args, " "))
	if err != nil {
		return nil, err
	}
	return positive(v)
}

// tokenAmount parses an amount of the token people type, in its decimals ("2.5", or
// "2.5 VTT" with its symbol), from arguments.
func tokenAmount(args []string, t client.Token) (*big.Int, error) {
	v, err := wei.ParseUnits(strings.Join(args, " "), t.Decimals, t.Symbol)
	if err != nil {
		return nil, err
	}
	return positive(v)
}

func positive(v *big.Int) (*big.Int, error) {
	if v.Sign() <= 0 {
		return nil, fmt.Errorf("amount must be positive")
	}
	return v, nil
}

// isEther reports whether --asset names ether (the default).
func isEther(asset string) bool {
	a := strings.TrimSpace(asset)
	return a == "" || strings.EqualFold(a, "ether") || strings.EqualFold(a, "eth")
}

// splitAddress takes a trailing address argument off args.
func splitAddress(args []string) ([]string, common.Address, error) {
	if len(args) > 0 && strings.HasPrefix(args[len(args)-1], "0x") {
		if !common.IsHexAddress(args[len(args)-1]) {
			return nil, common.Address{}, fmt.Errorf("%q is not an address", args[len(args)-1])
		}
		return args[:len(args)-1], common.HexToAddress(args[len(args)-1]), nil
	}
	return args, common.Address{}, nil
}
