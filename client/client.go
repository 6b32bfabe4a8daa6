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
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/big"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/contracts/bindings"
	"github.com/vigil-hub/vigil/wire"
)

// Chain is what the wallet needs on-chain: contract calls and transactions, and the
// latest block's time.
type Chain interface {
	bind.ContractBackend
	bind.DeployBackend
}

// Config sets up a Wallet.
type Config struct {
	HubURL   string
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
	HTTPClient  *http.Client
	Logger      *slog.Logger
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
	reports []TowerReport

	sess session // nonces, keys and hub parameters kept between requests (session.go)
}

// Errors a wallet reports.
var (
	ErrHub    = errors.New("hub refused")
	ErrUnfair = errors.New("hub proposed an update the wallet will not sign")
	// ErrNotYet is a proposal the wallet's own node does not show due yet — a proposal
	// confirmed before its execution, or invalidated before its timeout. An honest hub's
	// proposal comes early only if the wallet's node lags: the next sync tries it again. So
	// is a proposal whose timeout is at most a minute past the furthest the wallet allows.
	ErrNotYet = errors.New("hub proposed an update the wallet's node does not show due yet")
	// ErrLockExpired is a claim of an incoming lock past its expiry, not sent.
	ErrLockExpired = errors.New("incoming lock expired")
	ErrTower       = errors.New("watchtower backup failed")
	ErrBadReceipt  = errors.New("watchtower returned a bad receipt")
	// ErrPending is a state the wallet signed and sent with its request (as wallets did
	// before requests were asked hub first) that the hub has not co-signed: the wallet
	// signs no other state at its nonce, and sends it again with the next request.
	ErrPending = errors.New("a state the wallet signed awaits the hub's signature")
	// ErrEarlierRequest is a request not sent because the wallet first completed an
	// earlier, different one left pending at the same nonce.
	ErrEarlierRequest = errors.New("an earlier request was completed first")
)

// HubError is a refusal from the hub, with its machine-readable code.
type HubError struct {
	Status  int
	Code    string
	Message string
}

func (e *HubError) Error() string { return fmt.Sprintf("hub: %d %s: %s", e.Status, e.Code, e.Message) }
func (e *HubError) Unwrap() error { return ErrHub }

// Open loads (or starts) the wallet's state file.
func Open(cfg Config) (*Wallet, error) {
	if cfg.Key == nil || cfg.ChainID == nil || cfg.StatePath == "" || cfg.HubURL == "" {
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
	return &Wallet{cfg: cfg, addr: addr, domain: channel.Domain{ChainID: cfg.ChainID, Contract: cfg.Contract},
		m: bindings.NewChannelManager(), log: cfg.Logger, ls: ls}, nil
}

// Address returns the user's address.
func (w *Wallet) Address() common.Address { return w.addr }

// Latest returns the newest co-signed state and its locks.
func (w *Wallet) Latest() (*channel.State, []channel.Lock) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.ls.Cosigned.State.Clone(), append([]channel.Lock(nil), w.ls.Cosigned.Locks...)
}

// call sends an authenticated request to the hub and decodes the answer into out.
func (w *Wallet) call(ctx context.Context, method, path string, in, out any) error {
	var body []byte
	if in != nil {
		var err error
		if body, err = json.Marshal(in); err != nil {
			return err
		}
	}
	wait, catchUp := 50*time.Millisecond, time.Now().Add(30*time.Second)
	for attempt := 0; ; attempt++ {
		nonce, kept, err := w.nonce(ctx)
		if err != nil {
			return err
		}
		sig, err := wire.SignAuth(wire.AuthDigest(w.cfg.ChainID, w.cfg.Contract, nonce.Nonce, method, path, body), w.cfg.Key)
		if err != nil {
			return err
		}
		req, err := http.NewRequestWithContext(ctx, method, strings.TrimRight(w.cfg.HubURL, "/")+path, bytes.NewReader(body))
		if err != nil {
			return err
		}
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set(wire.HeaderUser, w.addr.Hex())
		req.Header.Set(wire.HeaderNonce, nonce.Nonce.Hex())
		req.Header.Set(wire.HeaderSignature, "0x"+common.Bytes2Hex(sig))
		h, err := w.do(req, out)
		w.keepNonce(h)
		// A kept nonce the hub no longer knows (it restarted, or pruned it) costs one
		// retry with a new one; the request did nothing.
		if kept && attempt == 0 && staleNonce(err) {
			continue
		}
		// A hub catching up with the chain signs nothing yet (it refused before acting):
		// asked again shortly, for half a minute.
		var he *HubError
		if errors.As(err, &he) && he.Code == wire.CodeCatchingUp && time.Now().Before(catchUp) {
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(wait):
			}
			wait = min(2*wait, time.Second)
			continue
		}
		return err
	}
}

