package main

import (
	"context"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"
	"github.com/urfave/cli/v3"

	"github.com/vigil-hub/vigil/channel"
)

// exampleDomain and exampleState are what `chanctl typed-data --example` prints the
// EIP-712 typed data of: a channel on chain 1 with 1 ether on the user's side.
var (
	exampleDomain = channel.Domain{ChainID: big.NewInt(1), Contract: common.HexToAddress("0x00000000000000000000000000000000000c0ffe")}
	exampleUser   = common.HexToAddress("0x70997970C51812dc3A010C7d01b50e0d17dc79C8")
)

// exampleState is a final state giving the example user 1 ether at nonce 4.
func exampleState() *channel.State {
	s := channel.NewState(exampleUser)
	s.Nonce.SetInt64(4)
	s.OnchainNonce.SetInt64(1)
	s.WeiBalances[channel.User].SetInt64(1e18)
	s.WeiBalances[channel.Hub].SetInt64(2e18)
	return s
}

// typedDataCommand prints the eth_signTypedData_v4 JSON a wallet signs: of the wallet's
// latest co-signed state, or with --example of exampleState (no config needed).
func typedDataCommand() *cli.Command {
	return &cli.Command{
		Name:  "typed-data",
		Usage: "print the EIP-712 typed data (eth_signTypedData_v4 JSON) of the latest co-signed state",
		Flags: []cli.Flag{&cli.BoolFlag{Name: "example", Usage: "print an example state's typed data; no wallet needed"}},
		Action: func(ctx context.Context, cmd *cli.Command) error {
			out := cmd.Root().Writer
			if cmd.Bool("example") {
				b, err := exampleDomain.TypedDataJSON(exampleState())
				if err != nil {
					return err
				}
				_, err = fmt.Fprintln(out, string(b))
				return err
			}
			w, err := openWallet(ctx, cmd)
			if err != nil {
				return err
			}
			s, _ := w.Latest()
			if s == nil || s.Nonce.Sign() == 0 {
				return fmt.Errorf("no co-signed state yet: run chanctl status")
			}
			b, err := w.Domain().TypedDataJSON(s)
			if err != nil {
				return err
			}
			_, err = fmt.Fprintln(out, string(b))
			return err
		},
	}
}
