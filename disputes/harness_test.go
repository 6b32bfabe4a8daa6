package disputes_test

import (
	"context"
	"math/big"
	"path/filepath"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/params"

	"github.com/vigil-hub/vigil/alert"
	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/contracts"
	"github.com/vigil-hub/vigil/contracts/bindings"
	"github.com/vigil-hub/vigil/disputes"
	"github.com/vigil-hub/vigil/internal/secretbox"
	"github.com/vigil-hub/vigil/internal/simchain"
	"github.com/vigil-hub/vigil/internal/testkit/pgtest"
	"github.com/vigil-hub/vigil/store"
	"github.com/vigil-hub/vigil/store/sqlstore"
	"github.com/vigil-hub/vigil/store/storetest"
	"github.com/vigil-hub/vigil/watcher"
)

const challengePeriod = 600

func eth(n int64) *big.Int { return new(big.Int).Mul(big.NewInt(n), simchain.Ether) }

type envConfig struct {
	users         int
	autoSettle    bool
	blockGasLimit uint64
	// sender and engine, when set, adjust every tower's sender and engine configurations.
	sender func(*disputes.SenderConfig)
	engine func(*disputes.EngineConfig)
	// locks gives every tower its lock duties, opening secrets sealed with env.box.
	locks bool
	// backend is the store's database: "" or "postgres" (a fresh PostgreSQL database),
	// or "sqlite" (a file in a temporary directory).
	backend string
	// unsimulated leaves the engine without a chain to simulate a challenge on before
	// queueing it (as an engine wired without one): the sender's estimate decides.
	unsimulated bool
}

// env is a simulated chain with a ChannelManager, a hub, users and a tower account, and a
// tower (indexer, engine, sender) over a fresh PostgreSQL database.
type env struct {
	t      *testing.T
	cfg    envConfig
	dsn    string
	c      *simchain.Chain
	st     *sqlstore.Store
	hub    simchain.Account
	tower  simchain.Account
	users  []simchain.Account
	m      *bindings.ChannelManager
	alerts *alert.Recorder
	tw     *towerProc
	box    *secretbox.Box // seals the secrets deposited with the tower (its key)
}

// towerProc is one run of the tower's dispute side; a restart builds a new one over the
// same database.
type towerProc struct {
	st  *sqlstore.Store
	ix  *watcher.Indexer
	eng *disputes.Engine
	snd *disputes.Sender
}

func newEnv(t *testing.T, cfg envConfig) *env {
	t.Helper()
	c, err := simchain.New(simchain.Config{Accounts: 2 + cfg.users, ChallengePeriod: challengePeriod, BlockGasLimit: cfg.blockGasLimit})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	var dsn string
	switch cfg.backend {
	case "", "postgres":
		dsn = pgtest.NewDatabase(t)
	case "sqlite":
		dsn = "sqlite:" + filepath.Join(t.TempDir(), "vigil.db")
	default:
		t.Fatalf("unknown store backend %q", cfg.backend)
	}
	e := &env{t: t, cfg: cfg, dsn: dsn, c: c, st: storetest.Open(t, dsn), hub: c.Accounts[0], tower: c.Accounts[1], users: c.Accounts[2:],
		m: c.ManagerABI, alerts: &alert.Recorder{}}
	if _, err := c.Transact(e.hub, c.Manager, eth(1000), nil); err != nil { // the hub's reserve
		t.Fatal(err)
	}
	if err := e.st.AddContract(t.Context(), store.Contract{ChainID: c.ChainID, Address: c.ManagerAddr, Hub: e.hub.Addr,
		DeployBlock: c.DeployBlock, ChallengePeriod: challengePeriod}); err != nil {
		t.Fatal(err)
	}
	if e.box, err = secretbox.New(e.tower.Key); err != nil {
		t.Fatal(err)
	}
	e.tw = e.newTower(e.st, e.tower, c.Client)
	return e
}

// newTower builds an indexer, engine and sender over st, sending from acct through chain.
func (e *env) newTower(st *sqlstore.Store, acct simchain.Account, chain disputes.Chain) *towerProc {
	e.t.Helper()
	return e.newTowerWith(st, st, acct, chain)
}

