package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/store"
	"github.com/vigil-hub/vigil/wire"
)

// TestOutputJSONAndUnits: --json prints one object carrying the command's fields; amounts
// are typed and shown in ether (a plain number is ether), in wei with --wei, and the
// token's balances in its own symbol and decimals; a transaction's hash is printed when
// it is sent, before the block that includes it.
func TestOutputJSONAndUnits(t *testing.T) {
	e := newEnv(t)
	u := e.wallet(1)

	out, progress, err := e.ctl(u, "deposit", "1.5", "--json")
	if err != nil {
		t.Fatalf("deposit: %v\n%s%s", err, out, progress)
	}
	d := decode(t, out)
	hash := str(field(d, "transactions", 0, "hash"))
	if d["command"] != "deposit" || d["unit"] != "ether" || d["deposited"] != "1.5" || hash == "" ||
		field(d, "transactions", 0, "status") != "ok" || num(field(d, "transactions", 0, "block")) <= 0 {
		t.Errorf("deposit --json: %s", out)
	}
	// Progress on standard error: the hash when sent, then its block.
	sent, mined := strings.Index(progress, `"event":"sent"`), strings.Index(progress, `"event":"mined"`)
	if sent < 0 || mined < sent || !strings.Contains(progress[sent:mined], hash) {
		t.Errorf("progress %s: want the sent hash %s, then mined", progress, hash)
	}
	e.until("the deposit to be confirmed", func() bool {
		s := e.status(u)
		return s != nil && s["pendingOperation"] == nil && s["onchainNonce"] != "0"
	})

	s := e.status(u)
	if s["command"] != "status" || field(s, "balance", "you") != "1.5" || field(s, "balance", "hub") == nil ||
		!strings.EqualFold(str(s["user"]), u.addr.Hex()) || field(s, "token", "symbol") != "VTT" || field(s, "token", "decimals") != 18.0 ||
		field(s, "token", "balance", "you") != "0" || !strings.EqualFold(str(field(s, "token", "address")), e.d.Token.Hex()) {
		t.Errorf("status --json: %v", s)
	}
	if locks, ok := s["locks"].([]any); !ok || len(locks) != 0 {
		t.Errorf("status --json locks: %v", s["locks"])
	}
	out, _, _ = e.ctl(u, "status", "--json", "--wei")
	if s := decode(t, out); s["unit"] != "wei" || field(s, "balance", "you") != "1500000000000000000" {
		t.Errorf("status --json --wei: %s", out)
	}
	out, _, _ = e.ctl(u, "status")
	if !strings.Contains(out, "balance: you 1.5 ether, hub ") || !strings.Contains(out, "tokens: you 0 VTT, hub ") {
		t.Errorf("status:\n%s", out)
	}
	out, _, _ = e.ctl(u, "status", "--wei")
	if !strings.Contains(out, "balance: you 1500000000000000000 wei, hub ") {
		t.Errorf("status --wei:\n%s", out)
	}

	// In text, the same order on one stream: sent, included, the outcome.
	out, errOut, err := e.ctl(u, "deposit", "3", "gwei")
	if err != nil {
		t.Fatalf("deposit: %v\n%s%s", err, out, errOut)
	}
	sentAt, includedAt, doneAt := strings.Index(out, "sent transaction 0x"), strings.Index(out, "included in block"), strings.Index(out, "deposited 0.000000003 ether")
	if sentAt < 0 || includedAt < sentAt || doneAt < includedAt {
		t.Errorf("deposit printed, out of order or incomplete:\n%s", out)
	}

	// Towers, none configured.
	out, _, _ = e.ctl(u, "towers", "--json")
	if v := decode(t, out); v["command"] != "towers" || field(v, "towers") == nil || field(v, "towers", 0) != nil {
		t.Errorf("towers --json: %s", out)
	}
}

