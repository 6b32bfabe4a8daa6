package hub_test

import (
	"encoding/json"
	"errors"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/alert"
	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/hub"
)

// TestReconcilerFreezesUnexecutableChannel: the hub's books no longer match the chain —
// its newest co-signed state of Alice's channel says she holds 1 ether more than the
// contract holds for the channel (a database restored from the wrong backup, a bug): that
// state could not be put on-chain in a dispute, so every payment the hub made on its
// account would be unbacked. The reconciler freezes the channel with a critical alert; a
// payment is refused (channel_frozen); once the books agree again the channel thaws.
func TestReconcilerFreezesUnexecutableChannel(t *testing.T) {
	rec := &alert.Recorder{}
	e := newEnv(t, envConfig{users: 2, alerts: rec})
	a, b := e.wallet(e.users[0]), e.wallet(e.users[1])
	e.deposit(a, eth(10))
	e.deposit(b, eth(1))
	e.collateral(b)
	if err := e.h.Reconcile(t.Context()); err != nil {
		t.Fatalf("reconcile of agreeing books: %v", err)
	}
	if recorded(rec, alert.ChannelFrozen) {
		t.Fatalf("agreeing books frozen: alerts %v", rec.Kinds())
	}

	s, _ := a.Latest()
	tamper := func(wei string) {
		t.Helper()
		forged := s.Clone() // written back in the JSON form of a row from before version 24
		forged.WeiBalances[channel.User], _ = new(big.Int).SetString(wei, 10)
		stateJSON, _ := json.Marshal(forged)
		if err := e.st.Exec(t.Context(), `UPDATE hub_states SET state_json = $3, locks_json = '[]', state = NULL, locks = NULL,
			final = NULL WHERE user_addr = $1 AND nonce = $2`, a.Address().Bytes(), s.Nonce.String(), string(stateJSON)); err != nil {
			t.Fatal(err)
		}
	}
	tamper(new(big.Int).Add(s.WeiBalances[channel.User], eth(1)).String())
	if err := e.h.Reconcile(t.Context()); err != nil {
		t.Fatalf("reconcile: %v", err)
	}
	if !recorded(rec, alert.ChannelFrozen) {
		t.Fatalf("no %s alert; alerts %v", alert.ChannelFrozen, rec.Kinds())
	}
	l := channel.Lock{Sender: channel.User, AmountWei: eth(1), AmountToken: new(big.Int), Hashlock: common.Hash{9},
		Expiry: new(big.Int).SetUint64(e.now() + 3600)}
	_, err := e.h.Request(t.Context(), a.Address(), hub.Request{Update: channel.Update{Kind: channel.KindLock, Lock: &l},
		Nonce: new(big.Int).Add(s.Nonce, big.NewInt(1)), Payee: b.Address(), SealedSecret: []byte{1}})
	if !errors.Is(err, hub.ErrFrozen) {
		t.Fatalf("payment from a frozen channel: got %v, want ErrFrozen", err)
	}

	tamper(s.WeiBalances[channel.User].String())
	if err := e.h.Reconcile(t.Context()); err != nil {
		t.Fatalf("reconcile: %v", err)
	}
	if !recorded(rec, alert.ChannelThawed) {
		t.Fatalf("no %s alert once the books agree; alerts %v", alert.ChannelThawed, rec.Kinds())
	}
	e.pay(a, b, eth(1))
}

func recorded(r *alert.Recorder, kind string) bool {
	for _, k := range r.Kinds() {
		if k == kind {
			return true
		}
	}
	return false
}