func (w *Wallet) plain(ctx context.Context, method, path string, in, out any) error {
	var body io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return err
		}
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, strings.TrimRight(w.cfg.HubURL, "/")+path, body)
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	_, err = w.do(req, out)
	return err
}

// do sends req and decodes the answer into out; it returns the answer's headers.
func (w *Wallet) do(req *http.Request, out any) (http.Header, error) {
	resp, err := w.cfg.HTTPClient.Do(req)
	if err != nil {
		return nil, fmt.Errorf("hub %s %s: %w", req.Method, req.URL.Path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 8<<20))
	if err != nil {
		return resp.Header, err
	}
	if resp.StatusCode != http.StatusOK {
		var e wire.Error
		if json.Unmarshal(b, &e) != nil {
			e.Message = strings.TrimSpace(string(b))
		}
		return resp.Header, &HubError{Status: resp.StatusCode, Code: e.Code, Message: e.Message}
	}
	if out != nil {
		if err := json.Unmarshal(b, out); err != nil {
			return resp.Header, fmt.Errorf("hub answer to %s: %w", req.URL.Path, err)
		}
	}
	return resp.Header, nil
}

// Info returns the hub's parameters, checking they are the ones configured.
func (w *Wallet) Info(ctx context.Context) (wire.HubInfo, error) {
	var info wire.HubInfo
	if err := w.plain(ctx, http.MethodGet, "/v1/hub", nil, &info); err != nil {
		return info, err
	}
	if info.Contract != w.cfg.Contract || info.ChainID.V == nil || info.ChainID.V.Cmp(w.cfg.ChainID) != 0 ||
		(w.cfg.Hub != (common.Address{}) && info.Hub != w.cfg.Hub) {
		return info, fmt.Errorf("hub at %s serves contract %s on chain %v as %s, not the configured one", w.cfg.HubURL, info.Contract, info.ChainID.V, info.Hub)
	}
	return info, nil
}

// chainNow returns the latest block's time, from the wallet's own node when it has one.
func (w *Wallet) chainNow(ctx context.Context) (uint64, error) {
	if w.cfg.Chain != nil {
		h, err := w.cfg.Chain.HeaderByNumber(ctx, nil)
		if err != nil {
			return 0, err
		}
		return h.Time, nil
	}
	info, err := w.Info(ctx)
	return info.Now, err
}

// request asks the hub to co-sign update u (with the payment fields for a payment). The
// state is computed, signed and persisted locally first; the hub's signature is checked
// and the co-signed state persisted and backed up.
func (w *Wallet) request(ctx context.Context, u channel.Update, payee *common.Address, sealed []byte) (*channel.State, error) {
	if err := w.fetch(ctx); err != nil {
		return nil, err
	}
	if err := w.checkOpen(ctx); err != nil {
		return nil, err
	}
	return w.requestSynced(ctx, u, payee, sealed)
}

// requestSynced is request for a wallet that has just co-signed the hub's proposals.
//
// One state per nonce: the wallet asks hub first — the request carries no signature; the
// hub signs the state and holds it as its proposal; the wallet checks that signature is on
// exactly the state it computed, signs, keeps the state as co-signed and only then sends
// its signature (POST /v1/cosign). So the user's signature only ever completes a state
// the hub has signed, and a refusal leaves the hub no user signature at all: the wallet
// is free to ask for something else at that nonce, or to co-sign a proposal that crossed
// its request. A state the wallet signed and sent under the older, signature-first
// request (an older wallet's file) is sent again, identical, until it is co-signed.
func (w *Wallet) requestSynced(ctx context.Context, u channel.Update, payee *common.Address, sealed []byte) (*channel.State, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if p := w.ls.Signed; p != nil && p.State.Nonce.Cmp(w.ls.Cosigned.State.Nonce) <= 0 {
		w.ls.Signed = nil // co-signed, or superseded by a co-signed state at or above its nonce
	}
	if p := w.ls.Signed; p != nil && len(p.SigUser) > 0 {
		st, err := w.send(ctx, p)
		if err != nil {
			return nil, fmt.Errorf("%w: nonce %s (%s), sent again: %w", ErrPending, p.State.Nonce, p.Update.Kind, err)
		}
		if !sameUpdate(p.Update, u) {
			return nil, fmt.Errorf("%w: %s at nonce %s is co-signed; %s was not sent", ErrEarlierRequest, p.Update.Kind, p.State.Nonce, u.Kind)
		}
		return st, nil
	}
	prev := w.ls.Cosigned
	next, locks, err := u.Apply(prev.State, prev.Locks)
	if err != nil {
		return nil, err
	}
	if err := channel.ValidateTransition(prev.State, next, locks); err != nil {
		return nil, err
	}
	// Kept before it is asked for, unsigned: after a lost answer the hub's proposal of it
	// is recognised as this request (and a payment asked again is this one).
	w.ls.Signed = &signed{Update: u, State: next, Locks: locks, Payee: payee, SealedSecret: sealed}
	if err := w.ls.save(w.cfg.StatePath); err != nil {
		w.ls.Signed = nil
		return nil, err
	}
	var out wire.HubState
	if err := w.call(ctx, http.MethodPost, "/v1/requests", wire.HubRequest{Update: u, Nonce: channel.Amount{V: next.Nonce},
		Payee: payee, SealedSecret: sealed}, &out); err != nil {
		if he := (*HubError)(nil); errors.As(err, &he) {
			// Refused: the hub signed nothing the user signed, so nothing is left pending.
			w.ls.Signed = nil
			if serr := w.ls.save(w.cfg.StatePath); serr != nil {
				return nil, errors.Join(err, serr)
			}
		}
		return nil, err
	}
	return w.cosignAsked(ctx, w.ls.Signed, out.SigHub)
}

