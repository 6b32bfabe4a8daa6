package towerapi

import (
	"context"
	"errors"
	"io"
	"net/http"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/internal/ratelimit"
	"github.com/vigil-hub/vigil/store"
	"github.com/vigil-hub/vigil/wire"
)

// The deposit path: a request's deposits are checked in parallel (the digest, both
// signature recoveries and the receipt signature are nearly all of a deposit's cost), then
// stored with one PutStates call, which the store group-commits with other requests'
// deposits. Nothing is answered before the store has made it durable.

func (s *Server) postStates(w http.ResponseWriter, r *http.Request) {
	if s.room != nil && s.room.Full() {
		s.fail(w, reject(http.StatusInsufficientStorage, wire.CodeInsufficientStorage,
			"the tower's database is at its high-water mark and keeps what is left for disputes; deposit again later or with another tower"))
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBodyBytes))
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			s.fail(w, reject(http.StatusRequestEntityTooLarge, wire.CodeBodyTooLarge, "body above %d bytes", MaxBodyBytes))
			return
		}
		s.fail(w, reject(http.StatusBadRequest, wire.CodeInvalidJSON, "read body: %v", err))
		return
	}
	deps, batch, err := DecodeDeposits(body)
	if err != nil {
		s.fail(w, err)
		return
	}
	// The request itself took one of the client's tokens (limitClients); each state
	// beyond the first takes another.
	if ok, wait := s.clients.Take(ratelimit.ClientKey(r), len(deps)-1, s.now()); !ok {
		s.fail(w, rateLimited(w, wait, "%d states are more than this address may deposit now (%v per second, bursts of %d)",
			len(deps), s.limits.ClientRate, s.limits.ClientBurst))
		return
	}
	results, err := s.depositAll(r.Context(), deps)
	if err != nil {
		s.fail(w, err)
		return
	}
	var wait time.Duration
	for _, res := range results {
		wait = max(wait, res.wait)
	}
	if wait > 0 {
		w.Header().Set("Retry-After", retryAfter(wait))
	}
	if !batch {
		if results[0].err != nil {
			s.fail(w, results[0].err)
			return
		}
		status := http.StatusOK
		if results[0].res.Created {
			status = http.StatusCreated
		}
		writeJSON(w, status, results[0].res)
		return
	}
	out := wire.BatchResult{Results: make([]wire.DepositResult, len(deps))}
	for i, res := range results {
		out.Results[i] = res.res
		if res.err == nil {
			continue
		}
		var ae *apiError
		if !errors.As(res.err, &ae) {
			s.log.Error("deposit API internal error", "err", res.err)
			ae = reject(http.StatusInternalServerError, wire.CodeInternal, "internal error")
		}
		out.Results[i] = wire.DepositResult{Error: &ae.body}
	}
	writeJSON(w, http.StatusOK, out)
}

// outcome is what a deposit gets: a result, or a rejection (*apiError) or another error
// for it alone.
type outcome struct {
	res  wire.DepositResult
	err  error
	wait time.Duration // rate-limited: when to try again
}

