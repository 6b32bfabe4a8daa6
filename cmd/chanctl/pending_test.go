package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/vigil-hub/vigil/internal/testkit/anvil"
)

// lossyNode is a JSON-RPC proxy in front of anvil that, when armed, answers the next
// eth_sendRawTransaction with an error without passing it on: a transaction lost on its
// way, after the hub co-signed the operation it executes.
type lossyNode struct {
	drop atomic.Bool
	srv  *httptest.Server
}

func newLossyNode(t *testing.T, target string) *lossyNode {
	u, err := url.Parse(target)
	if err != nil {
		t.Fatal(err)
	}
	n := &lossyNode{}
	proxy := httputil.NewSingleHostReverseProxy(u)
	n.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		var call struct {
			ID     json.RawMessage `json:"id"`
			Method string          `json:"method"`
		}
		if json.Unmarshal(body, &call) == nil && call.Method == "eth_sendRawTransaction" && n.drop.CompareAndSwap(true, false) {
			w.Header().Set("Content-Type", "application/json")
			fmt.Fprintf(w, `{"jsonrpc":"2.0","id":%s,"error":{"code":-32000,"message":"connection reset (the test drops this transaction)"}}`, call.ID)
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		proxy.ServeHTTP(w, r)
	}))
	t.Cleanup(n.srv.Close)
	return n
}

// TestRetryAndAbandon: through chanctl's command line, a deposit whose transaction is
// lost after the hub co-signed it: status names the pending deposit, its timeout and
// "retry"; abandon is refused before the timeout; retry executes it. Then a withdrawal
// lost the same way is given up once its timeout has passed, and the channel holds the
// ether again with nothing pending.
func TestRetryAndAbandon(t *testing.T) {
	e := newEnv(t)
	node := newLossyNode(t, e.node.HTTP())
	k := anvil.Key(1)
	p := filepath.Join(e.dir, "carol.yaml")
	writeFile(t, p, fmt.Sprintf("hub: %s\nrpc: %s\ncontract: %q\nkeystore: {path: %q, password_env: VIGIL_TEST_PW}\nstate: %q\n",
		e.hubURL, node.srv.URL, e.d.Manager.Hex(), writeKeystore(t, e.dir, "carol.json", k), filepath.Join(e.dir, "carol-state.json")))
	carol := user{addr: crypto.PubkeyToAddress(k.PublicKey), config: p}

	node.drop.Store(true)
	out, errOut, err := e.ctl(carol, "deposit", "1")
	if err == nil || !strings.Contains(err.Error(), "chanctl retry") {
		t.Fatalf("deposit with its transaction lost: %v, want an error pointing to retry\n%s%s", err, out, errOut)
	}
	out, _, err = e.ctl(carol, "status")
	if err != nil || !strings.Contains(out, "pending deposit (nonce 1) until ") || !strings.Contains(out, "UTC") || !strings.Contains(out, "run `chanctl retry`") {
		t.Fatalf("status with the deposit pending: %v\n%s", err, out)
	}
	if op := field(e.status(carol), "pendingOperation"); field(op, "action") != "retry" || field(op, "kind") != "deposit" {
		t.Fatalf("status --json pendingOperation %v, want a deposit to retry", op)
	}
	if _, _, err := e.ctl(carol, "abandon"); err == nil || !strings.Contains(err.Error(), "can still execute on-chain until") {
		t.Fatalf("abandon before the timeout: %v", err)
	}
	if out, errOut, err := e.ctl(carol, "retry"); err != nil || !strings.Contains(out, "executed in block") {
		t.Fatalf("retry: %v\n%s%s", err, out, errOut)
	}
	e.until("the retried deposit to be confirmed", func() bool {
		s := e.status(carol)
		return s != nil && s["pendingOperation"] == nil && field(s, "balance", "you") == "1"
	})

	node.drop.Store(true)
	if _, _, err := e.ctl(carol, "withdraw", "0.5"); err == nil {
		t.Fatal("a withdrawal with its transaction lost went through")
	}
	op := field(e.status(carol), "pendingOperation")
	if field(op, "action") != "retry" || field(op, "kind") != "withdrawal" {
		t.Fatalf("pendingOperation %v, want a withdrawal to retry", op)
	}
	e.node.AdvanceTo(uint64(num(field(op, "until"))) + 1)
	var last error
	e.until("the withdrawal to be given up", func() bool {
		_, _, last = e.ctl(carol, "abandon")
		return last == nil
	})
	s := e.status(carol)
	if s["pendingOperation"] != nil || field(s, "balance", "you") != "1" {
		t.Fatalf("after abandon: pending %v, balance %v; want nothing pending and 1 ether", s["pendingOperation"], field(s, "balance", "you"))
	}
}