// newTowerOver builds a tower over e.st whose engine reads its held states from states.
func (e *env) newTowerOver(states disputes.States, acct simchain.Account) *towerProc {
	e.t.Helper()
	return e.newTowerWith(e.st, states, acct, e.c.Client)
}

func (e *env) newTowerWith(st *sqlstore.Store, states disputes.States, acct simchain.Account, chain disputes.Chain) *towerProc {
	e.t.Helper()
	cfg := disputes.SenderConfig{ChainID: e.c.ChainID, Key: acct.Key, MaxFeePerGas: big.NewInt(1000e9),
		Confirmations: 3, Interval: 200 * time.Millisecond, Alerts: e.alerts}
	if e.cfg.sender != nil {
		e.cfg.sender(&cfg)
	}
	// Wired as daemon.NewDisputes wires them: the engine first, waking the sender through a
	// waker; the sender telling the engine of reverts.
	waker := disputes.NewWaker()
	ecfg := disputes.EngineConfig{ChainID: e.c.ChainID, Sender: acct.Addr, AutoSettle: e.cfg.autoSettle,
		Alerts: e.alerts, Wake: waker.Wake, FeeCap: cfg.UrgentFeeCap}
	if !e.cfg.unsimulated {
		ecfg.Caller = e.c.Client
	}
	if e.cfg.locks {
		ecfg.LockChain, ecfg.Secrets = e.c.Client, e.box
	}
	if e.cfg.engine != nil {
		e.cfg.engine(&ecfg)
	}
	stores := disputes.EngineStores{States: states, Channels: st, Intents: st}
	stores.Unanswered, _ = states.(disputes.Unanswered)
	stores.Held, _ = states.(disputes.HeldLocks)
	eng := disputes.NewEngine(ecfg, stores)
	cfg.Waker, cfg.OnRevert = waker, eng.Reverted
	snd, err := disputes.NewSender(cfg, chain, st)
	if err != nil {
		e.t.Fatal(err)
	}
	ix, err := watcher.New(watcher.Config{ChainID: e.c.ChainID, Contracts: []common.Address{e.c.ManagerAddr},
		StartBlock: e.c.DeployBlock, Confirmations: 3, InitialRange: 1000, MaxRange: 1000,
		PollInterval: 100 * time.Millisecond}, e.c.Client, st, eng.Consume)
	if err != nil {
		e.t.Fatal(err)
	}
	return &towerProc{st: st, ix: ix, eng: eng, snd: snd}
}

// sync indexes up to the head (the engine reacts to what it sees).
func (e *env) sync(tw *towerProc) {
	e.t.Helper()
	for range 100 {
		done, err := tw.ix.Sync(e.t.Context())
		if err != nil {
			e.t.Fatal(err)
		}
		if done {
			return
		}
	}
	e.t.Fatal("indexer did not catch up")
}

// react lets the tower index and send once, without mining.
func (e *env) react(tw *towerProc) {
	e.t.Helper()
	e.sync(tw)
	if err := tw.snd.Step(e.t.Context()); err != nil {
		e.t.Logf("sender step: %v", err)
	}
	// Let the pool take in what the sender broadcast before anything is mined.
	txs, err := tw.st.ActiveTxs(e.t.Context(), e.c.ChainID, tw.snd.Address())
	if err != nil {
		e.t.Fatal(err)
	}
	next := uint64(0)
	for _, tx := range txs {
		if tx.AccountNonce != nil && len(tx.Attempts) > 0 && tx.Status == store.TxSent {
			next = max(next, *tx.AccountNonce+1)
		}
	}
	if next > 0 {
		if err := e.c.WaitPending(tw.snd.Address(), next); err != nil {
			e.t.Logf("waiting for the pool: %v", err)
		}
	}
}

// rounds mines n blocks, letting the tower index and send before each.
func (e *env) rounds(tw *towerProc, n int) {
	e.t.Helper()
	for range n {
		e.react(tw)
		e.c.Backend.Commit()
	}
	e.react(tw)
}

