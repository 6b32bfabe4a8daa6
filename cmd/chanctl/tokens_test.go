package main

import (
	"bytes"
	"encoding/json"
	"math/big"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"

	"github.com/vigil-hub/vigil/contracts/bindings"
	"github.com/vigil-hub/vigil/internal/testkit/anvil"
)

// TestTokenDepositJSON: deposit --asset with --json reports the approval as a progress
// line before the transactions, and the outcome names the asset, its unit and the amount
// approved; status --json then shows the token balance and locked amounts of both assets;
// an unknown asset with --json is one error object with code unknown_asset, exit 2.
func TestTokenDepositJSON(t *testing.T) {
	e := newEnv(t)
	u := e.wallet(1)
	token := bindings.NewTestToken()
	tx, err := token.Instance(e.d.Client, e.d.Token).RawTransact(bind.NewKeyedTransactor(anvil.Key(0), e.d.ChainID), token.PackMint(u.addr, big.NewInt(2e18)))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := bind.WaitMined(t.Context(), e.d.Client, tx.Hash()); err != nil {
		t.Fatal(err)
	}

	out, progress, err := e.ctl(u, "deposit", "--asset", "vtt", "1.5", "VTT", "--json")
	if err != nil {
		t.Fatalf("deposit: %v\n%s%s", err, out, progress)
	}
	d := decode(t, out)
	if d["deposited"] != "1.5" || d["asset"] != "VTT" || d["assetUnit"] != "VTT" || d["approved"] != "1.5" || field(d, "transactions", 1, "status") != "ok" {
		t.Errorf("deposit --json: %s", out)
	}
	var lines []string // the progress lines, without the wallet's log
	for _, l := range strings.Split(progress, "\n") {
		if strings.Contains(l, `"event":`) {
			lines = append(lines, l)
		}
	}
	if len(lines) < 2 || !strings.Contains(lines[0], `"event":"approve"`) || !strings.Contains(lines[0], `"amount":"1.5"`) ||
		!strings.Contains(lines[0], `"unit":"VTT"`) || !strings.Contains(lines[1], `"event":"sent"`) {
		t.Errorf("progress: want the approval before the first transaction:\n%s", progress)
	}
	e.until("the token deposit to be confirmed", func() bool {
		s := e.status(u)
		return s != nil && s["pendingOperation"] == nil && field(s, "token", "balance", "you") == "1.5"
	})
	s := e.status(u)
	if field(s, "locked", "you") != "0" || field(s, "token", "locked", "you") != "0" || field(s, "balance", "you") != "0" {
		t.Errorf("status --json: %v", s)
	}

	var o, eo bytes.Buffer
	code := run([]string{"chanctl", "--config", u.config, "deposit", "--asset", "DAI", "1", "--json"}, &o, &eo)
	var je struct{ Error, Code string }
	if code != 2 || json.Unmarshal(eo.Bytes(), &je) != nil || je.Code != "unknown_asset" || !strings.Contains(je.Error, `"DAI"`) ||
		!strings.Contains(je.Error, "VTT") {
		t.Errorf("unknown asset: exit %d, %s", code, eo.String())
	}
}
