package towerd_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/vigil-hub/vigil/wire"
)

// TestHighWaterStillChallenges: a tower whose database is over its budget refuses
// deposits with 507 insufficient_storage, yet indexes a stale close and challenges it
// with the state it already holds. The tower runs as watchtower run does, on PostgreSQL
// and anvil: first with room (the user backs up its latest state), then restarted with
// database.max_size far below what the database takes.
func TestHighWaterStillChallenges(t *testing.T) {
	if testing.Short() {
		t.Skip("starts an external node")
	}
	a := newAnvilTower(t, "pw")
	rpc := `[{name: http, url: "` + a.node.HTTP() + `"}]`
	s3, s4, s5 := a.state(3, 6), a.state(4, 2), a.state(5, 1)

	// With room, the tower takes s4.
	stop := a.run(rpc, "")
	if code, body := a.deposit(s4); code != http.StatusCreated {
		t.Fatalf("deposit with room: %d %s", code, body)
	}
	stop()

	// Over its budget (a PostgreSQL database takes megabytes), it refuses s5 …
	stop = a.run(rpc, ", max_size: 64kB")
	defer stop()
	code, body := a.deposit(s5)
	var e wire.Error
	json.Unmarshal(body, &e)
	if code != http.StatusInsufficientStorage || e.Code != wire.CodeInsufficientStorage {
		t.Fatalf("deposit over the budget: %d %+v, want 507 %s", code, e, wire.CodeInsufficientStorage)
	}
	if code, text := getFrom(t, a.opsAddr, "/metrics"); code != http.StatusOK || !strings.Contains(text, "vigil_deposits_stopped 1") {
		t.Errorf("/metrics (%d) does not say deposits are stopped", code)
	}
	// … and still answers the hub's close with s3 by challenging with s4.
	a.closeWith(s3)
	a.waitOnchainNonce(4, "the tower at its high-water mark did not answer the stale close")
}
