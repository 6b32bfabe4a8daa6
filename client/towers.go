package client

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"net/url"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/internal/redact"
	"github.com/vigil-hub/vigil/wire"
)

// ErrTowerMismatch reports a watchtower whose GET /v1/info shows it cannot guard the
// wallet's channel: another chain, a contract it does not watch, or receipts signed by an
// address other than the one it names. It is an ErrTower too.
var ErrTowerMismatch = fmt.Errorf("%w: the tower does not guard this channel", ErrTower)

// TowerReport is the outcome of backing one state up to one watchtower.
type TowerReport struct {
	Tower   string
	Nonce   *big.Int // the state's
	Receipt *channel.Receipt
	Err     error
	Retry   bool // a retry of a backup that failed before
}

// towerRecord is what the wallet's file keeps of one watchtower: its checked info, the
// newest receipt it gave, and the newest state it has not receipted (a backup that
// failed, retried until it succeeds).
type towerRecord struct {
	Info      *wire.TowerInfo  `json:"info,omitempty"`
	Receipt   *channel.Receipt `json:"receipt,omitempty"`
	Pending   *pendingBackup   `json:"pending,omitempty"`
	LastError string           `json:"lastError,omitempty"`
	LastTry   time.Time        `json:"lastTry,omitzero"`
}

// pendingBackup is a co-signed final state a tower has not receipted yet, with its locks.
type pendingBackup struct {
	State   *channel.State `json:"state"`
	Locks   []channel.Lock `json:"locks,omitempty"`
	SigHub  hexutil.Bytes  `json:"sigHub"`
	SigUser hexutil.Bytes  `json:"sigUser"`
	Since   time.Time      `json:"since"`
}

// TowerStatus is what the wallet knows of one configured watchtower.
type TowerStatus struct {
	URL     string
	Address common.Address   // the receipt signer its /v1/info names; zero until checked
	Receipt *channel.Receipt // the newest receipt it gave (nonce, issuedAt), nil if none
	// Pending is the nonce of the newest state it has not receipted (nil if none), kept
	// since PendingSince and retried on every command; LastError is why it failed.
	Pending      *big.Int
	PendingSince time.Time
	LastError    string
	LastTry      time.Time
}

// record returns the file's record of tower, creating it. Call with w.mu held.
func (w *Wallet) record(tower string) *towerRecord {
	if w.ls.Towers == nil {
		w.ls.Towers = map[string]*towerRecord{}
	}
	r := w.ls.Towers[tower]
	if r == nil {
		r = &towerRecord{}
		w.ls.Towers[tower] = r
	}
	r.clean()
	return r
}

// clean drops the parts of a record read from the file that lack what the wallet relies
// on (an edited or truncated file): a receipt without a nonce, a pending backup without a
// state or signatures. A dropped backup is made again with the next co-signed state.
func (r *towerRecord) clean() {
	if r.Receipt != nil && r.Receipt.Nonce.V == nil {
		r.Receipt = nil
	}
	if p := r.Pending; p != nil && (p.State == nil || p.State.Nonce == nil || p.State.Timeout == nil || len(p.SigHub) == 0 || len(p.SigUser) == 0) {
		r.Pending = nil
	}
}

// Towers returns what the wallet knows of each configured watchtower, in config order.
func (w *Wallet) Towers() []TowerStatus {
	w.mu.Lock()
	defer w.mu.Unlock()
	out := make([]TowerStatus, 0, len(w.cfg.Towers))
	for _, t := range w.cfg.Towers {
		st := TowerStatus{URL: t}
		if r := w.ls.Towers[t]; r != nil {
			r.clean()
			if r.Info != nil {
				st.Address = r.Info.Address
			}
			st.Receipt, st.LastError, st.LastTry = r.Receipt, r.LastError, r.LastTry
			if r.Pending != nil {
				st.Pending, st.PendingSince = new(big.Int).Set(r.Pending.State.Nonce), r.Pending.Since
			}
		}
		out = append(out, st)
	}
	return out
}

