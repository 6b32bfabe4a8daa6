package storetest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/store"
)

// testHubStatesExact: a hub state reads back exactly as appended, whatever the form the
// store keeps it in: a recipient other than the user, token amounts, 2^256-1 in every
// numeric field, a locks root, the most locks a state may hold, a timeout of zero
// (final) and of one (a proposal), no locks given as nil or as an empty list. A state
// without a timeout, or of another user, is refused and leaves nothing behind.
func testHubStatesExact(t *testing.T, f Factory) {
	ctx, st := context.Background(), f.New(t)
	u, other := user(60), user(61)
	top := channel.MaxUint256()

	full := hubState(u, 1, true)
	full.State.Recipient = other
	full.State.WeiBalances = [2]*big.Int{top, big.NewInt(1)}
	full.State.TokenBalances = [2]*big.Int{big.NewInt(255), big.NewInt(256)}
	full.State.PendingWei = [4]*big.Int{big.NewInt(1), new(big.Int), top, big.NewInt(4)}
	full.State.PendingToken = [4]*big.Int{new(big.Int), big.NewInt(6), big.NewInt(7), top}
	full.State.OnchainNonce = top
	full.State.LocksRoot = common.Hash{0xff, 0x00, 0x01}
	full.State.LockedWei = [2]*big.Int{top, new(big.Int)}
	full.State.LockedToken = [2]*big.Int{new(big.Int), big.NewInt(1 << 40)}
	full.State.Timeout = big.NewInt(0)
	full.Locks = make([]channel.Lock, channel.MaxLocks)
	for i := range full.Locks {
		full.Locks[i] = channel.Lock{Index: uint32(i), Sender: uint8(i % 2), AmountWei: big.NewInt(int64(i)),
			AmountToken: new(big.Int).Lsh(big.NewInt(int64(i)), uint(i%240)), Hashlock: common.BigToHash(big.NewInt(int64(i + 1))),
			Expiry: new(big.Int).Sub(top, big.NewInt(int64(i)))}
	}
	proposal := hubState(u, 2, true) // co-signed with a timeout of one: not final
	proposal.State.Timeout = big.NewInt(1)
	proposal.Locks = nil
	unsigned := hubState(u, 3, false)
	unsigned.Locks = []channel.Lock{}
	want := []store.HubState{full, proposal, unsigned}

	// Refused: no timeout; a state of another user.
	noTimeout := hubState(u, 1, true)
	noTimeout.State.Timeout = nil
	if err := st.HubChannel(ctx, contract, u, func(tx store.HubTx) error { return tx.Append(ctx, noTimeout) }); err == nil {
		t.Fatal("a state without a timeout was stored")
	}
	stranger := hubState(other, 1, true)
	if err := st.HubChannel(ctx, contract, u, func(tx store.HubTx) error { return tx.Append(ctx, stranger) }); err == nil {
		t.Fatalf("a state of %s was stored in %s's channel", other, u)
	}
	must(t, st.HubChannel(ctx, contract, u, func(tx store.HubTx) error {
		if tx.LatestNonce().Sign() != 0 {
			return fmt.Errorf("after refused appends, latest nonce %s, want 0", tx.LatestNonce())
		}
		for _, hs := range want {
			if err := tx.Append(ctx, hs); err != nil {
				return err
			}
		}
		return nil
	}))

	_, got, err := st.HubStates(ctx, contract, u, big.NewInt(1))
	must(t, err)
	if len(got) != len(want) {
		t.Fatalf("HubStates: %d states, want %d", len(got), len(want))
	}
	for i := range want {
		sameHubState(t, fmt.Sprintf("HubStates[%d]", i), got[i], want[i])
	}
	must(t, st.HubChannel(ctx, contract, u, func(tx store.HubTx) error {
		for _, hs := range want { // the newest from the channel's lock, the others read
			got, err := tx.State(ctx, hs.State.Nonce)
			if err != nil {
				return err
			}
			sameHubState(t, fmt.Sprintf("tx.State(%s)", hs.State.Nonce), got, hs)
		}
		return nil
	}))
	latest, err := st.HubLatest(ctx, contract, u)
	must(t, err)
	sameHubState(t, "HubLatest", latest, unsigned)
	cosigned, err := st.HubCosigned(ctx, contract, u)
	must(t, err)
	sameHubState(t, "HubCosigned", cosigned, proposal)

	// Timeouts of one and of zero, co-signed and newest: a proposal, then a final state.
	must(t, st.HubChannel(ctx, contract, u, func(tx store.HubTx) error { return tx.Cosign(ctx, big.NewInt(3), []byte{0x0c}) }))
	must(t, st.HubChannel(ctx, contract, other, func(tx store.HubTx) error { return tx.Append(ctx, proposal2(other)) }))
	open, err := st.HubOpenProposals(ctx, contract)
	must(t, err)
	if len(open) != 1 || open[0].State.User != other {
		t.Fatalf("open proposals = %d states, want %s's only", len(open), other)
	}
	final, err := st.HubFinalStates(ctx, contract)
	must(t, err)
	if len(final) != 1 || final[0].State.User != u || final[0].State.Nonce.Int64() != 3 {
		t.Fatalf("final states = %d states, want %s's state 3", len(final), u)
	}
	if _, err := st.HubCosigned(ctx, contract, user(62)); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("no channel: %v", err)
	}
}

// proposal2 is user u's first state, co-signed, with a timeout of one.
func proposal2(u common.Address) store.HubState {
	hs := hubState(u, 1, true)
	hs.State.Timeout = big.NewInt(1)
	return hs
}

// sameHubState fails t unless got is want: every field of the state and of each lock, the
// kind, the detail, the signatures. No locks is no locks, given as nil or empty.
func sameHubState(t *testing.T, what string, got, want store.HubState) {
	t.Helper()
	enc := func(hs store.HubState) string {
		b, err := json.Marshal(struct {
			State *channel.State
			Locks []channel.Lock
			N     int
		}{hs.State, append([]channel.Lock{}, hs.Locks...), detailN(hs.Detail)})
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		return string(b)
	}
	if g, w := enc(got), enc(want); g != w || got.Kind != want.Kind || string(got.SigHub) != string(want.SigHub) ||
		string(got.SigUser) != string(want.SigUser) {
		t.Fatalf("%s read back as\n%.600s\n%q %x %x, want\n%.600s\n%q %x %x", what, g, got.Kind, got.SigHub, got.SigUser,
			w, want.Kind, want.SigHub, want.SigUser)
	}
}
