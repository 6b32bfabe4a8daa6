// Package storetest is the conformance suite every store implementation runs: each
// method the watchtower and the hub consume, with its conflicts, idempotent re-inserts,
// reorg rollback, outbox transitions, leadership and concurrent writers. An
// implementation's test calls Run with a function that opens a fresh, migrated store.
package storetest

import (
	"context"
	"errors"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/store"
)

// Factory opens a fresh, migrated store for one test; Reopen opens a second handle on the
// same database (another process), or is nil when the backend has none.
type Factory struct {
	New    func(t *testing.T) Store
	Reopen func(t *testing.T, st Store) Store
}

// Run runs the suite.
func Run(t *testing.T, f Factory) {
	tests := []struct {
		name string
		fn   func(t *testing.T, f Factory)
	}{
		{"contracts", testContracts},
		{"states/put, idempotent, stale, conflict", testStates},
		{"states/numeric nonces", testNumericNonces},
		{"states/batch: every outcome, one channel twice in a commit", testPutStatesBatch},
		{"states/only the latest receipt kept, every field stored", testLatestReceiptOnly},
		{"states/group commit: concurrent callers, overlapping channels", testGroupCommit},
		{"states/quota of channels not seen on-chain", testUnseenQuota},
		{"states/unseen channels expire", testPruneUnseen},
		{"states/2,000 updates of one channel leave one row", testOneRowPerChannel},
		{"states/locks and secrets kept with their state", testHeldLocks},
		{"states/settled lock pools", testSettledLockPools},
		{"states/secrets due", testSecretsDue},
		{"upkeep/usage", testUsage},
		{"indexer/apply, cursor, duplicates", testApplyRange},
		{"indexer/reorg rollback", testRollback},
		{"indexer/confirm", testConfirm},
		{"indexer/events deep enough are stored confirmed", testConfirmedAtInsert},
		{"indexer/a range of many events", testLargeRange},
		{"channels/disputed by deadline", testDisputed},
		{"outbox/enqueue and cancel", testEnqueue},
		{"outbox/transitions", testOutboxTransitions},
		{"outbox/concurrent nonce assignment", testConcurrentNonces},
		{"outbox/re-arming a key", testRearm},
		{"outbox/nonce only with a signature", testSignNext},
		{"outbox/signed together", testSignEach},
		{"outbox/nonce taken by another sender", testDropNonce},
		{"outbox/challenges before settlements", testChallengesFirst},
		{"outbox/due entries", testDueTxs},
		{"outbox/unanswered disputes", testUnanswered},
		{"outbox/refused intents", testRefused},
		{"outbox/refuse", testRefuse},
		{"outbox/the hub's transactions", testHubTxs},
		{"settle policy and superseded", testSettlePolicy},
		{"hub/channel states", testHubStates},
		{"hub/frozen channels and final states", testHubFrozen},
		{"hub/states read back exactly", testHubStatesExact},
		{"hub/payments", testPayments},
		{"hub/claims and uncollected payments", testClaimAndUncollected},
		{"hub/auth nonces and keys", testAuth},
		{"hub/lock resolutions", testLockResolutions},
		{"concurrent writers", testConcurrentWriters},
		{"leadership", testLeadership},
		{"leadership/terms fence channel writes", testTerms},
		{"alerts/queue: pending reads, final states written once, prune", testAlertQueue},
		{"alerts/sink lease: one holder, renewal, expiry, release", testAlertLease},
		{"alerts/open groups", testAlertGroups},
		{"alerts/concurrent lease takers", testConcurrentLeases},
		{"alerts/user webhooks", testUserWebhooks},
		{"upkeep/stats", testStats},
		{"upkeep/prune", testPrune},
		{"upkeep/prune, then a rollback", testPruneThenRollback},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { tc.fn(t, f) })
	}
}

var (
	chainID  = big.NewInt(31337)
	contract = common.HexToAddress("0x00000000000000000000000000000000c0ffee01")
	hubAddr  = common.HexToAddress("0x0000000000000000000000000000000000000b0b")
	sender   = common.HexToAddress("0x0000000000000000000000000000000000005e4d")
)

func user(i int) common.Address { return common.BigToAddress(big.NewInt(int64(0x1000 + i))) }

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func testContracts(t *testing.T, f Factory) {
	ctx, st := context.Background(), f.New(t)
	if _, err := st.Contract(ctx, contract); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("unknown contract: got %v, want ErrNotFound", err)
	}
	c := store.Contract{ChainID: chainID, Address: contract, Hub: hubAddr, DeployBlock: 7, ChallengePeriod: 60}
	must(t, st.AddContract(ctx, c))
	c.ChallengePeriod = 120
	must(t, st.AddContract(ctx, c)) // updates
	got, err := st.Contract(ctx, contract)
	must(t, err)
	if got.ChainID.Cmp(chainID) != 0 || got.Hub != hubAddr || got.DeployBlock != 7 || got.ChallengePeriod != 120 {
		t.Fatalf("contract = %+v", got)
	}
}

func state(u common.Address, nonce int64, userWei int64) *channel.State {
	s := channel.NewState(u)
	s.Nonce = big.NewInt(nonce)
	s.WeiBalances[channel.User] = big.NewInt(userWei)
	return s
}

func stored(s *channel.State) store.StoredState {
	return store.StoredState{Contract: contract, State: s, Digest: common.BigToHash(new(big.Int).Add(s.Nonce, big.NewInt(1000*int64(s.User[19])))),
		SigHub: []byte{1, 2}, SigUser: []byte{3, 4}}
}

func receipt(s store.StoredState) channel.Receipt {
	return channel.Receipt{Contract: contract, User: s.State.User, Nonce: channel.Amount{V: s.State.Nonce}, StateDigest: s.Digest,
		IssuedAt: uint64(time.Now().Unix()), Tower: hubAddr, Signature: []byte{9, 9, 9}}
}