// depositAll checks every deposit, stores the acceptable ones in one PutStates call and
// returns the outcome of each, in order. The error is for the whole request.
func (s *Server) depositAll(ctx context.Context, deps []wire.Deposit) ([]outcome, error) {
	out := make([]outcome, len(deps))
	checked := make([]store.Deposit, len(deps))
	var fatal atomic.Pointer[error]
	parallel(len(deps), func(i int) {
		var err error
		if checked[i], err = s.check(ctx, deps[i]); err != nil {
			var ae *apiError
			if !errors.As(err, &ae) {
				fatal.CompareAndSwap(nil, &err)
			}
			out[i].err = err
		}
	})
	if err := fatal.Load(); err != nil {
		return nil, *err
	}
	var put []store.Deposit
	var at []int
	now := s.now()
	for i := range deps {
		if out[i].err != nil {
			continue
		}
		u := checked[i].State.State.User
		if ok, wait := s.usersLim.Has(u.Hex(), now); !ok {
			out[i].err = reject(http.StatusTooManyRequests, wire.CodeRateLimited, "user %s: more newer states than %v per second (bursts of %d); retry after %ss",
				u, s.limits.UserRate, s.limits.UserBurst, retryAfter(wait))
			out[i].wait = max(wait, time.Millisecond)
			continue
		}
		checked[i].MaxUnseen = s.limits.MaxUnseen
		put = append(put, checked[i])
		at = append(at, i)
	}
	if len(put) == 0 {
		return out, nil
	}
	results, err := s.store.PutStates(ctx, put)
	if err != nil {
		return nil, err
	}
	created := 0
	for k, res := range results {
		i, d := at[k], put[k]
		switch {
		case errors.Is(res.Err, store.ErrStaleNonce):
			out[i].err = reject(http.StatusConflict, wire.CodeStaleNonce, "%v", res.Err)
		case errors.Is(res.Err, store.ErrNonceConflict):
			out[i].err = reject(http.StatusConflict, wire.CodeNonceConflict, "%v", res.Err)
		case errors.Is(res.Err, store.ErrBelowOnchain):
			out[i].err = reject(http.StatusConflict, wire.CodeBelowOnchain, "%v", res.Err)
		case errors.Is(res.Err, store.ErrUnseenQuota):
			out[i].err = reject(http.StatusForbidden, wire.CodeUnseenQuota, "%v (at most %d per contract); open the channel on-chain, "+
				"then deposit once the tower has indexed it", res.Err, s.limits.MaxUnseen)
		case res.Err != nil:
			out[i].err = res.Err
		default:
			rc := res.Receipt
			out[i].res = wire.DepositResult{Receipt: &rc, Created: res.Created}
			if res.Created {
				created++
				s.usersLim.Spend(d.State.State.User.Hex(), now)
				s.log.Debug("state deposited", "contract", d.State.Contract, "user", d.State.State.User, "nonce", d.State.State.Nonce)
				s.stateStored(ctx, d.State.Contract, d.State.State)
			}
		}
	}
	if created > 0 {
		// Debug, as each state's line above: at thousands of deposits a second, a line per
		// request at Info would be most of an operator's log.
		s.log.Debug("states deposited", "created", created, "of", len(deps))
	}
	return out, nil
}

// check validates one deposit against its contract, verifies both signatures and signs
// the receipt; rejections are *apiError.
func (s *Server) check(ctx context.Context, d wire.Deposit) (store.Deposit, error) {
	st := d.State
	c, err := s.contract(ctx, d.Contract)
	if errors.Is(err, store.ErrNotFound) {
		return store.Deposit{}, reject(http.StatusNotFound, wire.CodeUnknownContract, "contract %s is not watched by this tower", d.Contract)
	}
	if err != nil {
		return store.Deposit{}, err
	}
	if err := channel.ValidateFinal(st); err != nil {
		switch {
		case errors.Is(err, channel.ErrTimeout):
			return store.Deposit{}, reject(http.StatusUnprocessableEntity, wire.CodeNonZeroTimeout, "%v", err)
		case errors.Is(err, channel.ErrOverflow):
			return store.Deposit{}, reject(http.StatusUnprocessableEntity, wire.CodeInconsistent, "%v", err)
		default:
			return store.Deposit{}, reject(http.StatusBadRequest, wire.CodeInvalidField, "%v", err)
		}
	}
	digest, err := channel.Domain{ChainID: c.ChainID, Contract: c.Address}.Digest(st)
	if err != nil {
		return store.Deposit{}, reject(http.StatusBadRequest, wire.CodeInvalidField, "%v", err)
	}
	if err := channel.VerifySigner(digest, d.SigHub, c.Hub); err != nil {
		return store.Deposit{}, reject(http.StatusUnprocessableEntity, wire.CodeBadHubSignature, "sigHub: %v", err)
	}
	if err := channel.VerifySigner(digest, d.SigUser, st.User); err != nil {
		return store.Deposit{}, reject(http.StatusUnprocessableEntity, wire.CodeBadUserSignature, "sigUser: %v", err)
	}
	secrets, err := s.checkLocks(c.Address, d)
	if err != nil {
		return store.Deposit{}, err
	}
	rcpt := channel.Receipt{Contract: c.Address, User: st.User, Nonce: channel.Amount{V: st.Nonce}, StateDigest: digest,
		IssuedAt: uint64(s.now().Unix())}
	if err := s.signer.SignReceipt(c.ChainID, &rcpt); err != nil {
		return store.Deposit{}, err
	}
	return store.Deposit{State: store.StoredState{Contract: c.Address, State: st, Digest: digest, SigHub: d.SigHub, SigUser: d.SigUser,
		Locks: d.Locks}, Receipt: rcpt, Secrets: secrets}, nil
}

