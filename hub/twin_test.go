package hub_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"math/big"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"path/filepath"
	"sync"
	"testing"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/client"
	"github.com/vigil-hub/vigil/store"
	"github.com/vigil-hub/vigil/wire"
)

// hostileHub stands between one wallet and the real hub as a hub that refuses requests
// would: it refuses the next requests and co-signatures it is told to, keeping them (and
// any user signature in them) without passing them on, and records every user signature
// the wallet sends, with a request or a co-signature, by state nonce.
type hostileHub struct {
	srv *httptest.Server

	mu           sync.Mutex
	refuse       int // requests
	refuseCosign int
	// refuseCosignIf, when set, refuses every co-signature it holds true for (called with
	// mu held: it may read requests).
	refuseCosignIf func(wire.HubCosign) bool
	loseAnswer     int // requests passed on whose answer is lost
	// rewrite, when set, changes the hub's answers to GET /v1/channel before the wallet
	// sees them (called with mu held): a hub that proposes what it should not.
	rewrite func(*wire.HubChannel)
	// swallowCosign, when set, answers the co-signatures it holds true for itself, as if
	// taken, without passing them on (called with mu held): those of proposals the real
	// hub never made.
	swallowCosign func(wire.HubCosign) bool
	refused       []wire.HubRequest
	refusedCos    []wire.HubCosign
	requests      []wire.HubRequest          // every request the wallet sent, refused or not
	cosigns       []wire.HubCosign           // every co-signature the wallet sent, refused or not
	sigs          map[string]map[string]bool // state nonce → the user's signatures at it
}

func newHostileHub(t *testing.T, e *env) *hostileHub {
	target, err := url.Parse(e.srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	h := &hostileHub{sigs: map[string]map[string]bool{}}
	proxy := httputil.NewSingleHostReverseProxy(target)
	refuse := func(w http.ResponseWriter) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusConflict)
		json.NewEncoder(w).Encode(wire.Error{Code: wire.CodeNotAllowed, Message: "refused"})
	}
	h.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body))
		if r.Method == http.MethodPost && r.URL.Path == "/v1/requests" {
			var req wire.HubRequest
			if err := json.Unmarshal(body, &req); err == nil && h.request(req) {
				refuse(w)
				return
			}
			if h.losing() {
				proxy.ServeHTTP(httptest.NewRecorder(), r) // the hub acts; its answer never arrives
				if c, _, err := w.(http.Hijacker).Hijack(); err == nil {
					c.Close()
				}
				return
			}
		}
		if rewrite := h.rewriting(); r.Method == http.MethodGet && r.URL.Path == "/v1/channel" && rewrite != nil {
			rec := httptest.NewRecorder()
			proxy.ServeHTTP(rec, r)
			var ch wire.HubChannel
			if rec.Code == http.StatusOK && json.Unmarshal(rec.Body.Bytes(), &ch) == nil {
				h.mu.Lock()
				rewrite(&ch)
				h.mu.Unlock()
				b, _ := json.Marshal(ch)
				rec.Body = bytes.NewBuffer(b)
				rec.Header().Del("Content-Length")
			}
			for k, v := range rec.Header() {
				w.Header()[k] = v
			}
			w.WriteHeader(rec.Code)
			w.Write(rec.Body.Bytes())
			return
		}
		if r.Method == http.MethodPost && r.URL.Path == "/v1/cosign" {
			var c wire.HubCosign
			if err := json.Unmarshal(body, &c); err == nil && h.swallowed(c) {
				w.Header().Set("Content-Type", "application/json")
				w.Write([]byte(`{}`))
				return
			}
			if err := json.Unmarshal(body, &c); err == nil && h.cosign(c) {
				refuse(w)
				return
			}
		}
		proxy.ServeHTTP(w, r)
	}))
	t.Cleanup(h.srv.Close)
	return h
}

// request records a request and reports whether it is refused.
func (h *hostileHub) request(req wire.HubRequest) bool {
	h.signed(req.Nonce.V.String(), req.SigUser)
	h.mu.Lock()
	defer h.mu.Unlock()
	h.requests = append(h.requests, req)
	if h.refuse == 0 {
		return false
	}
	h.refuse--
	h.refused = append(h.refused, req)
	return true
}

func (h *hostileHub) rewriting() func(*wire.HubChannel) {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.rewrite
}

// swallowed records a co-signature and reports whether it is answered by the proxy.
func (h *hostileHub) swallowed(c wire.HubCosign) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.swallowCosign == nil || !h.swallowCosign(c) {
		return false
	}
	h.cosigns = append(h.cosigns, c)
	return true
}

// losing reports whether the answer to this request is lost.
func (h *hostileHub) losing() bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.loseAnswer == 0 {
		return false
	}
	h.loseAnswer--
	return true
}