// TestExitPrintsDeadline: exit prints the challenge deadline as a block time and in UTC
// (RFC 3339), both the contract's; settle after it pays out.
func TestExitPrintsDeadline(t *testing.T) {
	e := newEnv(t)
	alice, bob := e.wallet(1), e.wallet(2)
	e.deposited(alice, "1", "ether")
	e.deposited(bob, "1")

	out, errOut, err := e.ctl(alice, "exit")
	if err != nil {
		t.Fatalf("exit: %v\n%s%s", err, out, errOut)
	}
	m := regexp.MustCompile(`exit started in block \d+; challenge deadline (\S+) \(block time (\d+)\)`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("exit printed no deadline:\n%s", out)
	}
	at, err := time.Parse(time.RFC3339, m[1])
	unix, _ := strconv.ParseUint(m[2], 10, 64)
	if ch := e.onchain(alice); err != nil || !strings.HasSuffix(m[1], "Z") || uint64(at.Unix()) != unix || ch.Deadline.Uint64() != unix {
		t.Errorf("deadline %s / %s, the contract's %v (%v)", m[1], m[2], ch.Deadline, err)
	}

	out, errOut, err = e.ctl(bob, "exit", "--json")
	if err != nil {
		t.Fatalf("exit --json: %v\n%s%s", err, out, errOut)
	}
	x := decode(t, out)
	deadline := num(x["deadline"])
	at, err = time.Parse(time.RFC3339, str(x["deadlineUTC"]))
	if ch := e.onchain(bob); err != nil || uint64(deadline) != ch.Deadline.Uint64() || at.Unix() != int64(deadline) ||
		num(x["block"]) <= 0 || field(x, "transactions", 0, "hash") == nil {
		t.Errorf("exit --json: %s", out)
	}

	// status shows the dispute and its deadline, in UTC and block time.
	if out, errOut, err := e.ctl(alice, "status"); err != nil || !strings.Contains(out, "on-chain: disputed") || !strings.Contains(out, m[1]) {
		t.Errorf("status during the dispute names no deadline %s: %v\n%s%s", m[1], err, out, errOut)
	}
	if s := e.status(alice); field(s, "onchain", "phase") != "disputed" || num(field(s, "onchain", "deadline")) != float64(unix) {
		t.Errorf("status --json during the dispute: %v", s["onchain"])
	}
	// A payment during the dispute is refused by the wallet, naming why.
	var o, eo bytes.Buffer
	if exit := run([]string{"chanctl", "--config", alice.config, "pay", bob.addr.Hex(), "0.1", "--json"}, &o, &eo); exit != 1 ||
		str(field(decode(t, eo.String()), "code")) != "channel_disputed" {
		t.Errorf("pay during the dispute: exit %d\n%s%s", exit, o.String(), eo.String())
	}

	e.node.AdvanceTo(unix + 1)
	out, errOut, err = e.ctl(alice, "settle", "--json")
	if err != nil || field(decode(t, out), "transactions", 0, "status") != "ok" {
		t.Errorf("settle --json: %v\n%s%s", err, out, errOut)
	}
}

// TestBackupRetried: a backup that fails because the tower is down is kept in the
// wallet's file, shown by towers, retried by the next command once the tower is back,
// and receipted; towers then shows the receipted nonce and when. Every command is a new
// process's: what it knows of the towers it read from the file.
func TestBackupRetried(t *testing.T) {
	e := newEnv(t)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close() // nobody answers there yet
	tower := "http://" + addr
	u := e.wallet(1, tower)
	e.deposited(u, "2")
	nonce := str(e.status(u)["nonce"])

	out, _, _ := e.ctl(u, "towers", "--json")
	v := decode(t, out)
	if field(v, "towers", 0, "url") != tower || field(v, "towers", 0, "unreceipted", "nonce") != nonce ||
		field(v, "towers", 0, "lastReceipt") != nil || !strings.Contains(str(field(v, "towers", 0, "lastError")), "connection refused") {
		t.Fatalf("towers --json with the tower down: %s", out)
	}
	out, _, _ = e.ctl(u, "towers")
	if !strings.Contains(out, "not backed up: nonce "+nonce) || !strings.Contains(out, "no receipt yet") {
		t.Errorf("towers with the tower down:\n%s", out)
	}

	// The tower comes back; the next command, whatever it is, retries and is receipted.
	st, _ := e.tower(addr, e.d.ChainID, []common.Address{e.d.Manager})
	before := time.Now().Add(-time.Second).Truncate(time.Second)
	out, _, err = e.ctl(u, "towers", "--json")
	if err != nil {
		t.Fatal(err)
	}
	v = decode(t, out)
	if field(v, "backups", 0, "retry") != true || field(v, "backups", 0, "ok") != true || field(v, "backups", 0, "nonce") != nonce {
		t.Errorf("the command did not retry the backup: %s", out)
	}
	issued, err := time.Parse(time.RFC3339, str(field(v, "towers", 0, "lastReceipt", "issuedAtUTC")))
	if field(v, "towers", 0, "lastReceipt", "nonce") != nonce || err != nil || issued.Before(before) ||
		field(v, "towers", 0, "unreceipted") != nil || field(v, "towers", 0, "address") == nil {
		t.Errorf("towers --json after the retry: %s", out)
	}
	held, err := st.State(t.Context(), e.d.Manager, u.addr)
	if err != nil || held.State.Nonce.String() != nonce {
		t.Errorf("the tower holds %v (%v), want nonce %s", held.State, err, nonce)
	}
	out, _, _ = e.ctl(u, "towers")
	if !strings.Contains(out, "last receipt: nonce "+nonce+" at ") || strings.Contains(out, "not backed up") {
		t.Errorf("towers after the retry:\n%s", out)
	}
}

