package client_test

import (
	"context"
	"errors"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/vigil-hub/vigil/client"
	"github.com/vigil-hub/vigil/internal/simchain"
)

// TestTxTraceSentBeforeMined: the wallet reports a transaction's hash as soon as it is
// broadcast, while no block includes it yet, and its receipt once it is mined. The chain
// here mines only when the test says so.
func TestTxTraceSentBeforeMined(t *testing.T) {
	c, err := simchain.New(simchain.Config{Accounts: 2})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	w, err := client.Open(client.Config{HubURL: "http://127.0.0.1:1", Key: c.Accounts[1].Key, ChainID: c.ChainID, Contract: c.ManagerAddr,
		Hub: c.Accounts[0].Addr, StatePath: filepath.Join(t.TempDir(), "wallet.json"), Chain: c.Client, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	sent := make(chan *types.Transaction, 1)
	var mined *types.Receipt
	ctx := client.WithTxTrace(t.Context(), &client.TxTrace{
		Sent:  func(tx *types.Transaction) { sent <- tx },
		Mined: func(r *types.Receipt) { mined = r },
	})
	done := make(chan error, 1)
	go func() {
		_, err := w.RegisterSecret(ctx, common.HexToHash("0x5ec7e7"))
		done <- err
	}()
	var tx *types.Transaction
	select {
	case tx = <-sent:
	case err := <-done:
		t.Fatalf("the transaction finished without being reported as sent: %v", err)
	case <-time.After(30 * time.Second):
		t.Fatal("no transaction reported as sent")
	}
	// Reported, and not mined: no receipt exists yet.
	if _, err := c.Client.TransactionReceipt(context.Background(), tx.Hash()); !errors.Is(err, ethereum.NotFound) {
		t.Fatalf("receipt of the sent transaction before any block: %v, want not found", err)
	}
	c.Backend.Commit()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the mined transaction was not followed to its receipt")
	}
	if mined == nil || mined.TxHash != tx.Hash() || mined.BlockNumber.Sign() <= 0 {
		t.Errorf("mined %+v, want the receipt of %s", mined, tx.Hash())
	}
}