func state(user common.Address, nonce, onchainNonce int64) *channel.State {
	s := channel.NewState(user)
	s.Nonce.SetInt64(nonce)
	s.OnchainNonce.SetInt64(onchainNonce)
	return s
}

func (e *env) sign(s *channel.State, a simchain.Account) []byte {
	e.t.Helper()
	d, err := e.c.Domain.Digest(s)
	if err != nil {
		e.t.Fatal(err)
	}
	sig, err := channel.Sign(d, a.Key)
	if err != nil {
		e.t.Fatal(err)
	}
	return sig
}

// open has user u deposit userWei with hubWei of collateral from the reserve, and returns
// the confirmed state (nonce 2) both sides sign next.
func (e *env) open(u simchain.Account, userWei, hubWei int64) *channel.State {
	e.t.Helper()
	s := state(u.Addr, 1, 1)
	s.PendingWei[channel.UserDeposit] = eth(userWei)
	s.PendingWei[channel.HubDeposit] = eth(hubWei)
	s.Timeout.SetUint64(e.c.Now() + 3600)
	if _, err := e.c.Transact(u, e.c.Manager, eth(userWei), e.m.PackUserAuthorizedUpdate(contracts.State(s), e.sign(s, e.hub))); err != nil {
		e.t.Fatal(err)
	}
	conf := state(u.Addr, 2, 1)
	conf.WeiBalances = [2]*big.Int{eth(hubWei), eth(userWei)}
	return conf
}

// pay returns the state after s in which the user paid wei to the hub (negative: the
// hub paid the user).
func pay(s *channel.State, wei int64) *channel.State {
	n := s.Clone()
	n.Nonce.Add(n.Nonce, big.NewInt(1))
	n.WeiBalances[channel.User] = new(big.Int).Sub(n.WeiBalances[channel.User], eth(wei))
	n.WeiBalances[channel.Hub] = new(big.Int).Add(n.WeiBalances[channel.Hub], eth(wei))
	return n
}

// deposit stores s, co-signed, as the latest state of its channel in st (what the
// deposit API does after its checks).
func (e *env) deposit(st *sqlstore.Store, s *channel.State) {
	e.t.Helper()
	d, _ := e.c.Domain.Digest(s)
	r := channel.Receipt{Contract: e.c.ManagerAddr, User: s.User, Nonce: channel.Amount{V: s.Nonce}, StateDigest: d,
		IssuedAt: uint64(time.Now().Unix()), Tower: e.tower.Addr}
	rd, err := channel.ReceiptDigest(e.c.ChainID, &r)
	if err != nil {
		e.t.Fatal(err)
	}
	if r.Signature, err = channel.Sign(rd, e.tower.Key); err != nil {
		e.t.Fatal(err)
	}
	if _, _, err := st.PutState(e.t.Context(), store.StoredState{Contract: e.c.ManagerAddr, State: s, Digest: d,
		SigHub: e.sign(s, e.hub), SigUser: e.sign(s, e.userOf(s.User))}, r); err != nil {
		e.t.Fatal(err)
	}
}

func (e *env) userOf(addr common.Address) simchain.Account {
	for _, u := range e.users {
		if u.Addr == addr {
			return u
		}
	}
	e.t.Fatalf("no user %s", addr)
	return simchain.Account{}
}

// exitWith has from close the channel with the co-signed state s, and mines it.
func (e *env) exitWith(from simchain.Account, s *channel.State) {
	e.t.Helper()
	if _, err := e.c.Transact(from, e.c.Manager, nil, e.m.PackStartExitWithUpdate(contracts.State(s), e.sign(s, e.hub),
		e.sign(s, e.userOf(s.User)))); err != nil {
		e.t.Fatal(err)
	}
}

// challengeWith has from challenge with s, and mines it.
func (e *env) challengeWith(from simchain.Account, s *channel.State) {
	e.t.Helper()
	if _, err := e.c.Transact(from, e.c.Manager, nil, e.m.PackChallenge(contracts.State(s), e.sign(s, e.hub),
		e.sign(s, e.userOf(s.User)))); err != nil {
		e.t.Fatal(err)
	}
}

