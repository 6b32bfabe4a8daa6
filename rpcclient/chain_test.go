package rpcclient_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"

	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/ethclient"

	"github.com/vigil-hub/vigil/internal/simchain"
	"github.com/vigil-hub/vigil/rpcclient"
	"github.com/vigil-hub/vigil/watcher"
)

// calls records what a Recorder is told.
type calls struct {
	mu  sync.Mutex
	got []string
}

func (c *calls) RPC(endpoint, method string, err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	result := "ok"
	if err != nil {
		result = "error"
	}
	c.got = append(c.got, fmt.Sprintf("%s %s %s", endpoint, method, result))
}

func (c *calls) has(s string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, g := range c.got {
		if g == s {
			return true
		}
	}
	return false
}

// TestCountedByMethod: every call is counted once, by the endpoint it went to and its
// JSON-RPC method; an endpoint that does not answer at start is counted as an error and
// left out, a missing receipt is an answer, not an error, and a broadcast is counted at
// each endpoint it went to.
func TestCountedByMethod(t *testing.T) {
	sim, err := simchain.New(simchain.Config{Accounts: 1, ChallengePeriod: 600})
	if err != nil {
		t.Fatal(err)
	}
	defer sim.Close()
	dead, err := ethclient.DialContext(t.Context(), "http://127.0.0.1:1/v3/K3yInPath")
	if err != nil {
		t.Fatal(err)
	}
	defer dead.Close()
	rec := &calls{}
	c, err := rpcclient.NewChain(t.Context(), []rpcclient.Endpoint{
		{Name: "dead", URL: "http://127.0.0.1:1/v3/K3yInPath", Client: dead},
		{Name: "sim", Client: sim.Client},
	}, 5, rec, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.BalanceAt(t.Context(), sim.Accounts[0].Addr, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := c.TransactionReceipt(t.Context(), [32]byte{1}); err == nil {
		t.Fatal("a receipt of no transaction was found")
	}
	if err := c.SendTransaction(t.Context(), types.NewTx(&types.LegacyTx{})); err == nil { // unsigned: refused
		t.Fatal("an unsigned transaction was accepted")
	}
	for _, want := range []string{"dead eth_chainId error", "sim eth_chainId ok", "sim eth_getBalance ok", "sim eth_getTransactionReceipt ok",
		"sim eth_sendRawTransaction error"} {
		if !rec.has(want) {
			t.Errorf("not counted: %q; counted %q", want, rec.got)
		}
	}
	if len(rec.got) != 5 {
		t.Errorf("counted %q, want each call once", rec.got)
	}
}

// TestScrubbed: a dialled node's transport error quotes the URL, key and all; the errors
// the client hands on do not.
func TestScrubbed(t *testing.T) {
	url := "http://127.0.0.1:1/v3/K3yInPath?apikey=K3yInQuery"
	raw, err := ethclient.DialContext(t.Context(), url)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	if _, err := raw.ChainID(context.Background()); err == nil || !strings.Contains(err.Error(), "K3yInPath") {
		t.Fatalf("the raw client's error %v does not quote the URL: the test proves nothing", err)
	}
	rec := &calls{}
	var logged bytes.Buffer
	_, err = rpcclient.Dial(t.Context(), []rpcclient.NamedURL{{Name: "keyed", URL: url}}, 5, rec, slog.New(slog.NewTextHandler(&logged, nil)))
	if !errors.Is(err, watcher.ErrNoEndpoint) || strings.Contains(err.Error(), "K3yIn") {
		t.Fatalf("Dial's error: %v, want ErrNoEndpoint without the key", err)
	}
	if !strings.Contains(logged.String(), "keyed") || !strings.Contains(logged.String(), "connection refused") || strings.Contains(logged.String(), "K3yIn") {
		t.Errorf("the endpoint's failure, logged: %s", &logged)
	}
	if !rec.has("keyed eth_chainId error") {
		t.Errorf("the failed chain id was not counted: %q", rec.got)
	}
}
