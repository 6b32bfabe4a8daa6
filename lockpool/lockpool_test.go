package lockpool

import (
	"context"
	"errors"
	"math/big"
	"slices"
	"testing"

	"github.com/vigil-hub/vigil/contracts"
	"github.com/vigil-hub/vigil/store"
)

// box is an outbox of one settled state's rounds: entries[r] is round r's newest entry.
type box struct {
	entries   []store.OutboxTx
	queued    []store.ResolveKey
	cancelled []int64
	signed    bool // Cancel finds the entry signed meanwhile
}

func (b *box) Latest(_ context.Context, key store.ResolveKey) (store.OutboxTx, error) {
	if int(key.Round) >= len(b.entries) {
		return store.OutboxTx{}, store.ErrNotFound
	}
	return b.entries[key.Round], nil
}

func (b *box) Queue(_ context.Context, key store.ResolveKey, _ []byte) (bool, error) {
	b.queued = append(b.queued, key)
	return true, nil
}

func (b *box) Cancel(_ context.Context, id int64, _ string) (bool, error) {
	if b.signed {
		return false, nil
	}
	b.cancelled = append(b.cancelled, id)
	return true, nil
}

func entry(id int64, status store.TxStatus, arm int) store.OutboxTx {
	return store.OutboxTx{ID: id, Status: status, Arm: arm, Succeeded: status == store.TxConfirmed}
}

func TestNext(t *testing.T) {
	revert := func(name string) error { return &contracts.RevertError{Name: name} }
	nodeDown := errors.New("connection refused")
	refusedQueued := entry(1, store.TxQueued, 0)
	refusedQueued.EstimateFailures = 1
	includedOK := entry(1, store.TxIncluded, 0)
	includedOK.Succeeded = true
	tests := []struct {
		name      string
		box       box
		sim       error
		want      Step
		err       bool
		queued    []uint32 // rounds queued
		cancelled []int64
	}{
		{"first round", box{}, nil, Queued, false, []uint32{0}, nil},
		{"on its way/queued", box{entries: []store.OutboxTx{entry(1, store.TxQueued, 0)}}, revert("WrongLockSet"), OnItsWay, false, nil, nil},
		{"on its way/sent", box{entries: []store.OutboxTx{entry(1, store.TxSent, 0)}}, nil, OnItsWay, false, nil, nil},
		{"on its way/included and succeeded", box{entries: []store.OutboxTx{includedOK}}, nil, OnItsWay, false, nil, nil},
		{"next round after a confirmed one", box{entries: []store.OutboxTx{entry(1, store.TxConfirmed, 0)}}, nil, Queued, false, []uint32{1}, nil},
		{"same round after a revert", box{entries: []store.OutboxTx{entry(1, store.TxConfirmed, 0), entry(2, store.TxReverted, 1)}}, nil, Queued, false, []uint32{1}, nil},
		{"same round after a failure", box{entries: []store.OutboxTx{entry(1, store.TxFailed, 0)}}, nil, Queued, false, []uint32{0}, nil},
		{"given up/reverted at the last arm", box{entries: []store.OutboxTx{entry(1, store.TxReverted, MaxArms-1)}}, nil, GaveUp, false, nil, nil},
		{"given up/included reverted at the last arm", box{entries: []store.OutboxTx{entry(1, store.TxIncluded, MaxArms-1)}}, nil, GaveUp, false, nil, nil},
		{"nothing to resolve", box{entries: []store.OutboxTx{entry(1, store.TxConfirmed, 0)}}, revert("NothingToResolve"), NothingToResolve, false, nil, nil},
		{"pool closed", box{}, revert("NoLockPool"), PoolClosed, false, nil, nil},
		{"refused", box{}, revert("WrongLockSet"), Refused, false, nil, nil},
		{"node down", box{}, nodeDown, 0, true, nil, nil},
		{"refused estimate/would succeed: left", box{entries: []store.OutboxTx{refusedQueued}}, nil, OnItsWay, false, nil, nil},
		{"refused estimate/node down: left", box{entries: []store.OutboxTx{refusedQueued}}, nodeDown, OnItsWay, false, nil, nil},
		{"refused estimate/refused: cancelled", box{entries: []store.OutboxTx{refusedQueued}}, revert("WrongLockSet"), Refused, false, nil, []int64{1}},
		{"refused estimate/nothing left: cancelled", box{entries: []store.OutboxTx{refusedQueued}}, revert("NothingToResolve"), NothingToResolve, false, nil, []int64{1}},
		{"refused estimate/signed meanwhile", box{entries: []store.OutboxTx{refusedQueued}, signed: true}, revert("WrongLockSet"), OnItsWay, false, nil, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := tc.box
			simulated := false
			res, err := Next(t.Context(), &b, func(context.Context, []byte) error { simulated = true; return tc.sim }, big.NewInt(7), []byte{1})
			if (err != nil) != tc.err {
				t.Fatalf("err %v, want an error: %v", err, tc.err)
			}
			if !tc.err && res.Step != tc.want {
				t.Errorf("step %d, want %d", res.Step, tc.want)
			}
			if tc.want == Refused && !errors.Is(res.Err, tc.sim) {
				t.Errorf("refusal %v, want %v", res.Err, tc.sim)
			}
			var rounds []uint32
			for _, k := range b.queued {
				if k.SettledNonce.Cmp(big.NewInt(7)) != 0 {
					t.Errorf("queued under settled nonce %s, want 7", k.SettledNonce)
				}
				rounds = append(rounds, k.Round)
			}
			if !slices.Equal(rounds, tc.queued) || !slices.Equal(b.cancelled, tc.cancelled) {
				t.Errorf("queued rounds %v, cancelled %v; want %v, %v", rounds, b.cancelled, tc.queued, tc.cancelled)
			}
			if tc.want == OnItsWay && !tc.err && tc.box.entries[len(tc.box.entries)-1].EstimateFailures == 0 && simulated {
				t.Error("simulated while a round is on its way")
			}
		})
	}
}
