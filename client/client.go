// Package client is a user's side of a Vigil channel: it keeps the user's key and copy of
// the channel, checks every update the hub proposes by recomputing it, signs only fair
// ones, persists each state before sending a signature, pays and receives hashlocked
// payments, moves funds on and off chain, and backs every co-signed state up to its
// watchtowers, checking their receipts.
//
// The wallet reaches the hub and the towers only over HTTP: it imports wire, channel and
// the contract bindings, never a service package (hub, hubapi, hubd, towerd, towerapi,
// disputes, watcher) or a store; internal/repotest checks.
package client

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"log/slog"
	"math/big"
	"net/http"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/contracts/bindings"
)

// Chain is what the wallet needs on-chain: contract calls and transactions, and the
// latest block's time; and the account's balance, to check a transaction is affordable
// before anything is sent.
type Chain interface {
	bind.ContractBackend
	bind.DeployBackend
	BalanceAt(ctx context.Context, account common.Address, blockNumber *big.Int) (*big.Int, error)
}

// Config sets up a Wallet.
type Config struct {
	// HubURL is the hub's API; HubURLs are more processes of the same hub (sharing its
	// database), which the wallet moves to when one cannot be reached or does not lead.
	HubURL   string
	HubURLs  []string
	Key      *ecdsa.PrivateKey
	ChainID  *big.Int
	Contract common.Address
	Hub      common.Address // the hub's signing address, as the contract records it
	// StatePath is the file the wallet keeps its channel in (written before every
	// signature leaves). Required.
	StatePath string
	// Towers are watchtower API base URLs every co-signed final state is backed up to.
	Towers []string
	Chain  Chain
	// ManualClaim leaves incoming payments unclaimed until Claim is called (with the
	// secret from Secret); by default they are claimed as soon as they arrive.
	ManualClaim bool
	// MaxProposalTimeout caps how far after chain time a proposal's timeout may be for the
	// wallet to sign it, below the hub's advertised maximum (DefaultMaxProposalTimeout
	// when zero).
	MaxProposalTimeout time.Duration
	// ReceiptPoll is how often the receipt of a transaction the wallet sent is looked for
	// (default a second, as go-ethereum's bind.WaitMined; a local node's tests want less).
	ReceiptPoll time.Duration
	// RequestTimeout bounds each request to a hub process but the long poll, which has
	// its own (default 15s): a process that froze does not hold the wallet for the HTTP
	// client's whole timeout, and the next request goes to the next process.
	RequestTimeout time.Duration
	HTTPClient     *http.Client
	Logger         *slog.Logger
}

// Wallet is a user's channel with the hub.
type Wallet struct {
	cfg    Config
	addr   common.Address
	domain channel.Domain
	m      *bindings.ChannelManager
	log    *slog.Logger

	mu      sync.Mutex
	ls      *local
	fresh   bool // no state file was found: CheckNewState asks the hub before one is started
	reports []TowerReport
	onEvent func(Event)                    // OnEvent's
	payers  map[common.Hash]common.Address // incoming payments' payers, by hashlock, until claimed (events.go)

	sess session // nonces, keys and hub parameters kept between requests (session.go)
	hubs *hubs   // the hub's processes, and the one requests go to (hubs.go)

	stream atomic.Pointer[stream] // the stream Listen holds open, if any (stream.go)
	heads  headClock              // the newest head while Listen follows them (heads.go)
}

// Open loads (or starts) the wallet's state file.
func Open(cfg Config) (*Wallet, error) {
	hs := newHubs(cfg.HubURL, cfg.HubURLs)
	if cfg.Key == nil || cfg.ChainID == nil || cfg.StatePath == "" || len(hs.urls) == 0 {
		return nil, errors.New("client: key, chain id, hub URL and state path are required")
	}
	if cfg.MaxProposalTimeout < 0 {
		return nil, fmt.Errorf("client: max proposal timeout %s is negative", cfg.MaxProposalTimeout)
	}
	if cfg.HTTPClient == nil {
		cfg.HTTPClient = &http.Client{Timeout: 90 * time.Second}
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	addr := crypto.PubkeyToAddress(cfg.Key.PublicKey)
	ls, err := loadLocal(cfg.StatePath, addr)
	if err != nil {
		return nil, err
	}
	_, statErr := os.Stat(cfg.StatePath)
	return &Wallet{cfg: cfg, addr: addr, domain: channel.Domain{ChainID: cfg.ChainID, Contract: cfg.Contract},
		m: bindings.NewChannelManager(), log: cfg.Logger, ls: ls, fresh: errors.Is(statErr, os.ErrNotExist), hubs: hs}, nil
}

// Address returns the user's address.
func (w *Wallet) Address() common.Address { return w.addr }

// Latest returns the newest co-signed state and its locks.
func (w *Wallet) Latest() (*channel.State, []channel.Lock) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.ls.Cosigned.State.Clone(), append([]channel.Lock(nil), w.ls.Cosigned.Locks...)
}
