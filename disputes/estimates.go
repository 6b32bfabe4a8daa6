package disputes

import (
	"context"
	"sync"

	"github.com/vigil-hub/vigil/store"
)

// estimateChallenges starts estimating the gas of the pass's queued challenges, at most
// estimators at once, in the pass's order; estimateOf waits for each. The pass signs the
// challenges already estimated while the node estimates the next ones, so that a mass
// exit's challenges are signed a batch per store transaction, not one per node round
// trip and one transaction each. The estimates end with the pass (Step waits for them).
func (s *Sender) estimateChallenges(ctx context.Context, st *step, txs []store.OutboxTx, order []int) {
	var todo []*store.OutboxTx
	for _, i := range order {
		t := &txs[i]
		if t.Kind == store.KindChallenge && t.Status == store.TxQueued && t.AccountNonce == nil &&
			st.head.Time >= t.NotBefore && !pastDeadline(st.head, t) {
			todo = append(todo, t)
		}
	}
	if len(todo) < 2 {
		return
	}
	st.estimates = make(map[int64]*estimate, len(todo))
	for _, t := range todo {
		st.estimates[t.ID] = &estimate{done: make(chan struct{})}
	}
	sem := make(chan struct{}, estimators)
	st.background.Go(func() {
		var wg sync.WaitGroup
		defer wg.Wait()
		for _, t := range todo {
			e := st.estimates[t.ID]
			select {
			case sem <- struct{}{}:
			case <-ctx.Done():
				e.err = ctx.Err()
				close(e.done)
				continue
			}
			wg.Go(func() {
				defer func() { <-sem }()
				e.gas, e.err = s.estimate(ctx, t)
				close(e.done)
			})
		}
	})
}

// estimators is how many gas estimates a pass asks the node for at once.
const estimators = 8

// estimateOf is t's gas estimate: the one started with the pass's other challenges, or
// one made now.
func (s *Sender) estimateOf(ctx context.Context, st *step, t *store.OutboxTx) (uint64, error) {
	e, ok := st.estimates[t.ID]
	if !ok {
		return s.estimate(ctx, t)
	}
	if !e.ready() {
		// Sign what waits while the node estimates this one.
		if err := s.flush(ctx, st); err != nil {
			st.errs = append(st.errs, err)
		}
		<-e.done
	}
	return e.gas, e.err
}

// estimate is a gas estimate or the error that made one, once done is closed.
type estimate struct {
	gas  uint64
	err  error
	done chan struct{}
}

// ready reports whether e is done, without waiting.
func (e *estimate) ready() bool {
	select {
	case <-e.done:
		return true
	default:
		return false
	}
}
