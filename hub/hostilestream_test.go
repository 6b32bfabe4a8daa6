package hub_test

import (
	"context"
	"encoding/json"
	"errors"
	"math/big"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/coder/websocket"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto/ecies"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/client"
	"github.com/vigil-hub/vigil/wire"
)

// hostileStream stands between a listening wallet and the real hub's stream as a hub that
// answers what it should not: it passes every frame on, but lets rewrite change the hub's
// frames before the wallet reads them, and records the co-signatures the wallet sends. The
// rest of the API goes to the real hub unchanged.
type hostileStream struct {
	srv *httptest.Server

	mu      sync.Mutex
	rewrite func(*wire.Frame) // called with mu held
	cosigns []wire.HubCosign
}

func newHostileStream(t *testing.T, e *env) *hostileStream {
	h := &hostileStream{}
	target := "ws" + strings.TrimPrefix(e.srv.URL, "http") + wire.StreamPath
	rest := e.srv.Config.Handler
	h.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != wire.StreamPath {
			rest.ServeHTTP(w, r)
			return
		}
		up, _, err := websocket.Dial(r.Context(), target, nil)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		defer up.CloseNow()
		down, err := websocket.Accept(w, r, nil)
		if err != nil {
			return
		}
		defer down.CloseNow()
		ctx, cancel := context.WithCancel(r.Context())
		defer cancel()
		go func() { // wallet → hub, recording co-signatures
			defer cancel()
			for {
				f, err := wire.ReadFrame(ctx, down)
				if err != nil {
					return
				}
				if f.Type == wire.FrameCosign {
					var c wire.HubCosign
					_ = json.Unmarshal(f.Body, &c)
					h.mu.Lock()
					h.cosigns = append(h.cosigns, c)
					h.mu.Unlock()
				}
				if wire.WriteFrame(ctx, up, f) != nil {
					return
				}
			}
		}()
		for { // hub → wallet, rewritten
			f, err := wire.ReadFrame(ctx, up)
			if err != nil {
				return
			}
			h.mu.Lock()
			if h.rewrite != nil {
				h.rewrite(&f)
			}
			h.mu.Unlock()
			if wire.WriteFrame(ctx, down, f) != nil {
				return
			}
		}
	}))
	t.Cleanup(h.srv.Close)
	return h
}

// payAnswerRefused has a hostile hub answer Alice's payment intent with the answer forge
// makes of the real one (the channel from her co-signed state on, her lock's state last),
// and checks that her wallet refuses it as unfair, signs nothing and keeps its state. what
// names the forgery in failures.
func payAnswerRefused(t *testing.T, what string, forge func(e *env, ch *wire.HubChannel) error) {
	e := newEnv(t, envConfig{users: 2})
	hs := newHostileStream(t, e)
	alice := e.wallet(e.users[0], func(c *client.Config) { c.HubURL = hs.srv.URL })
	bob := e.wallet(e.users[1])
	e.deposit(alice, eth(5))
	e.deposit(bob, eth(5))
	e.collateral(bob)
	e.listen(alice)
	before, _ := alice.Latest()

	var forged error
	hs.mu.Lock()
	hs.rewrite = func(f *wire.Frame) {
		if f.Type != wire.FrameResult || !strings.Contains(string(f.Body), `"role":"pay"`) {
			return
		}
		var ch wire.HubChannel
		if err := json.Unmarshal(f.Body, &ch); err != nil || len(ch.Proposals) == 0 {
			forged = errors.Join(forged, err, errors.New("an intent's answer without proposals"))
			return
		}
		if forged = forge(e, &ch); forged == nil {
			f.Body, forged = json.Marshal(ch)
		}
	}
	hs.cosigns = nil
	hs.mu.Unlock()

	_, err := alice.Pay(t.Context(), bob.Address(), client.Ether, eth(1))
	hs.mu.Lock()
	defer hs.mu.Unlock()
	if forged != nil {
		t.Fatal(forged)
	}
	if !errors.Is(err, client.ErrUnfair) {
		t.Fatalf("a payment answered with %s: %v, want ErrUnfair", what, err)
	}
	if len(hs.cosigns) != 0 {
		t.Fatalf("alice's wallet co-signed nonce %s of an answer with %s", hs.cosigns[0].Nonce.V, what)
	}
	if s, _ := alice.Latest(); s.Nonce.Cmp(before.Nonce) != 0 {
		t.Fatalf("alice's wallet moved to nonce %s (from %s) on an answer with %s", s.Nonce, before.Nonce, what)
	}
}

// TestHostileIntentAnswerRefused: a hostile hub takes Alice's payment intent and answers
// with its state of the lock signed properly but one wei of Alice's balance short: not
// the state her update gives. Her wallet checks the answer as it checks any batch,
// refuses it, signs nothing and keeps its state; the payment is not made.
func TestHostileIntentAnswerRefused(t *testing.T) {
	payAnswerRefused(t, "its state one wei short", func(e *env, ch *wire.HubChannel) error {
		p := &ch.Proposals[len(ch.Proposals)-1]
		p.State.WeiBalances[channel.User] = new(big.Int).Sub(p.State.WeiBalances[channel.User], big.NewInt(1))
		d, _ := e.c.Domain.Digest(p.State)
		var err error
		p.SigHub, err = channel.Sign(d, e.c.Accounts[0].Key)
		return err
	})
}

// TestHostileReplayOfOwnRequestRefused: a hostile hub answers Alice's payment intent with
// her lock, the collect of it with the secret (which her payee, working with the hub,
// opened) and her very same lock again, and again its collect: each step alone looks like
// her own request or a fair collect. Her request is in a batch once: the replay is refused
// as a proposal of the hub's, the whole batch with it, and she signs nothing.
func TestHostileReplayOfOwnRequestRefused(t *testing.T) {
	payAnswerRefused(t, "its lock replayed", func(e *env, ch *wire.HubChannel) error {
		own := ch.Proposals[len(ch.Proposals)-1]
		var d wire.Detail
		_ = json.Unmarshal(own.Detail, &d)
		plain, err := ecies.ImportECDSA(e.users[1].Key).Decrypt(d.SealedSecret, nil, nil) // the payee opens it
		if err != nil {
			return err
		}
		secret := common.BytesToHash(plain[:32])
		prev := own
		for range 2 {
			collect, err := e.hubSignedOn(prev.State, prev.Locks, wire.RoleCollect, wire.Detail{Update: channel.Update{Kind: channel.KindClaim, Secret: &secret}})
			if err != nil {
				return err
			}
			again, err := e.hubSignedOn(collect.State, collect.Locks, wire.RolePay, d)
			if err != nil {
				return err
			}
			ch.Proposals = append(ch.Proposals, collect, again)
			prev = again
		}
		return nil
	})
}
