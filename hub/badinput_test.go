package hub_test

import (
	"bytes"
	"crypto/ecdsa"
	"encoding/json"
	"io"
	"math/big"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/hubapi"
	"github.com/vigil-hub/vigil/wire"
)

// rawCall sends a request signed by key for user, with an auth nonce issued to nonceFor
// (or reused, when nonce is set). It returns the status, the error body and the nonce.
type rawCall struct {
	method, path string
	body         []byte
	key          *ecdsa.PrivateKey
	user         common.Address
	nonceFor     common.Address
	nonce        *common.Hash
	noAuth       bool
}

func (e *env) raw(c rawCall) (int, wire.Error, common.Hash) {
	e.t.Helper()
	var n common.Hash
	switch {
	case c.nonce != nil:
		n = *c.nonce
	case !c.noAuth:
		b, _ := json.Marshal(wire.AuthNonceRequest{User: c.nonceFor})
		resp, err := http.Post(e.srv.URL+"/v1/auth/nonce", "application/json", bytes.NewReader(b))
		if err != nil {
			e.t.Fatal(err)
		}
		var an wire.AuthNonce
		json.NewDecoder(resp.Body).Decode(&an)
		resp.Body.Close()
		n = an.Nonce
	}
	req, _ := http.NewRequest(c.method, e.srv.URL+c.path, bytes.NewReader(c.body))
	if !c.noAuth {
		sig, err := wire.SignAuth(wire.AuthDigest(e.c.ChainID, e.c.ManagerAddr, n, c.method, c.path, c.body), c.key)
		if err != nil {
			e.t.Fatal(err)
		}
		req.Header.Set(wire.HeaderUser, c.user.Hex())
		req.Header.Set(wire.HeaderNonce, n.Hex())
		req.Header.Set(wire.HeaderSignature, "0x"+common.Bytes2Hex(sig))
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	var we wire.Error
	json.Unmarshal(b, &we)
	return resp.StatusCode, we, n
}

// TestBadInput sends the hub every kind of bad request. Each gets its 4xx code and
// changes nothing: the user's channel stays at its nonce and no payment is recorded.
func TestBadInput(t *testing.T) {
	e := newEnv(t, envConfig{users: 3})
	a, b, c := e.wallet(e.users[0]), e.wallet(e.users[1]), e.wallet(e.users[2])
	e.deposit(a, eth(10))
	e.deposit(b, eth(10))
	e.collateral(b)
	e.deposit(c, eth(10)) // and no collateral: a payment to c would need a top-up
	ka, ua := e.users[0].Key, e.users[0].Addr
	stranger, _ := crypto.GenerateKey()
	us := crypto.PubkeyToAddress(stranger.PublicKey)
	before, _ := a.Latest()
	beforeC, _ := c.Latest()
	now := e.now()

	// payReq builds a signed payment request from a's latest state, then lets mutate
	// change it (after signing, so a wrong field leaves a stale signature where relevant).
	payReq := func(amount *big.Int, payee common.Address, signer *ecdsa.PrivateKey, mutate func(*wire.HubRequest)) []byte {
		l := channel.Lock{Sender: channel.User, AmountWei: amount, AmountToken: new(big.Int),
			Hashlock: channel.HashSecret(common.Hash{byte(amount.Int64() % 251), 1}), Expiry: new(big.Int).SetUint64(now + 3600)}
		u := channel.Update{Kind: channel.KindLock, Lock: &l}
		next, _, err := u.Apply(before, nil)
		var sig []byte
		nonce := new(big.Int).Add(before.Nonce, big.NewInt(1))
		if err == nil {
			d, _ := e.c.Domain.Digest(next)
			sig, _ = channel.Sign(d, signer)
		} else {
			sig = make([]byte, 65)
		}
		r := wire.HubRequest{Update: u, Nonce: channel.Amount{V: nonce}, SigUser: sig, Payee: &payee, SealedSecret: []byte{1, 2, 3}}
		if mutate != nil {
			mutate(&r)
		}
		body, _ := json.Marshal(r)
		return body
	}
	good := func(path string, body []byte) rawCall {
		return rawCall{method: http.MethodPost, path: path, body: body, key: ka, user: ua, nonceFor: ua}
	}
	bob, carol := b.Address(), c.Address()
	tests := []struct {
		name   string
		call   rawCall
		status int
		code   string
	}{
		{"no auth", rawCall{method: http.MethodGet, path: "/v1/channel", noAuth: true}, 401, wire.CodeAuthRequired},
		{"foreign auth signature", rawCall{method: http.MethodGet, path: "/v1/channel", key: stranger, user: ua, nonceFor: ua}, 401, wire.CodeAuthInvalid},
		{"nonce issued to another user", rawCall{method: http.MethodGet, path: "/v1/channel", key: ka, user: ua, nonceFor: bob}, 401, wire.CodeAuthInvalid},
		{"oversized body", good("/v1/requests", bytes.Repeat([]byte("x"), hubapi.MaxBody+1)), 413, wire.CodeBodyTooLarge},
		{"not json", good("/v1/requests", []byte("{")), 400, wire.CodeInvalidJSON},
		{"unknown field", good("/v1/requests", []byte(`{"update":{"kind":"lock"},"nonce":"1","sigUser":"0x00","extra":1}`)), 400, wire.CodeInvalidJSON},
		{"negative amount", good("/v1/requests", []byte(strings.Replace(string(payReq(eth(1), bob, ka, nil)), `"amountWei":"1000000000000000000"`, `"amountWei":"-1"`, 1))), 400, wire.CodeInvalidField},
		{"overflowing amount", good("/v1/requests", []byte(strings.Replace(string(payReq(eth(1), bob, ka, nil)), `"amountWei":"1000000000000000000"`,
			`"amountWei":"`+new(big.Int).Lsh(big.NewInt(1), 256).String()+`"`, 1))), 400, wire.CodeInvalidField},
		{"zero amount", good("/v1/requests", payReq(new(big.Int), bob, ka, nil)), 400, wire.CodeInvalidField},
		{"more than the balance", good("/v1/requests", payReq(eth(11), bob, ka, nil)), 422, wire.CodeInsufficient},
		{"unknown payee", good("/v1/requests", payReq(eth(1), common.Address{0x99}, ka, nil)), 404, wire.CodeUnknownPayee},
		{"paying oneself", good("/v1/requests", payReq(eth(1), ua, ka, nil)), 404, wire.CodeUnknownPayee},
		{"state signed by someone else", good("/v1/requests", payReq(eth(1), bob, stranger, nil)), 400, wire.CodeBadSignature},
		{"wrong state nonce", good("/v1/requests", payReq(eth(1), bob, ka, func(r *wire.HubRequest) {
			r.Nonce = channel.Amount{V: new(big.Int).Add(before.Nonce, big.NewInt(5))}
		})), 409, wire.CodeNonce},
		{"expiry too far", good("/v1/requests", payReq(eth(1), bob, ka, func(r *wire.HubRequest) {
			r.Update.Lock.Expiry = new(big.Int).SetUint64(now + 10*86400)
		})), 400, wire.CodeExpiry},
		// Refused for the payer's side, toward a payee lacking collateral: no top-up is
		// proposed to the payee, so a request the hub refuses moves none of its reserve.
		{"more than the balance, to a payee without collateral", good("/v1/requests", payReq(eth(11), carol, ka, nil)), 422, wire.CodeInsufficient},
		{"state signed by someone else, to a payee without collateral", good("/v1/requests", payReq(eth(1), carol, stranger, nil)), 400, wire.CodeBadSignature},
		{"wrong state nonce, to a payee without collateral", good("/v1/requests", payReq(eth(1), carol, ka, func(r *wire.HubRequest) {
			r.Nonce = channel.Amount{V: new(big.Int).Add(before.Nonce, big.NewInt(5))}
		})), 409, wire.CodeNonce},
		{"payer without a channel, to a payee without collateral", rawCall{method: http.MethodPost, path: "/v1/requests",
			body: payReq(eth(1), carol, stranger, nil), key: stranger, user: us, nonceFor: us}, 422, wire.CodeInsufficient},
		{"hub-only update", good("/v1/requests", []byte(`{"update":{"kind":"confirm"},"nonce":"99","sigUser":"0x00"}`)), 422, wire.CodeNotAllowed},
		{"co-sign with nothing proposed", good("/v1/cosign", []byte(`{"nonce":"99","sigUser":"0x00"}`)), 409, wire.CodeNonce},
		{"unknown endpoint", good("/v1/nothing", nil), 404, wire.CodeMethodNotFound},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			status, werr, _ := e.raw(tc.call)
			if status != tc.status || werr.Code != tc.code {
				t.Errorf("got %d %s (%s), want %d %s", status, werr.Code, werr.Message, tc.status, tc.code)
			}
			if werr.Message == "" {
				t.Error("no message naming what was wrong")
			}
			v, err := e.h.View(t.Context(), ua, big.NewInt(0))
			if err != nil || v.Cosigned.State.Nonce.Cmp(before.Nonce) != 0 || len(v.Proposals) != 0 {
				t.Errorf("the channel changed: %+v %v", v.Cosigned.State.Nonce, err)
			}
			if ps, _ := e.h.Payments(t.Context(), ua, 10); len(ps) != 0 {
				t.Errorf("%d payments recorded", len(ps))
			}
			if v, err := e.h.View(t.Context(), carol, big.NewInt(0)); err != nil || v.Cosigned.State.Nonce.Cmp(beforeC.Nonce) != 0 || len(v.Proposals) != 0 {
				t.Errorf("the payee's channel changed: %d proposals (%v)", len(v.Proposals), err)
			}
		})
	}

	// The same payment, valid, is refused for the payee's collateral and tops it up.
	t.Run("valid payment to a payee without collateral", func(t *testing.T) {
		status, werr, _ := e.raw(good("/v1/requests", payReq(eth(1), carol, ka, nil)))
		if status != 409 || werr.Code != wire.CodeCollateral {
			t.Fatalf("got %d %s (%s), want 409 %s", status, werr.Code, werr.Message, wire.CodeCollateral)
		}
		v, err := e.h.View(t.Context(), carol, big.NewInt(0))
		if err != nil || len(v.Proposals) != 1 || v.Proposals[0].Kind != wire.RoleCollateral {
			t.Fatalf("no top-up proposed to the payee: %+v (%v)", v.Proposals, err)
		}
	})

	t.Run("replayed auth nonce", func(t *testing.T) {
		c := rawCall{method: http.MethodGet, path: "/v1/channel", key: ka, user: ua, nonceFor: ua}
		if status, werr, _ := e.raw(c); status != 200 {
			t.Fatalf("first use: %d %s", status, werr.Message)
		}
		_, _, n := e.raw(c)
		c.nonce = &n
		if status, werr, _ := e.raw(c); status != 401 || werr.Code != wire.CodeAuthInvalid {
			t.Errorf("replayed nonce: %d %s, want 401 %s", status, werr.Code, wire.CodeAuthInvalid)
		}
	})
	t.Run("expired auth nonce", func(t *testing.T) {
		n := common.Hash{0xee, 1}
		if err := e.st.NewAuthNonce(t.Context(), n, ua, time.Now().Add(-time.Second)); err != nil {
			t.Fatal(err)
		}
		c := rawCall{method: http.MethodGet, path: "/v1/channel", key: ka, user: ua, nonce: &n}
		if status, werr, _ := e.raw(c); status != 401 || werr.Code != wire.CodeAuthInvalid {
			t.Errorf("expired nonce: %d %s, want 401 %s", status, werr.Code, wire.CodeAuthInvalid)
		}
	})
}
