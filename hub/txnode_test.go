package hub_test

import (
	"bytes"
	"context"
	"fmt"
	"math/big"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/vigil-hub/vigil/contracts/bindings"
	"github.com/vigil-hub/vigil/disputes"
	"github.com/vigil-hub/vigil/internal/testkit/wait"
	"github.com/vigil-hub/vigil/store"
)

// node is the chain as the hub's sender sees it, with faults a test injects: a broadcast
// lost or interrupted, a gas estimate too low.
type node struct {
	disputes.Chain
	mu sync.Mutex
	// send, when set, sees every broadcast first; handled means it does not reach the
	// node (lost, or the process died before it left).
	send func(tx *types.Transaction) (handled bool, err error)
	// estimate, when set, may change a gas estimate.
	estimate func(msg ethereum.CallMsg, gas uint64) uint64
}

func (n *node) SendTransaction(ctx context.Context, tx *types.Transaction) error {
	n.mu.Lock()
	f := n.send
	n.mu.Unlock()
	if f != nil {
		if handled, err := f(tx); handled {
			return err
		}
	}
	return n.Chain.SendTransaction(ctx, tx)
}

func (n *node) EstimateGas(ctx context.Context, msg ethereum.CallMsg) (uint64, error) {
	gas, err := n.Chain.EstimateGas(ctx, msg)
	n.mu.Lock()
	f := n.estimate
	n.mu.Unlock()
	if err != nil || f == nil {
		return gas, err
	}
	return f(msg, gas), nil
}

// selector returns the 4-byte selector of a ChannelManager method.
func selector(t testing.TB, method string) []byte {
	t.Helper()
	parsed, err := bindings.ChannelManagerMetaData.ParseABI()
	if err != nil {
		t.Fatal(err)
	}
	m, ok := parsed.Methods[method]
	if !ok {
		t.Fatalf("no method %s", method)
	}
	return m.ID
}

// calls reports whether tx calls the contract function whose calldata starts as data.
func calls(tx *types.Transaction, to common.Address, data []byte) bool {
	return tx.To() != nil && *tx.To() == to && len(tx.Data()) >= 4 && bytes.Equal(tx.Data()[:4], data[:4])
}

// hubTxs returns the outbox entries of kind for user (for a secret, its payer).
func (e *env) hubTxs(user common.Address, kind store.TxKind) []store.OutboxTx {
	e.t.Helper()
	txs, err := e.st.ChannelTxs(e.t.Context(), e.c.ManagerAddr, user)
	if err != nil {
		e.t.Fatal(err)
	}
	var out []store.OutboxTx
	for _, t := range txs {
		if t.Kind == kind {
			out = append(out, t)
		}
	}
	return out
}

// waitTx waits, boundedly, until user's newest entry of kind satisfies cond, and returns it.
func (e *env) waitTx(what string, user common.Address, kind store.TxKind, cond func(store.OutboxTx) bool) store.OutboxTx {
	e.t.Helper()
	var last store.OutboxTx
	if !wait.Poll(60*time.Second, func() bool {
		txs := e.hubTxs(user, kind)
		if len(txs) == 0 || !cond(txs[len(txs)-1]) {
			return false
		}
		last = txs[len(txs)-1]
		return true
	}) {
		e.t.Fatalf("timed out waiting for %s: entries %s", what, describe(e.hubTxs(user, kind)))
	}
	return last
}

// signedNonce returns the account nonce an attempt was signed at.
func signedNonce(a store.Attempt) uint64 {
	var tx types.Transaction
	if err := tx.UnmarshalBinary(a.Raw); err != nil {
		return ^uint64(0)
	}
	return tx.Nonce()
}

// minedTxs returns the hashes of the transactions from addr in blocks [from, head].
func (e *env) minedTxs(addr common.Address, from uint64) []*types.Transaction {
	e.t.Helper()
	ctx := e.t.Context()
	head, err := e.c.Client.HeaderByNumber(ctx, nil)
	if err != nil {
		e.t.Fatal(err)
	}
	signer := types.LatestSignerForChainID(e.c.ChainID)
	var out []*types.Transaction
	for n := from; n <= head.Number.Uint64(); n++ {
		b, err := e.c.Client.BlockByNumber(ctx, new(big.Int).SetUint64(n))
		if err != nil {
			e.t.Fatal(err)
		}
		for _, tx := range b.Transactions() {
			if s, err := types.Sender(signer, tx); err == nil && s == addr {
				out = append(out, tx)
			}
		}
	}
	return out
}

// describe lists outbox entries briefly: id, key, arm, status, account nonce, attempts.
func describe(txs []store.OutboxTx) string {
	var b strings.Builder
	for _, t := range txs {
		n := "-"
		if t.AccountNonce != nil {
			n = fmt.Sprint(*t.AccountNonce)
		}
		fmt.Fprintf(&b, "[%d %s@%s arm %d %s nonce %s, %d attempts, succeeded %v, %q] ", t.ID, t.Kind, t.Nonce, t.Arm, t.Status, n,
			len(t.Attempts), t.Succeeded, t.LastError)
	}
	return b.String()
}

// refusingReader is the hub's view of the contract, whose simulations of calls starting as
// data the contract refuses with revert (ABI-encoded custom error) while refuse says so.
type refusingReader struct {
	bind.ContractBackend
	data   []byte
	revert []byte
	refuse func() bool
}

func (r *refusingReader) CallContract(ctx context.Context, msg ethereum.CallMsg, block *big.Int) ([]byte, error) {
	if len(msg.Data) >= 4 && bytes.Equal(msg.Data[:4], r.data[:4]) && r.refuse() {
		return nil, revertData(hexutil.Encode(r.revert))
	}
	return r.ContractBackend.CallContract(ctx, msg, block)
}

// revertData is a node's answer to a call that reverted, as go-ethereum's RPC client
// gives it: the message, and the revert data in hex.
type revertData string

func (d revertData) Error() string          { return "execution reverted" }
func (d revertData) ErrorData() interface{} { return string(d) }

// customError returns the ABI encoding of a ChannelManager error with zero arguments of
// 32 bytes each.
func customError(t testing.TB, name string) []byte {
	t.Helper()
	parsed, err := bindings.ChannelManagerMetaData.ParseABI()
	if err != nil {
		t.Fatal(err)
	}
	e, ok := parsed.Errors[name]
	if !ok {
		t.Fatalf("no error %s", name)
	}
	return append(append([]byte{}, e.ID[:4]...), make([]byte, 32*len(e.Inputs))...)
}
