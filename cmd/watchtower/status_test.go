package main

import (
	"bytes"
	"encoding/json"
	"math/big"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/store"
	"github.com/vigil-hub/vigil/towerd"
)

// TestStatus: watchtower status reads the tower's store through --config, as run does,
// and shows the states held, a dispute open with its deadline in UTC and the tower's
// challenge, and the outbox — as text and as one JSON object. The store is the tower's
// own SQLite database, made by init and migrate, with what the indexer, the deposit API
// and the dispute engine record written through the store's interface.
func TestStatus(t *testing.T) {
	dir := t.TempDir()
	contract, hub := common.HexToAddress("0xc0"), common.HexToAddress("0xa0")
	user, other := common.HexToAddress("0xb1"), common.HexToAddress("0xb2")
	t.Setenv("VIGIL_KEYSTORE_PASSWORD", "correct horse")
	t.Setenv("DATABASE_URL", "")
	var out, errOut bytes.Buffer
	if code := run([]string{"watchtower", "init", "--dir", dir, "--contract", contract.Hex(), "--rpc", "http://127.0.0.1:1", "--lightkdf"}, &out, &errOut); code != 0 {
		t.Fatalf("init exited %d: %s", code, &errOut)
	}
	cfgPath := filepath.Join(dir, "config.yaml")
	if code := run([]string{"watchtower", "migrate", "--config", cfgPath}, &out, &errOut); code != 0 {
		t.Fatalf("migrate exited %d: %s", code, &errOut)
	}

	// Nothing yet.
	v := statusJSON(t, cfgPath)
	if v.StatesHeld != 0 || len(v.Disputes) != 0 || v.Outbox.ByStatus["queued"] != 0 {
		t.Errorf("status of an empty tower: %+v", v)
	}

	// Two states held; user's channel closed at nonce 3 while the tower holds 5, and the
	// tower's challenge queued.
	cfg, err := towerd.LoadConfig(cfgPath)
	if err != nil {
		t.Fatal(err)
	}
	st, err := towerd.OpenStore(t.Context(), cfg.Database.URL)
	if err != nil {
		t.Fatal(err)
	}
	ctx, chainID := t.Context(), big.NewInt(31337)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(st.AddContract(ctx, store.Contract{ChainID: chainID, Address: contract, Hub: hub, DeployBlock: 1, ChallengePeriod: 600}))
	for _, s := range []struct {
		u     common.Address
		nonce int64
	}{{user, 5}, {other, 2}} {
		state := channel.NewState(s.u)
		state.Nonce.SetInt64(s.nonce)
		held := store.StoredState{Contract: contract, State: state, Digest: common.Hash{byte(s.nonce)}, SigHub: []byte{1}, SigUser: []byte{2}}
		_, _, err := st.PutState(ctx, held, channel.Receipt{Contract: contract, User: s.u, Nonce: channel.Amount{V: state.Nonce}, StateDigest: held.Digest,
			IssuedAt: uint64(time.Now().Unix()), Tower: hub, Signature: []byte{9}})
		must(err)
	}
	const deadline = 1796700000
	b1 := store.Block{Number: 1, Hash: common.Hash{1}, Parent: common.Hash{0}, Time: 1796699400}
	must(st.ApplyRange(ctx, chainID, nil, b1, []store.Block{b1}, []store.Event{{Contract: contract, BlockNumber: 1, BlockHash: b1.Hash,
		TxHash: common.Hash{0xee}, Kind: store.EventExitStarted, User: user, Sender: hub, Side: 0, Nonce: big.NewInt(3), OnchainNonce: big.NewInt(1),
		Deadline: big.NewInt(deadline), Digest: common.Hash{0xdd}, Fields: []byte(`{}`)}}))
	in := store.Intent{ChainID: chainID, Contract: contract, User: user, Kind: store.KindChallenge, Sender: hub, Calldata: []byte{1}, Deadline: deadline}
	in.SetKey(store.ChallengeKey{StateNonce: big.NewInt(5)})
	_, _, err = st.Enqueue(ctx, in)
	must(err)
	must(st.Close())

	v = statusJSON(t, cfgPath)
	if v.Command != "status" || v.Store != "sqlite" || v.StatesHeld != 2 || len(v.Disputes) != 1 || v.Outbox.ByStatus["queued"] != 1 || v.Outbox.ByStatus["failed"] != 0 {
		t.Fatalf("status --json: %+v", v)
	}
	d := v.Disputes[0]
	if d.User != user || d.Nonce != "3" || d.Held != "5" || !d.Stale || !d.Challenged || d.Challenge == nil || d.Challenge.Status != "queued" ||
		d.Deadline != deadline || d.DeadlineUTC != "2026-12-08T03:20:00Z" {
		t.Errorf("the dispute: %+v", d)
	}
	out.Reset()
	if code := run([]string{"watchtower", "status", "--config", cfgPath}, &out, &errOut); code != 0 {
		t.Fatalf("status exited %d: %s", code, &errOut)
	}
	for _, want := range []string{"states held: 2", "disputes open: 1", "closed at nonce 3, deadline 2026-12-08T03:20:00Z (block time 1796700000)",
		"the tower holds nonce 5; challenge queued", "outbox: queued 1, sent 0, included 0", "challenge queued: 1"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("status lacks %q:\n%s", want, &out)
		}
	}
}

func statusJSON(t *testing.T, cfgPath string) statusView {
	t.Helper()
	var out, errOut bytes.Buffer
	if code := run([]string{"watchtower", "status", "--json", "--config", cfgPath}, &out, &errOut); code != 0 {
		t.Fatalf("status --json exited %d: %s", code, &errOut)
	}
	var v statusView
	dec := json.NewDecoder(&out)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("status --json: %v\n%s", err, out.String())
	}
	return v
}
