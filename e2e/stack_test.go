package e2e

import (
	"context"
	"crypto/ecdsa"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"net/http"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/contracts"
	"github.com/vigil-hub/vigil/contracts/bindings"
	"github.com/vigil-hub/vigil/internal/testkit/anvil"
	"github.com/vigil-hub/vigil/internal/testkit/geth"
	"github.com/vigil-hub/vigil/internal/testkit/pgtest"
	"github.com/vigil-hub/vigil/store"
	"github.com/vigil-hub/vigil/store/sqlstore"
	"github.com/vigil-hub/vigil/wire"
)

// TestStackOnAnvil runs the whole stack as processes against anvil with one-second
// blocks and a challenge period of an hour, which anvil's clock skips: see runStack.
func TestStackOnAnvil(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binaries and starts an external node")
	}
	runStack(t, anvilNode{anvil.Start(t, 1)}, time.Hour)
}

// TestStackOnGeth runs the same scenario against geth --dev (one-second blocks, anvil's
// test keys funded by geth's developer account) with a challenge period of a minute,
// waited out in real time. It needs VIGIL_GETH, which `make e2e-geth` sets after building
// geth; without it the test is skipped, and a VIGIL_GETH naming no executable fails it.
func TestStackOnGeth(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binaries and starts an external node")
	}
	if _, err := geth.Binary(); errors.Is(err, geth.ErrNoBinary) {
		t.Skip(err) // before building the programs
	}
	runStack(t, gethNode{geth.Start(t, 1, anvil.Key(0), anvil.Key(1), anvil.Key(2))}, time.Minute)
}