// cosignAsked co-signs the state the wallet asked for, once sigHub is the hub's signature
// on exactly that state: it signs, keeps the state as co-signed (before the signature
// leaves), backs it up and sends the signature. The caller holds w.mu.
func (w *Wallet) cosignAsked(ctx context.Context, p *signed, sigHub []byte) (*channel.State, error) {
	digest, err := w.domain.Digest(p.State)
	if err != nil {
		return nil, err
	}
	if err := channel.VerifySigner(digest, sigHub, w.cfg.Hub); err != nil {
		return nil, fmt.Errorf("%w: the hub's signature does not match the requested state: %w", ErrUnfair, err)
	}
	sig, err := channel.Sign(digest, w.cfg.Key)
	if err != nil {
		return nil, err
	}
	w.ls.forgetSettled(w.ls.Cosigned.Locks, p.Locks)
	undo := w.ls.setCosigned(cosigned{State: p.State, Locks: p.Locks, SigHub: sigHub, SigUser: sig})
	w.ls.Signed = nil
	if err := w.ls.save(w.cfg.StatePath); err != nil {
		undo()
		return nil, err
	}
	w.backup(ctx, p.State, sigHub, sig)
	if err := w.sendCosign(ctx); err != nil {
		return p.State.Clone(), err
	}
	return p.State.Clone(), nil
}

// sendCosign sends the wallet's signature on its co-signed state to the hub, which acts on
// the state once it has it. A failure is sent again by the next sync.
func (w *Wallet) sendCosign(ctx context.Context) error {
	c := w.ls.Cosigned
	if err := w.call(ctx, http.MethodPost, "/v1/cosign", wire.HubCosign{Nonce: channel.Amount{V: c.State.Nonce}, SigUser: c.SigUser}, nil); err != nil {
		return fmt.Errorf("co-signature of nonce %s not recorded by the hub (sent again by the next sync): %w", c.State.Nonce, err)
	}
	return nil
}

// send sends the signed state p to the hub and, once the hub's signature on exactly that
// state checks, keeps it as the co-signed state and backs it up. A refusal leaves p
// pending. The caller holds w.mu.
func (w *Wallet) send(ctx context.Context, p *signed) (*channel.State, error) {
	digest, err := w.domain.Digest(p.State)
	if err != nil {
		return nil, err
	}
	var out wire.HubState
	err = w.call(ctx, http.MethodPost, "/v1/requests", wire.HubRequest{Update: p.Update, Nonce: channel.Amount{V: p.State.Nonce},
		SigUser: p.SigUser, Payee: p.Payee, SealedSecret: p.SealedSecret}, &out)
	if err != nil {
		return nil, err
	}
	if err := channel.VerifySigner(digest, out.SigHub, w.cfg.Hub); err != nil {
		return nil, fmt.Errorf("%w: the hub's signature does not match the requested state: %w", ErrUnfair, err)
	}
	w.ls.forgetSettled(w.ls.Cosigned.Locks, p.Locks)
	w.ls.setCosigned(cosigned{State: p.State, Locks: p.Locks, SigHub: out.SigHub, SigUser: p.SigUser})
	w.ls.Signed = nil
	if err := w.ls.save(w.cfg.StatePath); err != nil {
		return nil, err
	}
	w.backup(ctx, p.State, out.SigHub, p.SigUser)
	return p.State.Clone(), nil
}

