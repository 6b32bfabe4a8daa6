package towerd_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/vigil-hub/vigil/wire"
)

// TestWatchtowerOnAnvil runs the whole watchtower — config, encrypted keystore,
// PostgreSQL, WebSocket and HTTP endpoints, deposit API, indexer, engine, sender — against
// anvil as a separate process. A user backs up its latest state over HTTP and goes
// offline; the hub closes with an older one; the tower's challenge lands.
func TestWatchtowerOnAnvil(t *testing.T) {
	if testing.Short() {
		t.Skip("starts an external node")
	}
	a := newAnvilTower(t, "correct horse")
	defer a.run(`[{name: ws, url: "`+a.node.WS()+`"}, {name: http, url: "`+a.node.HTTP()+`"}]`, "")()
	apiAddr, opsAddr := a.apiAddr, a.opsAddr

	// The user's channel holds 10 ether; the hub pays it 4 back after 6.
	s3, s4 := a.state(3, 6), a.state(4, 2)

	// The user backs s4 up with the tower over HTTP.
	code, body := a.deposit(s4)
	var res wire.DepositResult
	if err := json.Unmarshal(body, &res); err != nil || code != http.StatusCreated {
		t.Fatalf("deposit: %d %s", code, body)
	}
	if res.Receipt == nil || res.Receipt.Tower != crypto.PubkeyToAddress(a.towerKey.PublicKey) {
		t.Fatalf("receipt %+v, want one signed by the tower", res.Receipt)
	}

	// The hub closes with s3; the tower challenges with s4.
	a.closeWith(s3)
	a.waitOnchainNonce(4, "the tower did not answer the stale close")

	// Operations: liveness and readiness on both listeners, metrics on the ops listener only.
	get := func(path string) (int, string) {
		return getFrom(t, opsAddr, path)
	}
	if code, _ := getFrom(t, apiAddr, "/metrics"); code == http.StatusOK {
		t.Error("the public API serves /metrics")
	}
	if code, _ := getFrom(t, apiAddr, "/readyz"); code != http.StatusOK {
		t.Errorf("/readyz on the API: %d", code)
	}
	if code, _ := get("/healthz"); code != http.StatusOK {
		t.Errorf("/healthz: %d", code)
	}
	if code, _ := get("/readyz"); code != http.StatusOK {
		t.Errorf("/readyz: %d", code)
	}
	code, metricsText := get("/metrics")
	for _, want := range []string{"vigil_leader 1", `vigil_alerts_total{kind="stale_close"} 1`, "vigil_indexer_indexed_block",
		"vigil_indexer_lag_blocks", `vigil_http_requests_total{code="201",route="POST /v1/states",server="watchtower"} 1`,
		`vigil_rpc_requests_total{call="eth_sendRawTransaction",endpoint="ws",result="ok"}`, "vigil_build_info{", "vigil_states_stored 1",
		"vigil_disputes_open 1", `vigil_outbox_entries{kind="challenge",status=`} {
		if code != http.StatusOK || !strings.Contains(metricsText, want) {
			t.Errorf("/metrics (%d) lacks %q", code, want)
		}
	}
}