// runStack runs the whole stack as processes against node: the contract deployed with
// `hub deploy` (challenge period period); `hub run` on PostgreSQL and `watchtower run` on
// SQLite (set up by `watchtower init`, HTTP endpoint only), each with its own config;
// Alice and Bob driven only through `chanctl`. Bob is paid, backs his state up to the
// tower and goes offline; the hub closes his channel with an older state; the tower is
// SIGKILLed right after the close is mined and restarted. Its challenge must be included
// before the deadline and the settlement must pay Bob his latest balance to the wei.
// Then the node restarts on its chain and both services carry on.
func runStack(t *testing.T, node node, period time.Duration) {
	ctx := t.Context()
	s := newStack(t, node)

	// The contract, deployed with the project's own command.
	s.deployManager(node, period.String())

	// The hub funds its reserve; it runs on PostgreSQL, the tower on SQLite over HTTP only.
	s.fund(node.Key(0), s.manager, "100")
	hub := s.startHub()
	h := newHooks(t)
	t.Setenv("VIGIL_SLACK_WEBHOOK", h.srv.URL+"/slack")
	s.initTower(h.alertsConfig())
	tower := s.startTower()
	s.fund(node.Key(2), s.towerAddr, "10") // from Bob's account, before he acts

	alice, bob := s.user("alice", node.Key(1)), s.user("bob", node.Key(2))
	s.until("the hub to answer", func() bool { _, err := s.ctl(alice, "status"); return err == nil })
	for _, u := range []string{alice, bob} {
		if out, err := s.ctl(u, "deposit", "5", "ether"); err != nil {
			t.Fatalf("%s deposit: %v\n%s", u, err, out)
		}
	}
	for _, u := range []string{alice, bob} {
		s.until(u+"'s deposit to be confirmed", func() bool {
			st := s.status(u)
			return strings.Contains(st, "you 5000000000000000000 wei") && !strings.Contains(st, "pending")
		})
	}
	bobAddr := crypto.PubkeyToAddress(node.Key(2).PublicKey)
	s.until("alice's payment to go through", func() bool {
		out, err := s.ctl(alice, "pay", "--no-wait", bobAddr.Hex(), "1", "ether")
		t.Logf("%s alice pays bob: %v\n%s", time.Now().Format("15:04:05.000"), err, out)
		if err != nil {
			// Only a refusal for want of collateral is retried: after any other error the
			// payment may have gone through, and paying again would pay twice.
			if !strings.Contains(out, "insufficient_collateral") {
				t.Fatalf("alice's payment failed: %v\n%s", err, out)
			}
			// Bob co-signs the hub's top-up, then its confirmation, before the payment is
			// asked again: that confirmation, a final state without locks and with less
			// for Bob than his last, is what the cheating hub closes with below. (Co-signed
			// in one batch with the payment's forward, it would be covered, never signed.)
			s.until("bob to co-sign the top-up's confirmation", func() bool {
				st := s.status(bob)
				return !strings.Contains(st, "pending") && !strings.Contains(st, "hub 0 wei")
			})
			return false
		}
		return strings.Contains(out, "paid 1000000000000000000 wei")
	})
	s.until("bob to claim", func() bool { return strings.Contains(s.status(bob), "you 6000000000000000000 wei") })
	s.until("alice to co-sign the hub's claim", func() bool {
		st := s.status(alice)
		return strings.Contains(st, "you 4000000000000000000 wei") && !strings.Contains(st, "lock ")
	})
	s.until("bob's channel to settle down", func() bool {
		st := s.status(bob)
		return strings.Contains(st, "you 6000000000000000000 wei") && !strings.Contains(st, "pending") && !strings.Contains(st, "lock ")
	})
	final := s.latestFinal(bobAddr)
	latest, expected := final.Nonce, final.WeiBalances[channel.User]
	s.until("the tower to hold bob's latest state", func() bool { return s.towerNonce(bobAddr).Cmp(latest) == 0 })
	s.registerWebhook(t, h.srv.URL+"/user")
	// Bob goes offline: nobody runs chanctl for him from here on.

	// The hub cheats with the co-signed state that gives Bob least. Its own dispute engine
	// would answer its own close, so a cheating hub is not running it: it stops.
	hub.stop()
	old := s.oldestWorstState(bobAddr)
	if old.state.Nonce.Cmp(latest) >= 0 || old.state.WeiBalances[channel.User].Cmp(expected) >= 0 {
		t.Fatalf("no older state worse for bob: nonce %s of %s, balance %s", old.state.Nonce, latest, old.state.WeiBalances[channel.User])
	}
	before, err := s.client.BalanceAt(ctx, bobAddr, nil)
	if err != nil {
		t.Fatal(err)
	}
	mgr := bindings.NewChannelManager()
	inst := mgr.Instance(s.client, s.manager)
	tx, err := inst.RawTransact(bind.NewKeyedTransactor(node.Key(0), s.chainID), mgr.PackStartExitWithUpdate(contracts.State(old.state), old.sigHub, old.sigUser))
	if err != nil {
		t.Fatal(err)
	}
	rcpt, err := bind.WaitMined(ctx, s.client, tx.Hash())
	if err != nil || rcpt.Status != types.ReceiptStatusSuccessful {
		t.Fatalf("the stale close: %v %+v", err, rcpt)
	}
	closedAt := time.Now()
	// The tower dies the moment the close is mined, and comes back.
	tower.kill()
	// Whether the tower signed its challenge before it died: the figures below mean
	// something else when the restarted tower had to send it.
	signedBeforeKill := strings.Contains(tower.logs(), `msg="transaction signed" kind=challenge`)
	tower = s.startTower()
	ch, err := bind.Call(inst, &bind.CallOpts{Context: ctx}, mgr.PackGetChannel(bobAddr), mgr.UnpackGetChannel)
	if err != nil {
		t.Fatal(err)
	}
	deadline := ch.Deadline.Uint64()
	s.until("the tower's challenge", func() bool {
		ch, err := bind.Call(inst, &bind.CallOpts{Context: ctx}, mgr.PackGetChannel(bobAddr), mgr.UnpackGetChannel)
		return err == nil && ch.Nonce.Cmp(latest) == 0
	})
	challenged := s.challengeBlock(bobAddr, rcpt.BlockNumber.Uint64())
	if challenged.Time >= deadline {
		t.Fatalf("the challenge landed in block %d at %d, the deadline was %d", challenged.Number, challenged.Time, deadline)
	}
	t.Logf("challenged %d blocks after the stale close (stale close in block %d, challenge in block %d, %d s before the deadline; %v after the close's receipt; signed before the kill: %v)",
		challenged.Number.Uint64()-rcpt.BlockNumber.Uint64(), rcpt.BlockNumber, challenged.Number, deadline-challenged.Time, time.Since(closedAt).Round(time.Millisecond), signedBeforeKill)
	// The operator's Slack and Bob's own webhook hear of it (times include the restart).
	for _, hk := range []struct{ path, text string }{{"/slack", "Stale close"}, {"/user", "stale_close"}} {
		s.until(hk.path+" to hear of the stale close", func() bool { _, ok := h.first(hk.path, hk.text); return ok })
		at, _ := h.first(hk.path, hk.text)
		t.Logf("%s heard of the stale close %v after its receipt (the tower was killed and restarted meanwhile)", hk.path, at.Sub(closedAt).Round(time.Millisecond))
	}

	// Past the deadline the tower settles; Bob gets his latest balance to the wei.
	s.node.AdvanceTo(deadline)
	s.until("the tower to settle", func() bool {
		bal, err := s.client.BalanceAt(ctx, bobAddr, nil)
		return err == nil && bal.Cmp(before) > 0
	})
	after, _ := s.client.BalanceAt(ctx, bobAddr, nil)
	if got := new(big.Int).Sub(after, before); got.Cmp(expected) != 0 {
		t.Fatalf("bob received %s wei, his latest state gives him %s", got, expected)
	}

	// The hub comes back; the node restarts on its chain (anvil from its state file, geth
	// from its data directory); the hub and the tower reconnect and index on.
	hub = s.runHub()
	node.Restart()
	node.Mine(3)
	headAfter, err := s.client.BlockNumber(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for name, ops := range map[string]string{"hub": hub.opsURL, "tower": tower.opsURL} {
		s.until(name+" to index past the restart", func() bool {
			return s.metric(ops, "vigil_indexer_indexed_block") >= float64(headAfter)
		})
	}
	// The hub's first endpoint was dead all along; its metrics say so.
	if m := s.metricsText(hub.opsURL); !strings.Contains(m, `vigil_rpc_requests_total{call="eth_chainId",endpoint="dead",result="error"}`) {
		t.Error("the hub's metrics show no failed call to its dead endpoint")
	}
	if st := s.status(alice); !strings.Contains(st, "you 4000000000000000000 wei") {
		t.Errorf("alice's status after the node restarted:\n%s", st)
	}
}

func eth(n int64) *big.Int { return new(big.Int).Mul(big.NewInt(n), big.NewInt(1e18)) }

// oldState is a co-signed state read from the hub's database.
type oldState struct {
	state           *channel.State
	sigHub, sigUser []byte
}

// oldestWorstState picks, from the hub's own records, the co-signed final state without
// locks that the contract would still accept in a dispute and that gives user least.
func (s *stack) oldestWorstState(user common.Address) oldState {
	s.t.Helper()
	mgr := bindings.NewChannelManager()
	ch, err := bind.Call(mgr.Instance(s.client, s.manager), nil, mgr.PackGetChannel(user), mgr.UnpackGetChannel)
	if err != nil {
		s.t.Fatal(err)
	}
	var best *oldState
	for _, hs := range s.hubStates(user) {
		if hs.SigUser == nil {
			continue
		}
		o := oldState{state: hs.State, sigHub: hs.SigHub, sigUser: hs.SigUser}
		st := o.state
		if st.Timeout.Sign() != 0 || st.LocksRoot != (common.Hash{}) || st.Nonce.Cmp(ch.Nonce) <= 0 || st.OnchainNonce.Cmp(ch.OnchainNonce) != 0 {
			continue
		}
		if best == nil || st.WeiBalances[channel.User].Cmp(best.state.WeiBalances[channel.User]) < 0 {
			best = &o
		}
	}
	if best == nil {
		s.t.Fatal("the hub holds no older co-signed state of bob's")
	}
	return *best
}

// latestFinal is user's latest co-signed final state (timeout 0), as the hub holds it:
// what a wallet backs up to its towers.
func (s *stack) latestFinal(user common.Address) *channel.State {
	s.t.Helper()
	var st *channel.State
	for _, hs := range s.hubStates(user) {
		if hs.SigUser != nil && hs.State.Timeout.Sign() == 0 {
			st = hs.State
		}
	}
	if st == nil {
		s.t.Fatal("the hub holds no co-signed final state of the user's")
	}
	return st
}

// hubStates reads every state the hub signed for user's channel, through its store.
func (s *stack) hubStates(user common.Address) []store.HubState {
	s.t.Helper()
	st, err := sqlstore.Open(context.Background(), s.hubDB)
	if err != nil {
		s.t.Fatal(err)
	}
	defer st.Close()
	_, states, err := st.HubStates(context.Background(), s.manager, user, big.NewInt(1))
	if err != nil {
		s.t.Fatal(err)
	}
	return states
}

// towerNonce is the nonce of the state the tower holds for user (0 when none).
func (s *stack) towerNonce(user common.Address) *big.Int {
	resp, err := http.Get(fmt.Sprintf("%s/v1/channels/%s/%s", s.towerURL, s.manager.Hex(), user.Hex()))
	if err != nil {
		return new(big.Int)
	}
	defer resp.Body.Close()
	var body wire.Channel
	if json.NewDecoder(resp.Body).Decode(&body) != nil {
		return new(big.Int)
	}
	switch {
	case body.State != nil:
		return body.State.Nonce
	case body.Receipt != nil && body.Receipt.Nonce.V != nil:
		return body.Receipt.Nonce.V
	}
	return new(big.Int)
}

// fund sends ether from key's account.
func (s *stack) fund(key *ecdsa.PrivateKey, to common.Address, ether string) {
	s.t.Helper()
	amount, _ := new(big.Int).SetString(ether, 10)
	amount.Mul(amount, big.NewInt(1e18))
	from := crypto.PubkeyToAddress(key.PublicKey)
	nonce, err := s.client.PendingNonceAt(s.t.Context(), from)
	if err != nil {
		s.t.Fatal(err)
	}
	tip, _ := s.client.SuggestGasTipCap(s.t.Context())
	head, _ := s.client.HeaderByNumber(s.t.Context(), nil)
	gas, err := s.client.EstimateGas(s.t.Context(), ethereum.CallMsg{From: from, To: &to, Value: amount})
	if err != nil {
		s.t.Fatal(err)
	}
	tx := types.MustSignNewTx(key, types.LatestSignerForChainID(s.chainID), &types.DynamicFeeTx{ChainID: s.chainID, Nonce: nonce,
		GasTipCap: tip, GasFeeCap: new(big.Int).Add(new(big.Int).Mul(head.BaseFee, big.NewInt(2)), tip), Gas: gas, To: &to, Value: amount})
	if err := s.client.SendTransaction(s.t.Context(), tx); err != nil {
		s.t.Fatal(err)
	}
	if _, err := bind.WaitMined(s.t.Context(), s.client, tx.Hash()); err != nil {
		s.t.Fatal(err)
	}
}

// deployManager deploys a token and a ChannelManager with the project's own `hub deploy`
// from node's first account, with the challenge period given, and records the manager
// and its deploy block from the config lines the command prints.
func (s *stack) deployManager(node node, period string) {
	s.t.Helper()
	token := s.deployToken()
	out := s.run("hub", "deploy", "--rpc", node.HTTP(), "--keystore", s.keystore("hub", node.Key(0)),
		"--token", token.Hex(), "--challenge-period", period)
	m := regexp.MustCompile(`address: "(0x[0-9a-fA-F]{40})"\s+deploy_block: (\d+)`).FindStringSubmatch(out)
	if m == nil || !strings.Contains(out, "sent 0x") {
		s.t.Fatalf("hub deploy printed no sent hash or config lines:\n%s", out)
	}
	s.manager = common.HexToAddress(m[1])
	s.deployBlock, _ = strconv.ParseUint(m[2], 10, 64)
}

func (s *stack) deployToken() common.Address {
	s.t.Helper()
	opts := bind.NewKeyedTransactor(s.node.Key(0), s.chainID)
	addr, tx, err := bind.DeployContract(opts, common.FromHex(bindings.TestTokenMetaData.Bin), s.client, nil)
	if err != nil {
		s.t.Fatal(err)
	}
	if _, err := bind.WaitDeployed(s.t.Context(), s.client, tx.Hash()); err != nil {
		s.t.Fatal(err)
	}
	return addr
}

func newClient(t *testing.T, url string) *ethclient.Client {
	t.Helper()
	c, err := ethclient.DialContext(t.Context(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	return c
}

func hubDatabase(t *testing.T) string { return pgtest.NewDatabase(t) }

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

func within(t *testing.T, d time.Duration) context.Context {
	ctx, cancel := context.WithTimeout(t.Context(), d)
	t.Cleanup(cancel)
	return ctx
}

// challengeBlock is the header of the first block from block from on holding a
// Challenged event of user's channel.
func (s *stack) challengeBlock(user common.Address, from uint64) *types.Header {
	s.t.Helper()
	parsed, err := bindings.ChannelManagerMetaData.ParseABI()
	if err != nil {
		s.t.Fatal(err)
	}
	logs, err := s.client.FilterLogs(s.t.Context(), ethereum.FilterQuery{FromBlock: new(big.Int).SetUint64(from), Addresses: []common.Address{s.manager},
		Topics: [][]common.Hash{{parsed.Events["Challenged"].ID}, {common.BytesToHash(user[:])}}})
	if err != nil || len(logs) == 0 {
		s.t.Fatalf("no Challenged event of %s from block %d: %v", user, from, err)
	}
	h, err := s.client.HeaderByNumber(s.t.Context(), new(big.Int).SetUint64(logs[0].BlockNumber))
	if err != nil {
		s.t.Fatal(err)
	}
	return h
}
