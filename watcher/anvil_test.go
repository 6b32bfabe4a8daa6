package watcher_test

import (
	"context"
	"fmt"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/ethclient"

	"github.com/vigil-hub/vigil/contracts/bindings"
	"github.com/vigil-hub/vigil/internal/testkit/anvil"
	"github.com/vigil-hub/vigil/internal/testkit/pgtest"
	"github.com/vigil-hub/vigil/internal/testkit/wait"
	"github.com/vigil-hub/vigil/store/sqlstore"
	"github.com/vigil-hub/vigil/watcher"
)

// anvilFollower is an indexer following anvil through one transport, with its own
// database.
type anvilFollower struct {
	name string
	st   *sqlstore.Store
	ix   *watcher.Indexer
}

// TestFollowsAnvil runs anvil as a separate process with a one-second block time and two
// indexers against it: one over HTTP polling, one over WebSocket with a poll interval so
// long that only head notifications can wake it. Both must store exactly the node's
// events, before and after anvil is restarted from its state file.
func TestFollowsAnvil(t *testing.T) {
	if testing.Short() {
		t.Skip("starts an external node")
	}
	node := anvil.Start(t, 1)
	ctx := t.Context()
	d := node.Deploy(3600)
	client, chainID, mgr, deployBlock := d.Client, d.ChainID, d.Manager, d.DeployBlock
	t.Logf("ChannelManager at %s, block %d", mgr, deployBlock)

	// The WS client is dialled once and must survive the restart: go-ethereum's RPC
	// client reconnects, and the indexer resubscribes.
	ws, err := ethclient.DialContext(ctx, node.WS())
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	followers := []*anvilFollower{
		{name: "http", st: pgtest.NewStore(t)},
		{name: "ws", st: pgtest.NewStore(t)},
	}
	chains := map[string]watcher.Chain{"http": client, "ws": ws}
	polls := map[string]time.Duration{"http": 200 * time.Millisecond, "ws": time.Hour}
	runCtx, stop := context.WithCancel(ctx)
	done := make(chan error, len(followers))
	for _, f := range followers {
		ix, err := watcher.New(watcher.Config{ChainID: chainID, Contracts: []common.Address{mgr}, StartBlock: deployBlock,
			Confirmations: 2, PollInterval: polls[f.name]}, chains[f.name], f.st, nil)
		if err != nil {
			t.Fatal(err)
		}
		f.ix = ix
		go func() { done <- ix.Run(runCtx) }()
	}
	defer func() {
		stop()
		for range followers {
			if err := <-done; err != nil {
				t.Error(err)
			}
		}
	}()

	abi := bindings.NewChannelManager()
	user := bind.NewKeyedTransactor(anvil.Key(1), chainID)
	emit := func(prefix string, n int) {
		t.Helper()
		inst := abi.Instance(client, mgr)
		var last common.Hash
		for i := range n {
			tx, err := inst.RawTransact(user, abi.PackRegisterSecret(common.BytesToHash([]byte(fmt.Sprintf("%s-%d", prefix, i)))))
			if err != nil {
				t.Fatal(err)
			}
			last = tx.Hash()
		}
		if _, err := bind.WaitMined(ctx, client, last); err != nil {
			t.Fatal(err)
		}
	}
	canonical := func() []string {
		logs, err := client.FilterLogs(ctx, ethereum.FilterQuery{FromBlock: new(big.Int).SetUint64(deployBlock), Addresses: []common.Address{mgr}})
		if err != nil {
			t.Fatal(err)
		}
		out := make([]string, len(logs))
		for i, l := range logs {
			out[i] = fmt.Sprintf("%s/%d/%s", l.BlockHash, l.Index, l.TxHash)
		}
		return out
	}
	stored := func(st *sqlstore.Store) []string {
		evs, err := st.Events(ctx, chainID)
		if err != nil {
			t.Fatal(err)
		}
		out := make([]string, len(evs))
		for i, e := range evs {
			out[i] = fmt.Sprintf("%s/%d/%s", e.BlockHash, e.LogIndex, e.TxHash)
		}
		return out
	}
	// waitSame waits (bounded) until every follower stores exactly the node's events.
	waitSame := func(step string, atLeast int) {
		t.Helper()
		var want, got []string
		if !wait.Poll(wait.Timeout, func() bool {
			want = canonical()
			if len(want) < atLeast {
				t.Fatalf("%s: node has %d events, want at least %d", step, len(want), atLeast)
			}
			for _, f := range followers {
				if got = stored(f.st); fmt.Sprint(got) != fmt.Sprint(want) {
					return false
				}
			}
			return true
		}) {
			t.Fatalf("%s: stored events never matched the node's (%d on the node, last follower has %d)", step, len(want), len(got))
		}
	}

	emit("before", 30)
	waitSame("before restart", 30)
	before, err := client.BlockNumber(ctx)
	if err != nil {
		t.Fatal(err)
	}

	node.Restart()
	after, err := client.BlockNumber(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if after < before {
		t.Fatalf("anvil restarted at block %d, before it was at %d: state file not loaded", after, before)
	}
	emit("after", 30)
	waitSame("after restart", 60)

	// Blocks keep coming every second; the WS follower, which never polls, must keep up
	// with the head on notifications alone.
	head, err := client.BlockNumber(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range followers {
		var indexed uint64
		if !wait.Poll(30*time.Second, func() bool {
			_, indexed = f.ix.Progress()
			return indexed >= head
		}) {
			t.Fatalf("%s follower stuck at block %d, head was %d", f.name, indexed, head)
		}
	}
}