// TestTowerInfoChecked: before the first backup to a tower the wallet reads its
// /v1/info, and refuses one on another chain, one that does not watch the contract, and
// one whose receipts are signed by another address than its info names, each with an
// error naming the mismatch; nothing is deposited with the first two.
func TestTowerInfoChecked(t *testing.T) {
	e := newEnv(t)
	other := common.HexToAddress("0x00000000000000000000000000000000000dead1")
	wrongID := new(big.Int).Add(e.d.ChainID, big.NewInt(1))
	wrongChainSt, wrongChain := e.tower("127.0.0.1:0", wrongID, []common.Address{e.d.Manager})
	elsewhereSt, elsewhere := e.tower("127.0.0.1:0", e.d.ChainID, []common.Address{other})
	_, real := e.tower("127.0.0.1:0", e.d.ChainID, []common.Address{e.d.Manager})
	liar := httptest.NewServer(lyingInfo(real))
	defer liar.Close()
	goodSt, good := e.tower("127.0.0.1:0", e.d.ChainID, []common.Address{e.d.Manager})

	u := e.wallet(1, wrongChain, elsewhere, liar.URL, good)
	e.deposited(u, "1")
	nonce := str(e.status(u)["nonce"])
	out, _, _ := e.ctl(u, "towers", "--json")
	v := decode(t, out)
	want := []string{
		"the tower does not guard this channel: it runs on chain " + wrongID.String() + ", the wallet's channel is on chain " + e.d.ChainID.String(),
		"the tower does not guard this channel: it does not watch contract " + e.d.Manager.Hex(),
		"the tower does not guard this channel: its receipt is signed by ",
	}
	for i, msg := range want {
		if got := str(field(v, "towers", i, "lastError")); !strings.Contains(got, msg) || field(v, "towers", i, "lastReceipt") != nil {
			t.Errorf("tower %d: last error %q, want %q", i, got, msg)
		}
	}
	if field(v, "towers", 3, "lastReceipt", "nonce") != nonce || field(v, "towers", 3, "lastError") != nil {
		t.Errorf("the good tower: %v", field(v, "towers", 3))
	}
	if _, err := wrongChainSt.State(t.Context(), e.d.Manager, u.addr); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("the tower on another chain was given a state: %v", err)
	}
	if _, err := elsewhereSt.State(t.Context(), e.d.Manager, u.addr); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("the tower watching another contract was given a state: %v", err)
	}
	if held, err := goodSt.State(t.Context(), e.d.Manager, u.addr); err != nil || held.State.Nonce.String() != nonce {
		t.Errorf("the good tower holds %v (%v)", held.State, err)
	}
}

// lyingInfo proxies the tower at target but names another receipt signer in /v1/info.
func lyingInfo(target string) http.Handler {
	u, _ := url.Parse(target)
	proxy := httputil.NewSingleHostReverseProxy(u)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/v1/info" {
			proxy.ServeHTTP(w, r)
			return
		}
		resp, err := http.Get(target + "/v1/info")
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		defer resp.Body.Close()
		var info wire.TowerInfo
		if err := json.NewDecoder(resp.Body).Decode(&info); err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		info.Address = common.HexToAddress("0x00000000000000000000000000000000000b0b01")
		json.NewEncoder(w).Encode(info)
	})
}

// TestListenRetriesBackups: listen retries, while it runs, a backup its tower did not
// take: the tower comes back during listen and receives the state without another command.
func TestListenRetriesBackups(t *testing.T) {
	defer setRetryInterval(200 * time.Millisecond)()
	e := newEnv(t)
	addr := freeAddr(t) // nobody answers there yet
	u := e.wallet(1, "http://"+addr)
	e.deposited(u, "1")
	nonce := str(e.status(u)["nonce"])

	// Until the tower comes back, its address refuses every request: listen has retried
	// the backup once the refusals are counted.
	down, err := net.Listen("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	var refused atomic.Int64
	go func() {
		for {
			c, err := down.Accept()
			if err != nil {
				return
			}
			refused.Add(1)
			c.Close()
		}
	}()
	ctx, stop := context.WithCancel(t.Context())
	done := make(chan error, 1)
	var out, errOut bytes.Buffer
	go func() { done <- runIO(ctx, []string{"--config", u.config, "listen"}, &out, &errOut) }()
	e.until("listen to try the tower and fail", func() bool { return refused.Load() > 0 })
	down.Close()
	st, _ := e.tower(addr, e.d.ChainID, []common.Address{e.d.Manager})
	e.until("listen to back the state up", func() bool {
		held, err := st.State(t.Context(), e.d.Manager, u.addr)
		return err == nil && held.State.Nonce.String() == nonce
	})
	stop()
	if err := <-done; err != nil {
		t.Errorf("listen: %v\n%s", err, &errOut)
	}
	if !strings.Contains(out.String(), "listening as ") {
		t.Errorf("listen printed:\n%s", &out)
	}
}