// sameUpdate reports whether two updates are the same request.
func sameUpdate(a, b channel.Update) bool {
	x, errA := json.Marshal(a)
	y, errB := json.Marshal(b)
	return errA == nil && errB == nil && bytes.Equal(x, y)
}

// Sync fetches what the hub proposed since the wallet's co-signed state, checks each
// proposal by recomputing it from the wallet's own state, and co-signs the fair ones in
// order. Incoming payments are claimed at once when their secret opens.
func (w *Wallet) Sync(ctx context.Context) error {
	if err := w.fetch(ctx); err != nil {
		return err
	}
	return w.claimPending(ctx)
}

// fetch co-signs the hub's pending proposals.
func (w *Wallet) fetch(ctx context.Context) error {
	var ch wire.HubChannel
	w.mu.Lock()
	from := new(big.Int).Set(w.ls.Cosigned.State.Nonce)
	w.mu.Unlock()
	if err := w.call(ctx, http.MethodGet, "/v1/channel?from="+from.String(), nil, &ch); err != nil {
		return err
	}
	return w.apply(ctx, ch)
}

// Listen waits for the hub's proposals (long polls) and applies them until ctx ends.
func (w *Wallet) Listen(ctx context.Context) error {
	for ctx.Err() == nil {
		var ch wire.HubChannel
		w.mu.Lock()
		from := new(big.Int).Set(w.ls.Cosigned.State.Nonce)
		w.mu.Unlock()
		err := w.call(ctx, http.MethodGet, "/v1/updates?wait=20s&from="+from.String(), nil, &ch)
		if err == nil {
			err = w.apply(ctx, ch)
		}
		if err == nil {
			err = w.claimPending(ctx)
		}
		if err != nil && ctx.Err() == nil {
			w.log.Warn("listening: retrying", "err", err)
			select {
			case <-ctx.Done():
			case <-time.After(time.Second):
			}
		}
	}
	return nil
}

func (w *Wallet) apply(ctx context.Context, ch wire.HubChannel) error {
	return func() error {
		w.mu.Lock()
		defer w.mu.Unlock()
		if err := w.adopt(ch.Cosigned); err != nil {
			return err
		}
		for _, p := range fromRestart(ch.Proposals) {
			if p.State == nil || p.State.Nonce.Cmp(w.ls.Cosigned.State.Nonce) < 0 {
				continue
			}
			digest, err := w.domain.Digest(p.State)
			if err != nil {
				return fmt.Errorf("%w: proposal %s: %w", ErrUnfair, p.State.Nonce, err)
			}
			if p.State.Nonce.Cmp(w.ls.Cosigned.State.Nonce) == 0 {
				// The hub still waits for the co-signature of a state the wallet holds
				// co-signed (its answer was lost): the same signature again.
				if mine, _ := w.domain.Digest(w.ls.Cosigned.State); mine == digest && len(w.ls.Cosigned.SigUser) > 0 {
					if err := w.sendCosign(ctx); err != nil {
						return err
					}
				}
				continue
			}
			if a := w.ls.Signed; a != nil && len(a.SigUser) == 0 && a.State.Nonce.Cmp(p.State.Nonce) == 0 {
				if mine, _ := w.domain.Digest(a.State); mine == digest {
					// The wallet's own request, answered while the answer was lost.
					if _, err := w.cosignAsked(ctx, a, p.SigHub); err != nil {
						return err
					}
					continue
				}
			}
			if err := w.twin(p.State.Nonce, digest); err != nil {
				return err
			}
			secret, locks, err := w.check(ctx, p)
			if err != nil {
				return err
			}
			sig, err := channel.Sign(digest, w.cfg.Key)
			if err != nil {
				return err
			}
			// The lock list kept is the one the update gives, not the one the hub sent
			// beside it: the state commits to it (the digests matched), the list the hub
			// sent nothing checked.
			w.ls.forgetSettled(w.ls.Cosigned.Locks, locks)
			undo := w.ls.setCosigned(cosigned{State: p.State, Locks: locks, SigHub: p.SigHub, SigUser: sig})
			if secret != nil {
				w.ls.Secrets[channel.HashSecret(*secret).Hex()] = *secret
			}
			if err := w.ls.save(w.cfg.StatePath); err != nil {
				undo()
				return err
			}
			if err := w.call(ctx, http.MethodPost, "/v1/cosign", wire.HubCosign{Nonce: channel.Amount{V: p.State.Nonce}, SigUser: sig}, nil); err != nil {
				return err
			}
			w.backup(ctx, p.State, p.SigHub, sig)
		}
		return nil
	}()
}