// backup hands a co-signed final state to every watchtower, with its locks and the
// secrets the wallet knows of the locks paying the user, and checks the receipts. With
// them a tower registers those secrets in a dispute and resolves the locks after the
// settlement while the user is offline. A failure is kept in the wallet's file, to be
// retried (RetryBackups), and reported by Reports. Call with w.mu held, after s became the
// co-signed state.
func (w *Wallet) backup(ctx context.Context, s *channel.State, sigHub, sigUser []byte) {
	if s.Timeout.Sign() != 0 || len(w.cfg.Towers) == 0 {
		return // a proposal is not final; towers take final states only
	}
	var locks []channel.Lock
	if c := w.ls.Cosigned; c.State != nil && c.State.Nonce.Cmp(s.Nonce) == 0 {
		locks = c.Locks
	}
	for _, t := range w.cfg.Towers {
		w.backupOne(ctx, t, &pendingBackup{State: s, Locks: locks, SigHub: sigHub, SigUser: sigUser, Since: time.Now().UTC()}, false)
	}
	if err := w.ls.save(w.cfg.StatePath); err != nil {
		w.log.Error("saving the watchtowers' receipts failed", "err", err)
	}
}

// backupOne backs p up to tower and records the outcome in the tower's record (not yet
// saved). Call with w.mu held.
func (w *Wallet) backupOne(ctx context.Context, tower string, p *pendingBackup, retry bool) {
	rec := w.record(tower)
	rec.LastTry = time.Now().UTC()
	r, err := w.backupTo(ctx, tower, rec, p)
	// A hosted tower's URL may carry an access key in its path or query: errors (which
	// quote the URL they called) are kept, shown and logged without it.
	err = redact.Error(err, towerURL(tower, "/v1/states"), towerURL(tower, "/v1/info"), tower)
	w.reports = append(w.reports, TowerReport{Tower: tower, Nonce: new(big.Int).Set(p.State.Nonce), Receipt: r, Err: err, Retry: retry})
	if err != nil {
		w.log.Warn("watchtower backup failed; kept to retry", "tower", redact.URL(tower), "nonce", p.State.Nonce, "err", err)
		rec.LastError = err.Error()
		if rec.Pending == nil || rec.Pending.State.Nonce.Cmp(p.State.Nonce) < 0 {
			rec.Pending = p
		}
		return
	}
	rec.LastError = ""
	if rec.Receipt == nil || rec.Receipt.Nonce.V.Cmp(r.Nonce.V) <= 0 {
		rec.Receipt = r
	}
	if rec.Pending != nil && rec.Pending.State.Nonce.Cmp(p.State.Nonce) <= 0 {
		rec.Pending = nil // the tower holds this state or a newer one
	}
}

// Reports returns and clears the watchtower outcomes since the last call.
func (w *Wallet) Reports() []TowerReport {
	w.mu.Lock()
	defer w.mu.Unlock()
	out := w.reports
	w.reports = nil
	return out
}

// towerInfo checks tower's GET /v1/info against the wallet's chain and contract, once:
// the checked info is kept in rec. Call with w.mu held.
func (w *Wallet) towerInfo(ctx context.Context, tower string, rec *towerRecord) (*wire.TowerInfo, error) {
	if rec.Info != nil {
		return rec.Info, nil
	}
	var info wire.TowerInfo
	if err := w.towerGet(ctx, tower, "/v1/info", &info); err != nil {
		return nil, fmt.Errorf("%w: GET /v1/info: %w", ErrTower, err)
	}
	switch {
	case info.ChainID.V == nil || info.ChainID.V.Cmp(w.cfg.ChainID) != 0:
		return nil, fmt.Errorf("%w: it runs on chain %v, the wallet's channel is on chain %s", ErrTowerMismatch, info.ChainID.V, w.cfg.ChainID)
	case !info.Watches(w.cfg.Contract):
		return nil, fmt.Errorf("%w: it does not watch contract %s (it watches %v)", ErrTowerMismatch, w.cfg.Contract, info.Contracts)
	case info.Address == (common.Address{}):
		return nil, fmt.Errorf("%w: it names no receipt-signing address", ErrTowerMismatch)
	}
	rec.Info = &info
	return rec.Info, nil
}