// cosign records a co-signature and reports whether it is refused.
func (h *hostileHub) cosign(c wire.HubCosign) bool {
	h.signed(c.Nonce.V.String(), c.SigUser)
	h.mu.Lock()
	defer h.mu.Unlock()
	h.cosigns = append(h.cosigns, c)
	if h.refuseCosignIf != nil && h.refuseCosignIf(c) {
		h.refusedCos = append(h.refusedCos, c)
		return true
	}
	if h.refuseCosign == 0 {
		return false
	}
	h.refuseCosign--
	h.refusedCos = append(h.refusedCos, c)
	return true
}

func (h *hostileHub) signed(nonce string, sig []byte) {
	if len(sig) == 0 {
		return
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.sigs[nonce] == nil {
		h.sigs[nonce] = map[string]bool{}
	}
	h.sigs[nonce][string(sig)] = true
}

func (h *hostileHub) refuseNext(requests, cosigns int) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.refuse, h.refuseCosign = requests, cosigns
}

// via points a wallet at the hostile hub.
func (h *hostileHub) via(c *client.Config) { c.HubURL = h.srv.URL }

// onePerNonce fails when the wallet sent two different signatures at one state nonce:
// signing is deterministic (RFC 6979), so two signatures are two different states.
func (h *hostileHub) onePerNonce(t *testing.T) {
	t.Helper()
	h.mu.Lock()
	defer h.mu.Unlock()
	if len(h.sigs) == 0 {
		t.Fatal("no user signature seen: the check proves nothing")
	}
	for n, s := range h.sigs {
		if len(s) > 1 {
			t.Errorf("the wallet signed %d different states at nonce %s", len(s), n)
		}
	}
}

// seen reports whether c is among cs.
func seen(cs []wire.HubCosign, c wire.HubCosign) bool {
	for _, x := range cs {
		if x.Nonce.V.Cmp(c.Nonce.V) == 0 && bytes.Equal(x.SigUser, c.SigUser) {
			return true
		}
	}
	return false
}

// TestRefusedRequestLeavesNoSignature: the hub refuses Alice's payment. The request it
// keeps carries no signature of hers (the wallet asks hub first), so there is nothing to
// use. She pays again: the hub signs the payment, then refuses her co-signature, keeping
// it. That signature is on the very state her wallet holds co-signed; after a restart the
// next sync sends the identical signature again, the hub acts on it and Bob is paid once.
func TestRefusedRequestLeavesNoSignature(t *testing.T) {
	e := newEnv(t, envConfig{users: 2})
	hh := newHostileHub(t, e)
	path := filepath.Join(t.TempDir(), "alice.json")
	at := func(c *client.Config) { hh.via(c); c.StatePath = path }
	alice, bob := e.wallet(e.users[0], at), e.wallet(e.users[1])
	e.deposit(alice, eth(5))
	e.deposit(bob, eth(5))
	e.collateral(bob)
	before, _ := alice.Latest()

	hh.refuseNext(1, 0)
	if _, err := alice.Pay(t.Context(), bob.Address(), client.Ether, eth(1)); !errors.Is(err, client.ErrHub) {
		t.Fatalf("payment through a refusing hub: %v, want the hub's refusal", err)
	}
	if abandoned := hh.refused[0]; len(abandoned.SigUser) != 0 {
		t.Fatalf("the refused request carried the user's signature %x: the hub keeps it", abandoned.SigUser)
	}

	hh.refuseNext(0, 1)
	hl, err := alice.Pay(t.Context(), bob.Address(), client.Ether, eth(1))
	if err == nil {
		t.Fatal("payment with its co-signature refused: no error")
	}
	kept := hh.refusedCos[0]
	held, _ := alice.Latest()
	digest, err := e.c.Domain.Digest(held)
	if err != nil {
		t.Fatal(err)
	}
	if want := new(big.Int).Add(before.Nonce, big.NewInt(1)); held.Nonce.Cmp(want) != 0 || kept.Nonce.V.Cmp(want) != 0 {
		t.Fatalf("the wallet holds nonce %s and the hub kept a co-signature at %s, want both at %s", held.Nonce, kept.Nonce.V, want)
	}
	if channel.VerifySigner(digest, kept.SigUser, alice.Address()) != nil {
		t.Fatalf("the co-signature the hub kept is not on the state the wallet holds")
	}

	alice = e.wallet(e.users[0], at) // a restart: only the file remains
	e.eventually("the payment to complete", func() bool {
		p, err := e.st.Payment(t.Context(), e.c.ManagerAddr, hl)
		return err == nil && p.Status == store.PayCompleted
	}, bob, alice)
	hh.mu.Lock()
	var again []wire.HubCosign // the co-signatures at the kept one's nonce sent after it
	for i, c := range hh.cosigns {
		if c.Nonce.V.Cmp(kept.Nonce.V) == 0 && seen(hh.cosigns[:i], kept) {
			again = append(again, c)
		}
	}
	hh.mu.Unlock()
	if len(again) == 0 {
		t.Fatal("the refused co-signature was never sent again")
	}
	for _, c := range again {
		if !bytes.Equal(c.SigUser, kept.SigUser) {
			t.Fatalf("after the refused co-signature the wallet sent another signature at nonce %s", kept.Nonce.V)
		}
	}
	if _, u := balance(bob); u.Cmp(eth(6)) != 0 {
		t.Errorf("bob holds %s, want 6 ether: paid once", u)
	}
	hh.onePerNonce(t)
}