// twin refuses to sign a state at nonce other than the one the wallet signed and sent there
// and has not seen co-signed: the hub would hold the user's signature on both.
func (w *Wallet) twin(nonce *big.Int, digest common.Hash) error {
	p := w.ls.Signed
	if p == nil || len(p.SigUser) == 0 || p.State.Nonce.Cmp(nonce) != 0 {
		return nil // nothing signed at that nonce (a request asked hub first carries no signature)
	}
	if d, err := w.domain.Digest(p.State); err == nil && d == digest {
		return nil
	}
	return fmt.Errorf("%w: the hub proposes another state at nonce %s, where the wallet signed its %s request; it signs no second state there",
		ErrPending, nonce, p.Update.Kind)
}

// claimPending claims every incoming lock whose secret the wallet holds (new ones, and
// any an earlier attempt left behind), unless claims are manual.
func (w *Wallet) claimPending(ctx context.Context) error {
	if w.cfg.ManualClaim {
		return nil
	}
	var claims []common.Hash
	var locks []channel.Lock
	w.mu.Lock()
	for _, l := range w.ls.Cosigned.Locks {
		if s, ok := w.ls.Secrets[l.Hashlock.Hex()]; ok && l.Sender == channel.Hub {
			claims = append(claims, s)
			locks = append(locks, l)
		}
	}
	w.mu.Unlock()
	if len(claims) == 0 {
		return nil
	}
	now, err := w.chainNow(ctx)
	if err != nil {
		return err
	}
	for i, s := range claims {
		if locks[i].ExpiredAt(now) {
			// Expired: the hub need not pay it, and a claim would hand it the secret, with
			// which it collects the payer's lock.
			continue
		}
		// Sync has just co-signed what the hub proposed: no need to ask again first.
		if _, err := w.requestSynced(ctx, channel.Update{Kind: channel.KindClaim, Secret: &s}, nil, nil); err != nil {
			w.log.Warn("claiming an incoming payment failed; retried on the next sync", "hashlock", channel.HashSecret(s), "err", err)
		}
	}
	return nil
}

// adopt takes the hub's co-signed state when it is newer than the wallet's (a wallet that
// lost its file, or a request whose answer was lost), after checking both signatures.
func (w *Wallet) adopt(c *wire.HubState) error {
	if c == nil || c.State == nil || c.State.Nonce.Cmp(w.ls.Cosigned.State.Nonce) <= 0 {
		return nil
	}
	d, err := w.domain.Digest(c.State)
	if err != nil {
		return err
	}
	if channel.VerifySigner(d, c.SigHub, w.cfg.Hub) != nil || channel.VerifySigner(d, c.SigUser, w.addr) != nil {
		return fmt.Errorf("%w: the hub's co-signed state %s is not signed by both sides", ErrUnfair, c.State.Nonce)
	}
	if err := channel.Validate(c.State, c.Locks); err != nil {
		return fmt.Errorf("%w: %w", ErrUnfair, err)
	}
	w.ls.setCosigned(cosigned{State: c.State, Locks: c.Locks, SigHub: c.SigHub, SigUser: c.SigUser})
	w.ls.Signed = nil
	return w.ls.save(w.cfg.StatePath)
}

// check recomputes a hub proposal and decides whether the user signs it. It returns the
// secret of an incoming payment when the sealed secret opens its lock.
func (w *Wallet) check(ctx context.Context, p wire.HubState) (*common.Hash, []channel.Lock, error) {
	var d wire.Detail
	if err := json.Unmarshal(p.Detail, &d); err != nil {
		return nil, nil, fmt.Errorf("%w: proposal %s: %w", ErrUnfair, p.State.Nonce, err)
	}
	prev := w.ls.Cosigned
	next, locks, err := d.Update.Apply(prev.State, prev.Locks)
	if err != nil {
		return nil, nil, fmt.Errorf("%w: proposal %s does not apply: %w", ErrUnfair, p.State.Nonce, err)
	}
	want, _ := w.domain.Digest(next)
	got, err := w.domain.Digest(p.State)
	if err != nil || want != got {
		return nil, nil, fmt.Errorf("%w: proposal %s is not what its update gives", ErrUnfair, p.State.Nonce)
	}
	if err := channel.VerifySigner(got, p.SigHub, w.cfg.Hub); err != nil {
		return nil, nil, fmt.Errorf("%w: proposal %s not signed by the hub", ErrUnfair, p.State.Nonce)
	}
	if p.Role == wire.RoleRestart || d.Update.Kind == channel.KindRestart {
		return nil, locks, w.checkRestart(ctx, p, d, prev) // follows the chain, not prev
	}
	if err := channel.ValidateTransition(prev.State, next, locks); err != nil {
		return nil, nil, fmt.Errorf("%w: %w", ErrUnfair, err)
	}
	if next.Timeout.Sign() != 0 {
		if err := w.checkTimeout(ctx, next.Timeout); err != nil {
			return nil, nil, fmt.Errorf("proposal %s: %w", p.State.Nonce, err)
		}
	}
	secret, err := w.checkRole(ctx, p, d, prev)
	return secret, locks, err
}