// towerGet reads a tower's JSON answer to GET path.
func (w *Wallet) towerGet(ctx context.Context, tower, path string, out any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, towerURL(tower, path), nil)
	if err != nil {
		return err
	}
	resp, err := w.cfg.HTTPClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if resp.StatusCode != http.StatusOK {
		var e wire.Error
		_ = json.Unmarshal(b, &e)
		return fmt.Errorf("%d %s %s", resp.StatusCode, e.Code, e.Message)
	}
	return json.Unmarshal(b, out)
}

// backupTo deposits p with tower. Call with w.mu held.
func (w *Wallet) backupTo(ctx context.Context, tower string, rec *towerRecord, p *pendingBackup) (*channel.Receipt, error) {
	info, err := w.towerInfo(ctx, tower, rec)
	if err != nil {
		return nil, err
	}
	s := p.State
	d := wire.Deposit{Contract: w.cfg.Contract, State: s, SigHub: p.SigHub, SigUser: p.SigUser}
	if s.LocksRoot != (common.Hash{}) {
		d.Locks = p.Locks
		for _, l := range p.Locks {
			if secret, ok := w.ls.Secrets[l.Hashlock.Hex()]; ok && l.Sender == channel.Hub {
				d.Secrets = append(d.Secrets, secret)
			}
		}
	}
	body, err := json.Marshal(d)
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, towerURL(tower, "/v1/states"), bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := w.cfg.HTTPClient.Do(req)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrTower, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	var res wire.DepositResult
	if err := json.Unmarshal(b, &res); err != nil || resp.StatusCode/100 != 2 {
		var e wire.Error
		_ = json.Unmarshal(b, &e)
		return nil, fmt.Errorf("%w: %d %s %s", ErrTower, resp.StatusCode, e.Code, e.Message)
	}
	r := res.Receipt
	if r == nil {
		return nil, fmt.Errorf("%w: no receipt", ErrBadReceipt)
	}
	digest, _ := w.domain.Digest(s)
	if r.Contract != w.cfg.Contract || r.User != w.addr || r.Nonce.V == nil || r.Nonce.V.Cmp(s.Nonce) != 0 || r.StateDigest != digest {
		return r, fmt.Errorf("%w: it does not describe the state deposited", ErrBadReceipt)
	}
	rd, err := channel.ReceiptDigest(w.cfg.ChainID, r)
	if err != nil {
		return r, fmt.Errorf("%w: %w", ErrBadReceipt, err)
	}
	if err := channel.VerifySigner(rd, r.Signature, r.Tower); err != nil {
		return r, fmt.Errorf("%w: not signed by the tower it names: %w", ErrBadReceipt, err)
	}
	if r.Tower != info.Address {
		return r, fmt.Errorf("%w: its receipt is signed by %s, its /v1/info names %s", ErrTowerMismatch, r.Tower, info.Address)
	}
	return r, nil
}

// towerURL is endpoint path of the tower whose API base URL is base, keeping base's query
// (a hosted tower may take its access key there); base itself when it does not parse,
// so that the request fails naming it.
func towerURL(base, path string) string {
	u, err := url.Parse(base)
	if err != nil {
		return base
	}
	return u.JoinPath(path).String()
}

// retryTimeout bounds one retried backup, so that a tower that hangs delays a command by
// no more than this.
const retryTimeout = 10 * time.Second

// RetryBackups backs up again, to each configured watchtower, the newest state it has not
// receipted (a backup that failed earlier, kept in the wallet's file), and records the
// outcomes (Reports, Towers). chanctl runs it with every command and while listening.
func (w *Wallet) RetryBackups(ctx context.Context) {
	w.mu.Lock()
	defer w.mu.Unlock()
	tried := false
	for _, t := range w.cfg.Towers {
		rec := w.ls.Towers[t]
		if rec == nil {
			continue
		}
		if rec.clean(); rec.Pending == nil {
			continue
		}
		tctx, cancel := context.WithTimeout(ctx, retryTimeout)
		w.backupOne(tctx, t, rec.Pending, true)
		cancel()
		tried = true
	}
	if tried {
		if err := w.ls.save(w.cfg.StatePath); err != nil {
			w.log.Error("saving the watchtowers' receipts failed", "err", err)
		}
	}
}

// RetryBackupsEvery runs RetryBackups every interval until ctx ends (beside Listen).
func (w *Wallet) RetryBackupsEvery(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			w.RetryBackups(ctx)
		}
	}
}
