package towerd_test

import (
	"math/big"
	"net/http"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/internal/testkit/wait"
	"github.com/vigil-hub/vigil/wire"
)

// TestTowerPaysOfflineUserItsLocksOnAnvil runs `watchtower run` on anvil with a user
// who backed up, with its latest state, the state's locks — an incoming payment of 2 ether
// whose secret it gives the tower, and a lock of its own of 1 ether that expires during
// the dispute — and went offline. The hub closes with an older state; the tower
// challenges, registers the secret before its lock expires, settles after the deadline
// and resolves the locks: the user receives its balance, the incoming payment and its own
// lock back, 6 ether to the wei, without sending a transaction.
func TestTowerPaysOfflineUserItsLocksOnAnvil(t *testing.T) {
	if testing.Short() {
		t.Skip("starts an external node")
	}
	a := newAnvilTower(t, "pw")
	a.autoSettle = true
	defer a.run(`[{name: http, url: "`+a.node.HTTP()+`"}]`, "")()

	head, err := a.d.Client.HeaderByNumber(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	secret := common.Hash{0x5e, 0xc2, 0xe7}
	locks := []channel.Lock{
		{Index: 0, Sender: channel.Hub, AmountWei: ether(2), AmountToken: new(big.Int), Hashlock: channel.HashSecret(secret),
			Expiry: new(big.Int).SetUint64(head.Time + 2*3600)},
		{Index: 1, Sender: channel.User, AmountWei: ether(1), AmountToken: new(big.Int), Hashlock: common.Hash{0x0b},
			Expiry: new(big.Int).SetUint64(head.Time + 1800)},
	}
	s3 := a.state(3, 6) // hub 6, user 4
	s4 := a.state(4, 4) // hub 4, user 3, locked 2 by the hub and 1 by the user
	s4.WeiBalances[channel.User] = ether(3)
	s4.LockedWei = [2]*big.Int{ether(2), ether(1)}
	if s4.LocksRoot, err = channel.LocksRoot(locks); err != nil {
		t.Fatal(err)
	}
	code, body := a.post(wire.Deposit{Contract: a.d.Manager, State: s4, SigHub: a.sig(s4, a.hubKey), SigUser: a.sig(s4, a.userKey),
		Locks: locks, Secrets: []common.Hash{secret}})
	if code != http.StatusCreated {
		t.Fatalf("deposit with locks: %d %s", code, body)
	}
	before, err := a.d.Client.BalanceAt(t.Context(), a.user, nil)
	if err != nil {
		t.Fatal(err)
	}

	a.closeWith(s3)
	a.waitOnchainNonce(4, "the tower did not answer the stale close")
	a.waitFor("the secret's registration", func() bool {
		at, err := bind.Call(a.inst, nil, a.m.PackSecretRegisteredAt(locks[0].Hashlock), a.m.UnpackSecretRegisteredAt)
		return err == nil && at.Sign() > 0 && at.Cmp(locks[0].Expiry) <= 0
	})
	ch, err := bind.Call(a.inst, nil, a.m.PackGetChannel(a.user), a.m.UnpackGetChannel)
	if err != nil {
		t.Fatal(err)
	}
	a.node.AdvanceTo(ch.Deadline.Uint64() + 1)
	want := new(big.Int).Add(before, ether(6))
	a.waitFor("the user to receive its balance and both locks", func() bool {
		got, err := a.d.Client.BalanceAt(t.Context(), a.user, nil)
		return err == nil && got.Cmp(want) >= 0
	})
	got, _ := a.d.Client.BalanceAt(t.Context(), a.user, nil)
	if got.Cmp(want) != 0 {
		t.Fatalf("the user received %s wei, want 6 ether", new(big.Int).Sub(got, before))
	}
}

// waitFor polls cond for up to two minutes.
func (a *anvilTower) waitFor(what string, cond func() bool) {
	a.t.Helper()
	wait.Until(a.t, 2*time.Minute, what, cond)
}
