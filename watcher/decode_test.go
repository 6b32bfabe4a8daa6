package watcher_test

import (
	"encoding/json"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/vigil-hub/vigil/contracts/bindings"
	"github.com/vigil-hub/vigil/store"
	"github.com/vigil-hub/vigil/watcher"
)

// someLogs opens a channel, funds the hub's reserve and starts the channel's exit, and
// returns the contract's logs.
func someLogs(t *testing.T) (*env, []types.Log) {
	e := newEnv(t)
	user := e.c.Accounts[1]
	e.open(user)
	if _, err := e.c.Transact(e.c.Accounts[0], e.c.Manager, big.NewInt(5), nil); err != nil {
		t.Fatal(err)
	}
	if _, err := e.c.Transact(user, e.c.Manager, nil, e.c.ManagerABI.PackStartExit(user.Addr)); err != nil {
		t.Fatal(err)
	}
	logs, err := e.c.Client.FilterLogs(t.Context(), ethereum.FilterQuery{
		FromBlock: new(big.Int).SetUint64(e.c.DeployBlock), Addresses: []common.Address{e.c.ManagerAddr}})
	if err != nil {
		t.Fatal(err)
	}
	return e, logs
}

// TestDecodeLiftsColumns checks the columns Decode lifts out of each event against the
// generated binding's own decoding of the same log.
func TestDecodeLiftsColumns(t *testing.T) {
	e, logs := someLogs(t)
	m := bindings.NewChannelManager()
	seen := map[store.EventKind]bool{}
	for i := range logs {
		ev, err := watcher.Decode(&logs[i])
		if err != nil {
			t.Fatal(err)
		}
		seen[ev.Kind] = true
		switch ev.Kind {
		case store.EventChannelUpdated:
			want, _ := m.UnpackChannelUpdatedEvent(&logs[i])
			if ev.User != want.User || ev.Side != int(want.Side) || ev.Nonce.Cmp(want.Nonce) != 0 ||
				ev.OnchainNonce.Cmp(want.OnchainNonce) != 0 || ev.Digest != want.Digest {
				t.Errorf("ChannelUpdated decoded as %+v, binding says %+v", ev, want)
			}
		case store.EventExitStarted:
			want, _ := m.UnpackExitStartedEvent(&logs[i])
			if ev.User != want.User || ev.Sender != want.Sender || ev.Side != int(want.Side) || ev.Nonce.Cmp(want.Nonce) != 0 ||
				ev.OnchainNonce.Cmp(want.OnchainNonce) != 0 || ev.Deadline.Cmp(want.Deadline) != 0 || ev.Digest != want.Digest {
				t.Errorf("ExitStarted decoded as %+v, binding says %+v", ev, want)
			}
		case store.EventHubReserveFunded:
			if ev.Sender != e.c.Accounts[0].Addr || ev.Side != -1 || ev.Nonce != nil {
				t.Errorf("HubReserveFunded decoded as %+v", ev)
			}
		}
	}
	for _, name := range []store.EventKind{store.EventChannelUpdated, store.EventExitStarted, store.EventHubReserveFunded} {
		if !seen[name] {
			t.Errorf("no %s log decoded", name)
		}
	}
}

// TestDecodeFieldsForPeople checks Fields: an object keyed by the ABI's argument names,
// bytes as 0x-hex, addresses checksummed, uint256 amounts as exact decimal strings.
func TestDecodeFieldsForPeople(t *testing.T) {
	_, logs := someLogs(t)
	m := bindings.NewChannelManager()
	checked := 0
	for i := range logs {
		ev, err := watcher.Decode(&logs[i])
		if err != nil {
			t.Fatal(err)
		}
		var got map[string]any
		if err := json.Unmarshal(ev.Fields, &got); err != nil {
			t.Fatalf("%s fields %s: %v", ev.Kind, ev.Fields, err)
		}
		abiEv := m.GetABI().Events[ev.Kind.String()]
		if len(got) != len(abiEv.Inputs) {
			t.Errorf("%s fields %s, want exactly the arguments of the ABI", ev.Kind, ev.Fields)
		}
		for _, in := range abiEv.Inputs {
			if _, ok := got[in.Name]; !ok {
				t.Errorf("%s fields %s lack %q", ev.Kind, ev.Fields, in.Name)
			}
		}
		switch ev.Kind {
		case store.EventChannelUpdated:
			want, _ := m.UnpackChannelUpdatedEvent(&logs[i])
			weis, _ := got["weiBalances"].([]any)
			if got["user"] != want.User.Hex() || got["side"] != float64(want.Side) || got["nonce"] != want.Nonce.String() ||
				got["digest"] != hexutil.Encode(want.Digest[:]) || len(weis) != 2 || weis[1] != want.WeiBalances[1].String() {
				t.Errorf("ChannelUpdated fields %s, binding says %+v", ev.Fields, want)
			}
			checked++
		case store.EventExitStarted:
			want, _ := m.UnpackExitStartedEvent(&logs[i])
			if got["sender"] != want.Sender.Hex() || got["deadline"] != want.Deadline.String() {
				t.Errorf("ExitStarted fields %s, binding says %+v", ev.Fields, want)
			}
			checked++
		}
	}
	if checked < 2 {
		t.Fatal("no ChannelUpdated and ExitStarted logs to check")
	}
}
