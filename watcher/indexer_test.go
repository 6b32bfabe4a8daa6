package watcher_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/vigil-hub/vigil/store"
	"github.com/vigil-hub/vigil/watcher"
)

// TestReorgs builds a chain with events, indexes it, replaces its last d blocks (d from 1
// to 10) with a longer fork holding other events, and checks that the stored events equal
// the canonical chain's exactly. At depth 1, 3 and 7 the orphaned transactions, among them
// an exit, are re-included on the new fork; otherwise they are dropped, and the exit must
// be reported removed.
func TestReorgs(t *testing.T) {
	for depth := 1; depth <= 10; depth++ {
		reinclude := depth == 1 || depth == 3 || depth == 7
		t.Run(fmt.Sprintf("depth %d/reinclude %v", depth, reinclude), func(t *testing.T) {
			e := newEnv(t)
			e.open(e.c.Accounts[1])
			ix := e.indexer(e.c.Client, 4)
			e.syncAll(ix)
			fork, err := e.c.Client.HeaderByNumber(t.Context(), nil)
			if err != nil {
				t.Fatal(err)
			}
			// The old branch: an exit, then d-1 blocks of other events.
			if _, err := e.c.Transact(e.c.Accounts[1], e.c.Manager, nil, e.c.ManagerABI.PackStartExit(e.c.Accounts[1].Addr)); err != nil {
				t.Fatal(err)
			}
			for i := 1; i < depth; i++ {
				e.emit(fmt.Sprintf("old-%d-a", i), fmt.Sprintf("old-%d-b", i))
			}
			e.syncAll(ix)
			e.checkMatchesChain("before reorg")

			if err := e.c.Backend.Fork(fork.Hash()); err != nil {
				t.Fatal(err)
			}
			if !reinclude {
				e.c.Backend.Rollback()
			}
			for i := 0; i <= depth; i++ {
				e.emit(fmt.Sprintf("new-%d", i))
			}
			e.syncAll(ix)
			e.checkMatchesChain("after reorg")

			exits := 0
			for _, ev := range e.stored() {
				if ev.Name == store.EventExitStarted.String() {
					exits++
				}
			}
			if reinclude && exits != 1 {
				t.Errorf("re-included exit stored %d times, want once", exits)
			}
			if !reinclude && exits != 0 {
				t.Errorf("orphaned exit still stored %d times", exits)
			}
			if removed := e.rec.names(watcher.Removed); !slices.Contains(removed, "ExitStarted") {
				t.Errorf("removed updates %v do not report the orphaned exit", removed)
			}
			ch, err := e.st.Channel(t.Context(), e.c.ManagerAddr, e.c.Accounts[1].Addr)
			if err != nil {
				t.Fatal(err)
			}
			wantStatus := store.StatusOpen
			if reinclude {
				wantStatus = store.StatusDisputed
			}
			if ch.Status != wantStatus {
				t.Errorf("channel status %s after reorg, want %s", ch.Status, wantStatus)
			}
		})
	}
}