// checkLocks checks a deposit's locks against its state's locks root and each secret
// against a lock paying the user, and returns the secrets sealed for the store.
func (s *Server) checkLocks(contract common.Address, d wire.Deposit) ([]store.SealedSecret, error) {
	st := d.State
	if len(d.Locks) > 0 {
		root, err := channel.LocksRoot(d.Locks)
		if err != nil {
			return nil, reject(http.StatusUnprocessableEntity, wire.CodeBadLocks, "locks: %v", err)
		}
		if root != st.LocksRoot {
			return nil, reject(http.StatusUnprocessableEntity, wire.CodeBadLocks,
				"locks: their root is %s, the state's locksRoot %s: send the state's whole lock list, in order", root, st.LocksRoot)
		}
		// Whole: each side's locks sum to what it locked. The contract voids the locks of a
		// side whose locks sum to more, and gives back unclaimed what they sum to less: a
		// tower holding such a list would register secrets and resolve locks for nothing.
		if err := channel.Validate(st, d.Locks); err != nil {
			return nil, reject(http.StatusUnprocessableEntity, wire.CodeBadLocks, "locks: %v", err)
		}
	}
	if len(d.Secrets) == 0 {
		return nil, nil
	}
	paysUser := map[common.Hash]uint64{} // hashlock -> expiry
	for _, l := range d.Locks {
		if l.Sender == channel.Hub {
			expiry := uint64(1 << 62) // beyond any block time
			if l.Expiry.IsUint64() {
				expiry = min(expiry, l.Expiry.Uint64())
			}
			paysUser[l.Hashlock] = expiry
		}
	}
	out := make([]store.SealedSecret, 0, len(d.Secrets))
	seen := map[common.Hash]int{}
	for i, secret := range d.Secrets {
		h := channel.HashSecret(secret)
		if j, dup := seen[h]; dup {
			return nil, reject(http.StatusUnprocessableEntity, wire.CodeBadLocks, "secrets[%d] repeats secrets[%d]", i, j)
		}
		seen[h] = i
		expiry, ok := paysUser[h]
		if !ok {
			// Not echoed: the secret stays out of answers as out of logs.
			return nil, reject(http.StatusUnprocessableEntity, wire.CodeBadLocks,
				"secrets[%d] (hashlock %s) opens none of the deposit's locks paying the user (sender 0): send the locks with it; "+
					"a tower registers only secrets that pay the user", i, h)
		}
		out = append(out, store.SealedSecret{Hashlock: h, Sealed: s.signer.box.Seal(contract, st.User, h, secret), Expiry: expiry})
	}
	return out, nil
}

// parallel calls fn(0) … fn(n-1) on up to GOMAXPROCS goroutines and returns when all
// have returned; one item runs on the caller's goroutine.
func parallel(n int, fn func(i int)) {
	workers := min(n, runtime.GOMAXPROCS(0))
	if workers <= 1 {
		for i := range n {
			fn(i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				fn(i)
			}
		})
	}
	wg.Wait()
}
