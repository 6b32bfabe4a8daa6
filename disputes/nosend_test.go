package disputes_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"

	"github.com/vigil-hub/vigil/contracts"
	"github.com/vigil-hub/vigil/disputes"
	"github.com/vigil-hub/vigil/store"
)

// erring is a node that fails every gas estimate of a call with selector, saying nothing
// the contract decided (a node fault, no revert data).
type erring struct {
	disputes.Chain
	selector []byte
}

func (c *erring) EstimateGas(ctx context.Context, msg ethereum.CallMsg) (uint64, error) {
	if bytes.HasPrefix(msg.Data, c.selector) {
		return 0, errors.New("internal error: execution aborted (timeout = 5s)")
	}
	return c.Chain.EstimateGas(ctx, msg)
}

// TestNothingUnsignedHoldsBack: a's challenge sits first in the outbox, unsigned, its
// estimate failing every pass with nothing the contract said (the node errs), while b's
// dispute is past its deadline with its settlement queued behind the challenge. The
// settlement is signed and mined; the challenge stays queued, estimated again each pass.
// (With a challenge that stayed unsigned holding settlements back, as before commit
// 59a99f0, b was never settled.)
func TestNothingUnsignedHoldsBack(t *testing.T) {
	for _, backend := range backends {
		t.Run(backend, func(t *testing.T) {
			e := newEnv(t, envConfig{users: 2, autoSettle: true, backend: backend})
			a, b := e.users[0], e.users[1]
			sa := pay(e.open(a, 10, 0), 6)
			held := pay(sa, -5)
			e.deposit(e.st, held)
			sb := pay(e.open(b, 10, 0), 3)
			e.deposit(e.st, sb)
			selector := e.m.PackChallenge(contracts.State(held), nil, nil)[:4]
			tw := e.newTower(e.st, e.tower, &erring{Chain: e.c.Client, selector: selector})
			e.rounds(tw, 1)
			e.exitWith(e.hub, sb)
			if err := e.c.AdvanceTime(601 * time.Second); err != nil {
				t.Fatal(err)
			}
			e.exitWith(e.hub, sa)
			e.rounds(tw, 5)

			var challenge, settle *store.OutboxTx
			for _, tx := range e.activeTxs(tw) {
				if tx.Kind == store.KindChallenge {
					challenge = &tx
				}
			}
			for _, tx := range e.outbox(e.st, b.Addr) {
				if tx.Kind == store.KindSettle {
					settle = &tx
				}
			}
			if challenge == nil || challenge.Status != store.TxQueued || !strings.HasPrefix(challenge.LastError, "estimate gas: ") {
				t.Fatalf("a's outbox %s, want its challenge queued, its estimate failing", brief(e.outbox(e.st, a.Addr)))
			}
			if settle == nil || len(settle.Attempts) == 0 {
				t.Fatalf("b's outbox %s, want its settlement signed while a's challenge waited unsigned", brief(e.outbox(e.st, b.Addr)))
			}
			if ch := e.onchain(b.Addr); ch.Status == contracts.StatusDisputed {
				t.Fatal("b's dispute, past its deadline, is not settled")
			}
		})
	}
}