// checkRole says whether the hub may propose the proposal's update in its role, and opens
// the secret of an incoming payment.
func (w *Wallet) checkRole(ctx context.Context, p wire.HubState, d wire.Detail, prev cosigned) (*common.Hash, error) {
	u := d.Update
	switch {
	case p.Role == wire.RoleForward && u.Kind == channel.KindLock && u.Lock.Sender == channel.Hub:
		// An incoming payment: a lock toward the user, always safe to co-sign (refusing it
		// would stall the channel: the hub's later proposals follow it). What is checked
		// is whether to keep its secret, and so claim it — the claim reveals the secret,
		// with which the hub collects the payer's lock whether or not it pays this one:
		// not when the lock carries less than the payer sealed with the secret, or has
		// expired by the wallet's clock. Such a lock expires back to the hub unclaimed.
		l := u.Lock
		op, ok := openPayment(w.cfg.Key, d.SealedSecret)
		if !ok || channel.HashSecret(op.secret) != l.Hashlock {
			w.log.Warn("incoming payment whose secret does not open; it will expire back to the hub", "hashlock", l.Hashlock)
			return nil, nil
		}
		if op.amountWei != nil && (l.AmountWei.Cmp(op.amountWei) < 0 || l.AmountToken.Cmp(op.amountToken) < 0) {
			w.log.Warn("the hub forwards a payment short of what the payer locked; not claimed: it will expire back to the hub",
				"hashlock", l.Hashlock, "wei", l.AmountWei, "tokenUnits", l.AmountToken, "paidWei", op.amountWei, "paidTokenUnits", op.amountToken)
			return nil, nil
		}
		now, err := w.chainNow(ctx)
		if err != nil {
			return nil, err
		}
		if l.ExpiredAt(now) {
			w.log.Warn("the hub forwards a payment whose lock has expired; not claimed", "hashlock", l.Hashlock, "expiry", l.Expiry, "chainTime", now)
			return nil, nil
		}
		return &op.secret, nil
	case p.Role == wire.RoleReturn && u.Kind == channel.KindCancel:
		// The hub, as a lock's receiver, gives it back: only a lock the user sent. A
		// cancel of a lock toward the user would hand the hub back a payment it owes.
		if l := channel.FindLock(prev.Locks, *u.Hashlock); l == nil || l.Sender != channel.User {
			return nil, fmt.Errorf("%w: the hub proposes to cancel lock %s, which is not the user's to get back", ErrUnfair, *u.Hashlock)
		}
		return nil, nil
	case p.Role == wire.RoleCollect && u.Kind == channel.KindClaim:
		// Pays our lock to the hub with its secret: before its expiry, or after it only
		// if the secret was registered on-chain by then.
		return nil, w.checkCollect(ctx, prev, *u.Secret)
	case p.Role == wire.RoleConfirm && u.Kind == channel.KindConfirm:
		// Only once the proposal was executed on-chain: confirming one that was not would
		// leave every later state an on-chain nonce ahead of the contract, and its
		// deposits counted that were never made — unusable in a dispute.
		if w.cfg.Chain == nil {
			return nil, fmt.Errorf("%w: cannot check a confirmation without a node", ErrUnfair)
		}
		ch, err := w.onchainAt(ctx, nil)
		if err != nil {
			return nil, err
		}
		if ch.OnchainNonce.Cmp(prev.State.OnchainNonce) < 0 {
			return nil, fmt.Errorf("%w: the hub proposes to confirm on-chain nonce %s, the contract is at %s: not executed",
				ErrNotYet, prev.State.OnchainNonce, ch.OnchainNonce)
		}
		return nil, nil
	case p.Role == wire.RoleReclaim && u.Kind == channel.KindRefund:
		now, err := w.chainNow(ctx)
		if err != nil || u.Now > now {
			return nil, fmt.Errorf("%w: reclaim dated %d, chain time %d", ErrUnfair, u.Now, now)
		}
		return nil, w.checkReclaim(ctx, prev, *u.Hashlock)
	case p.Role == wire.RoleCollateral && u.Kind == channel.KindPropose:
		o := u.Ops
		for i := range 4 {
			if i != channel.HubDeposit && (o.Wei[i].Sign() != 0 || o.Token[i].Sign() != 0) {
				return nil, fmt.Errorf("%w: a collateral proposal may only deposit the hub's funds", ErrUnfair)
			}
		}
		if *u.Recipient != w.addr {
			return nil, fmt.Errorf("%w: a collateral proposal names recipient %s: it withdraws nothing to anyone", ErrUnfair, *u.Recipient)
		}
		return nil, nil
	case p.Role == wire.RoleInvalidate && u.Kind == channel.KindInvalidate:
		// Only if the proposal was never executed, else our deposit would vanish, and can
		// no longer be: the contract executes it up to its timeout, and a proposal
		// executed after its invalidation was signed would make every later state's
		// on-chain nonce too low.
		// Both read at one block: the head past the timeout, and the channel at it.
		if w.cfg.Chain == nil {
			return nil, fmt.Errorf("%w: cannot check an invalidation without a node", ErrUnfair)
		}
		head, err := w.cfg.Chain.HeaderByNumber(ctx, nil)
		if err != nil {
			return nil, err
		}
		if prev.State.Timeout.Cmp(new(big.Int).SetUint64(head.Time)) >= 0 {
			return nil, fmt.Errorf("%w: the proposal can be executed until %s, chain time %d: too early to invalidate it",
				ErrNotYet, prev.State.Timeout, head.Time)
		}
		ch, err := w.onchainAt(ctx, head.Number)
		if err != nil {
			return nil, err
		}
		if ch.OnchainNonce.Cmp(prev.State.OnchainNonce) >= 0 {
			return nil, fmt.Errorf("%w: the proposal was executed on-chain; it cannot be invalidated", ErrUnfair)
		}
		return nil, nil
	}
	return nil, fmt.Errorf("%w: proposal %s (%s, %s)", ErrUnfair, p.State.Nonce, p.Role, u.Kind)
}