// onchain returns the contract's view of u's channel.
func (e *env) onchain(u common.Address) bindings.ChannelManagerChannel {
	e.t.Helper()
	ch, err := bind.Call(e.c.Manager, nil, e.m.PackGetChannel(u), e.m.UnpackGetChannel)
	if err != nil {
		e.t.Fatal(err)
	}
	return ch
}

// challengesFrom returns the Challenged events sent by addr on the canonical chain.
func (e *env) challengesFrom(addr common.Address) []*bindings.ChannelManagerChallenged {
	e.t.Helper()
	logs, err := e.c.Client.FilterLogs(e.t.Context(), ethereum.FilterQuery{FromBlock: new(big.Int).SetUint64(e.c.DeployBlock),
		Addresses: []common.Address{e.c.ManagerAddr}})
	if err != nil {
		e.t.Fatal(err)
	}
	var out []*bindings.ChannelManagerChallenged
	for i := range logs {
		ev, err := e.m.UnpackChallengedEvent(&logs[i])
		if err == nil && ev.Sender == addr {
			out = append(out, ev)
		}
	}
	return out
}

// outbox returns the outbox entries of u's channel.
func (e *env) outbox(st *sqlstore.Store, u common.Address) []store.OutboxTx {
	e.t.Helper()
	txs, err := st.ChannelTxs(e.t.Context(), e.c.ManagerAddr, u)
	if err != nil {
		e.t.Fatal(err)
	}
	return txs
}

// passDeadline moves the chain's clock past u's dispute deadline and mines a block.
func (e *env) passDeadline(u common.Address) {
	e.t.Helper()
	ch := e.onchain(u)
	now := e.c.Now()
	if d := ch.Deadline.Uint64(); d >= now {
		if err := e.c.AdvanceTime(time.Duration(d-now+1) * time.Second); err != nil {
			e.t.Fatal(err)
		}
		return
	}
	e.c.Backend.Commit()
}

// crashChain wraps the sender's node connection to kill the process (cancel its
// context) at a chosen point.
type crashChain struct {
	disputes.Chain
	kill      context.CancelFunc
	beforeTx  bool // die before the transaction reaches the node
	afterTx   bool // die after the node accepted it, before the sender hears back
	sentCount int
}

func (c *crashChain) SendTransaction(ctx context.Context, tx *types.Transaction) error {
	c.sentCount++
	if c.beforeTx {
		c.kill()
		return context.Canceled
	}
	err := c.Chain.SendTransaction(ctx, tx)
	if c.afterTx {
		c.kill()
		return context.Canceled
	}
	return err
}

// reserve returns the hub's ether reserve in the contract.
func (e *env) reserve() *big.Int {
	e.t.Helper()
	w, err := bind.Call(e.c.Manager, nil, e.m.PackHubReserveWei(), e.m.UnpackHubReserveWei)
	if err != nil {
		e.t.Fatal(err)
	}
	return w
}

// transfer sends wei from one account to another and mines it.
func (e *env) transfer(from simchain.Account, to common.Address, wei *big.Int) {
	e.t.Helper()
	ctx := e.t.Context()
	nonce, err := e.c.Client.PendingNonceAt(ctx, from.Addr)
	if err != nil {
		e.t.Fatal(err)
	}
	head, err := e.c.Client.HeaderByNumber(ctx, nil)
	if err != nil {
		e.t.Fatal(err)
	}
	tip := big.NewInt(1e9)
	feeCap := new(big.Int).Add(new(big.Int).Mul(head.BaseFee, big.NewInt(2)), tip)
	tx, err := types.SignNewTx(from.Key, types.LatestSignerForChainID(e.c.ChainID), &types.DynamicFeeTx{ChainID: e.c.ChainID,
		Nonce: nonce, GasTipCap: tip, GasFeeCap: feeCap, Gas: params.TxGas, To: &to, Value: wei})
	if err != nil {
		e.t.Fatal(err)
	}
	if err := e.c.Client.SendTransaction(ctx, tx); err != nil {
		e.t.Fatal(err)
	}
	if _, err := e.c.Mine(tx); err != nil {
		e.t.Fatal(err)
	}
}