// TestLostAnswerIsTheSamePayment: the hub signs Alice's payment but its answer is lost.
// After a restart she pays again: the wallet finds the hub's proposal of its own request,
// co-signs it and returns its hashlock without asking for a second payment.
func TestLostAnswerIsTheSamePayment(t *testing.T) {
	e := newEnv(t, envConfig{users: 2})
	hh := newHostileHub(t, e)
	path := filepath.Join(t.TempDir(), "alice.json")
	at := func(c *client.Config) { hh.via(c); c.StatePath = path }
	alice, bob := e.wallet(e.users[0], at), e.wallet(e.users[1])
	e.deposit(alice, eth(5))
	e.deposit(bob, eth(5))
	e.collateral(bob)

	hh.mu.Lock()
	hh.loseAnswer = 1
	hh.mu.Unlock()
	if _, err := alice.Pay(t.Context(), bob.Address(), client.Ether, eth(1)); err == nil || errors.Is(err, client.ErrHub) {
		t.Fatalf("payment whose answer is lost: %v, want a transport error", err)
	}
	hh.mu.Lock()
	first, asked := hh.requests[len(hh.requests)-1], len(hh.requests)
	hh.mu.Unlock()

	alice = e.wallet(e.users[0], at) // a restart
	hl, err := alice.Pay(t.Context(), bob.Address(), client.Ether, eth(1))
	if err != nil {
		t.Fatalf("paying again: %v", err)
	}
	if hl != first.Update.Lock.Hashlock {
		t.Fatalf("paying again made payment %s, not the one the hub holds (%s)", hl, first.Update.Lock.Hashlock)
	}
	hh.mu.Lock()
	n := len(hh.requests)
	hh.mu.Unlock()
	if n != asked {
		t.Fatalf("%d more requests sent: the hub's proposal of the lost one was not recognised", n-asked)
	}
	e.eventually("the payment to complete", func() bool {
		p, err := e.st.Payment(t.Context(), e.c.ManagerAddr, hl)
		return err == nil && p.Status == store.PayCompleted
	}, bob, alice)
	if _, u := balance(bob); u.Cmp(eth(6)) != 0 {
		t.Errorf("bob holds %s, want 6 ether: paid once", u)
	}
	hh.onePerNonce(t)
}

// TestRefusedRequestThenTwinProposal: the hub refuses Alice's payment and proposes another
// state at the same nonce (a collateral top-up). Alice gave no signature with her request,
// so co-signing the proposal leaves one state she signed at that nonce; her payment then
// goes through at the next nonce, and no two states she signed share a nonce.
func TestRefusedRequestThenTwinProposal(t *testing.T) {
	e := newEnv(t, envConfig{users: 2})
	hh := newHostileHub(t, e)
	alice, bob := e.wallet(e.users[0], hh.via), e.wallet(e.users[1])
	e.deposit(alice, eth(5))
	e.deposit(bob, eth(5))
	e.collateral(bob)
	before, _ := alice.Latest()

	hh.refuseNext(1, 0)
	if _, err := alice.Pay(t.Context(), bob.Address(), client.Ether, eth(1)); !errors.Is(err, client.ErrHub) {
		t.Fatalf("payment through a refusing hub: %v, want the hub's refusal", err)
	}
	abandoned := hh.refused[0]
	if len(abandoned.SigUser) != 0 {
		t.Fatalf("the refused request carried the user's signature: the hub keeps it")
	}
	if err := alice.RequestCollateral(t.Context()); err != nil {
		t.Fatal(err)
	}
	e.eventually("the collateral at the refused nonce to be co-signed", func() bool {
		s, _ := alice.Latest()
		return s.Nonce.Cmp(abandoned.Nonce.V) >= 0
	}, alice)
	if s, _ := alice.Latest(); s.Nonce.Cmp(new(big.Int).Add(before.Nonce, big.NewInt(1))) < 0 {
		t.Fatalf("nonce %s", s.Nonce)
	}
	e.eventually("the top-up to be confirmed", func() bool { return e.settled(alice) }, alice)
	e.pay(alice, bob, eth(1))
	if _, u := balance(bob); u.Cmp(eth(6)) != 0 {
		t.Errorf("bob holds %s, want 6 ether", u)
	}
	hh.onePerNonce(t)
}