// onchainAt reads the user's channel from the wallet's own node at block (nil: the
// latest), to check what the hub says of it before signing.
func (w *Wallet) onchainAt(ctx context.Context, block *big.Int) (bindings.ChannelManagerChannel, error) {
	return bind.Call(w.m.Instance(w.cfg.Chain, w.cfg.Contract), &bind.CallOpts{Context: ctx, BlockNumber: block},
		w.m.PackGetChannel(w.addr), w.m.UnpackGetChannel)
}

// Pay sends amount of asset (base units) to payee through the hub: a lock toward the hub
// under a fresh secret, sealed to the payee's key so only the payee can claim. It returns
// the hashlock.
func (w *Wallet) Pay(ctx context.Context, payee common.Address, asset Asset, amount *big.Int) (common.Hash, error) {
	if amount == nil || amount.Sign() <= 0 {
		return common.Hash{}, fmt.Errorf("%w: amount must be positive", channel.ErrInvalidField)
	}
	amountWei, amountToken := new(big.Int), new(big.Int)
	switch asset {
	case Ether:
		amountWei.Set(amount)
	case Tokens:
		amountToken.Set(amount)
	default:
		return common.Hash{}, fmt.Errorf("%w: asset %d", ErrUnknownAsset, asset)
	}
	if p := w.pendingPayment(payee, amountWei, amountToken); p != nil {
		// The same payment, asked for before and its answer lost: asked again as it was,
		// with its secret, not as a second payment.
		hl := p.Update.Lock.Hashlock
		if err := w.fetch(ctx); err != nil { // co-signs it if the hub holds it
			return hl, err
		}
		if w.holdsLock(hl) {
			return hl, nil
		}
		if p := w.pendingPayment(payee, amountWei, amountToken); p != nil {
			_, err := w.requestSynced(ctx, p.Update, p.Payee, p.SealedSecret)
			return hl, err
		}
	}
	pub, err := w.payeeKey(ctx, payee)
	if err != nil {
		return common.Hash{}, err
	}
	var secret common.Hash
	if _, err := rand.Read(secret[:]); err != nil {
		return common.Hash{}, err
	}
	sealed, err := sealPayment(pub, secret, amountWei, amountToken)
	if err != nil {
		return common.Hash{}, err
	}
	info, err := w.lockTimes(ctx)
	if err != nil {
		return common.Hash{}, err
	}
	hl := channel.HashSecret(secret)
	l := channel.Lock{Sender: channel.User, AmountWei: amountWei, AmountToken: amountToken, Hashlock: hl,
		Expiry: new(big.Int).SetUint64(info.Now + info.MinLockTime + lockSlack(info.MinLockTime, info.MaxLockTime))}
	w.mu.Lock()
	w.ls.Secrets[hl.Hex()] = secret
	err = w.ls.save(w.cfg.StatePath)
	w.mu.Unlock()
	if err != nil {
		return common.Hash{}, err
	}
	_, err = w.request(ctx, channel.Update{Kind: channel.KindLock, Lock: &l}, &payee, sealed)
	return hl, err
}

// pendingPayment returns the request, asked for and not yet co-signed, that pays
// amountWei and amountToken to payee, if that is what the wallet has pending.
func (w *Wallet) pendingPayment(payee common.Address, amountWei, amountToken *big.Int) *signed {
	w.mu.Lock()
	defer w.mu.Unlock()
	p := w.ls.Signed
	if p == nil || p.State.Nonce.Cmp(w.ls.Cosigned.State.Nonce) <= 0 || p.Update.Kind != channel.KindLock || p.Update.Lock == nil ||
		p.Payee == nil || *p.Payee != payee || p.Update.Lock.Sender != channel.User || p.Update.Lock.AmountWei.Cmp(amountWei) != 0 {
		return nil
	}
	if tok := p.Update.Lock.AmountToken; (tok == nil && amountToken.Sign() != 0) || (tok != nil && tok.Cmp(amountToken) != 0) {
		return nil
	}
	return p
}

// holdsLock reports whether the co-signed state holds the lock with hashlock hl.
func (w *Wallet) holdsLock(hl common.Hash) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return channel.FindLock(w.ls.Cosigned.Locks, hl) != nil
}

// Claim takes an incoming payment with its secret.
func (w *Wallet) Claim(ctx context.Context, secret common.Hash) (*channel.State, error) {
	hl := channel.HashSecret(secret)
	w.mu.Lock()
	var l *channel.Lock
	if found := channel.FindLock(w.ls.Cosigned.Locks, hl); found != nil {
		c := *found
		l = &c
	}
	w.mu.Unlock()
	if l != nil {
		now, err := w.chainNow(ctx)
		if err != nil {
			return nil, err
		}
		if l.ExpiredAt(now) {
			// The claim would hand the hub the secret, to collect the payer's lock with,
			// for a lock it need not pay.
			return nil, fmt.Errorf("%w: lock %s expired at %s (chain time %d); its secret is not sent", ErrLockExpired, hl, l.Expiry, now)
		}
	}
	return w.request(ctx, channel.Update{Kind: channel.KindClaim, Secret: &secret}, nil, nil)
}

// Refund takes back an outgoing lock whose expiry passed.
func (w *Wallet) Refund(ctx context.Context, hashlock common.Hash) (*channel.State, error) {
	now, err := w.chainNow(ctx)
	if err != nil {
		return nil, err
	}
	return w.request(ctx, channel.Update{Kind: channel.KindRefund, Hashlock: &hashlock, Now: now}, nil, nil)
}

// RefundExpired refunds every outgoing lock whose expiry has passed.
func (w *Wallet) RefundExpired(ctx context.Context) (int, error) {
	if err := w.Sync(ctx); err != nil {
		return 0, err
	}
	now, err := w.chainNow(ctx)
	if err != nil {
		return 0, err
	}
	_, locks := w.Latest()
	n := 0
	for _, l := range locks {
		if l.Sender == channel.User && l.ExpiredAt(now) {
			if _, err := w.Refund(ctx, l.Hashlock); err != nil {
				return n, err
			}
			n++
		}
	}
	return n, nil
}

// RequestCollateral asks the hub to top up its side of the channel; the proposal arrives
// with the next Sync, and the hub executes it once co-signed.
func (w *Wallet) RequestCollateral(ctx context.Context) error {
	return w.call(ctx, http.MethodPost, "/v1/collateral", nil, nil)
}

// lockSlack is how far above the hub's shortest lock time a payment's expiry is set, so
// that the chain clock moving on between reading the hub's info and the hub checking the
// lock does not put it out of range: a hundredth of the allowed span, but at least a
// quarter of it up to a minute.
func lockSlack(minLock, maxLock uint64) uint64 {
	span := maxLock - minLock
	return max(span/100, min(60, span/4))
}
