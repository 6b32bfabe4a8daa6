package towerapi_test

import (
	"bytes"
	"crypto/ecdsa"
	"encoding/json"
	"log/slog"
	"math/big"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/internal/testkit/pgtest"
	"github.com/vigil-hub/vigil/store"
	"github.com/vigil-hub/vigil/store/sqlstore"
	"github.com/vigil-hub/vigil/towerapi"
	"github.com/vigil-hub/vigil/wire"
)

type env struct {
	t        testing.TB
	st       *sqlstore.Store
	srv      *httptest.Server
	hub      *ecdsa.PrivateKey
	user     *ecdsa.PrivateKey
	tower    *towerapi.KeySigner
	contract common.Address
	domain   channel.Domain
}

func newEnv(t testing.TB) *env {
	t.Helper()
	return newEnvOn(t, pgtest.NewStore(t))
}

// newEnvOn serves the API over st.
func newEnvOn(t testing.TB, st *sqlstore.Store) *env {
	t.Helper()
	hub, _ := crypto.GenerateKey()
	user, _ := crypto.GenerateKey()
	towerKey, _ := crypto.GenerateKey()
	e := &env{t: t, st: st, hub: hub, user: user, tower: towerapi.NewKeySigner(towerKey),
		contract: common.HexToAddress("0x00000000000000000000000000000000c0FFee")}
	e.domain = channel.Domain{ChainID: big.NewInt(1337), Contract: e.contract}
	if err := st.AddContract(t.Context(), store.Contract{ChainID: e.domain.ChainID, Address: e.contract,
		Hub: crypto.PubkeyToAddress(hub.PublicKey), ChallengePeriod: 3600}); err != nil {
		t.Fatal(err)
	}
	e.srv = httptest.NewServer(towerapi.NewServer(st, e.tower, slog.New(slog.DiscardHandler)).Handler())
	t.Cleanup(e.srv.Close)
	return e
}

func (e *env) userAddr() common.Address { return crypto.PubkeyToAddress(e.user.PublicKey) }

func (e *env) state(nonce int64) *channel.State {
	s := channel.NewState(e.userAddr())
	s.Nonce.SetInt64(nonce)
	s.OnchainNonce.SetInt64(1)
	s.WeiBalances = [2]*big.Int{big.NewInt(1_000_000_000 - nonce), big.NewInt(nonce)}
	return s
}

func (e *env) deposit(s *channel.State) wire.Deposit {
	return e.depositIn(e.domain, s, e.hub, e.user)
}

func (e *env) depositIn(d channel.Domain, s *channel.State, hub, user *ecdsa.PrivateKey) wire.Deposit {
	digest, err := d.Digest(s)
	if err != nil {
		e.t.Fatal(err)
	}
	sh, _ := channel.Sign(digest, hub)
	su, _ := channel.Sign(digest, user)
	return wire.Deposit{Contract: e.contract, State: s, SigHub: sh, SigUser: su}
}

func (e *env) post(body []byte) (int, []byte) {
	e.t.Helper()
	resp, err := http.Post(e.srv.URL+"/v1/states", "application/json", bytes.NewReader(body))
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	var buf bytes.Buffer
	buf.ReadFrom(resp.Body)
	return resp.StatusCode, buf.Bytes()
}

func (e *env) postDeposit(d wire.Deposit) (int, wire.DepositResult, wire.Error) {
	e.t.Helper()
	b, err := json.Marshal(d)
	if err != nil {
		e.t.Fatal(err)
	}
	code, body := e.post(b)
	var res wire.DepositResult
	var werr wire.Error
	if code < 300 {
		if err := json.Unmarshal(body, &res); err != nil {
			e.t.Fatalf("decode %s: %v", body, err)
		}
	} else if err := json.Unmarshal(body, &werr); err != nil {
		e.t.Fatalf("decode %s: %v", body, err)
	}
	return code, res, werr
}

func (e *env) storedNonce() string {
	st, err := e.st.State(e.t.Context(), e.contract, e.userAddr())
	if err != nil {
		return "none"
	}
	return st.State.Nonce.String()
}

func TestDepositAndReceipt(t *testing.T) {
	e := newEnv(t)
	code, res, werr := e.postDeposit(e.deposit(e.state(5)))
	if code != http.StatusCreated || res.Receipt == nil {
		t.Fatalf("deposit: %d %+v", code, werr)
	}
	r := res.Receipt
	digest, _ := e.domain.Digest(e.state(5))
	if r.Nonce.V.Int64() != 5 || r.StateDigest != digest || r.User != e.userAddr() || r.Contract != e.contract {
		t.Errorf("receipt %+v does not describe the state", r)
	}
	rd, err := channel.ReceiptDigest(e.domain.ChainID, r)
	if err != nil {
		t.Fatal(err)
	}
	if err := channel.VerifySigner(rd, r.Signature, e.tower.Address()); err != nil || r.Tower != e.tower.Address() {
		t.Errorf("receipt not signed by the tower: %v", err)
	}
	// The same state again: the same receipt, nothing new stored.
	code, again, _ := e.postDeposit(e.deposit(e.state(5)))
	if code != http.StatusOK || again.Created || again.Receipt.IssuedAt != r.IssuedAt || !bytes.Equal(again.Receipt.Signature, r.Signature) {
		t.Errorf("re-submission: %d created=%v receipt %+v, want the first receipt", code, again.Created, again.Receipt)
	}
	code, ch, _ := e.read(e.user, time.Now())
	if code != http.StatusOK || ch.State == nil || ch.State.Nonce.Int64() != 5 {
		t.Errorf("GET channel signed by its user: %d %+v", code, ch)
	}
}

func TestDepositRejections(t *testing.T) {
	e := newEnv(t)
	if code, _, werr := e.postDeposit(e.deposit(e.state(5))); code != http.StatusCreated {
		t.Fatalf("setup deposit: %d %+v", code, werr)
	}
	// The index says the channel is at nonce 7 on-chain for another user.
	other, _ := crypto.GenerateKey()
	otherAddr := crypto.PubkeyToAddress(other.PublicKey)
	if err := e.st.ApplyRange(t.Context(), e.domain.ChainID, nil, store.Block{Number: 1, Hash: common.HexToHash("0x01")}, nil,
		[]store.Event{{Contract: e.contract, BlockNumber: 1, BlockHash: common.HexToHash("0x01"), Kind: store.EventChannelUpdated,
			User: otherAddr, Side: 0, Nonce: big.NewInt(7), OnchainNonce: big.NewInt(1), Fields: []byte("{}")}}); err != nil {
		t.Fatal(err)
	}
	stranger, _ := crypto.GenerateKey()
	valid := func(n int64) []byte {
		b, _ := json.Marshal(e.deposit(e.state(n)))
		return b
	}
	tests := []struct {
		name   string
		body   func() []byte
		status int
		code   string
	}{
		{"json/not an object", func() []byte { return []byte("[1,2]") }, 400, wire.CodeInvalidJSON},
		{"json/truncated", func() []byte { return valid(6)[:50] }, 400, wire.CodeInvalidJSON},
		{"json/unknown field", func() []byte {
			return bytes.Replace(valid(6), []byte(`"contract"`), []byte(`"extra":1,"contract"`), 1)
		}, 400, wire.CodeInvalidJSON},
		{"json/trailing data", func() []byte { return append(valid(6), []byte(`{}`)...) }, 400, wire.CodeInvalidJSON},
		{"field/negative amount", func() []byte {
			return bytes.Replace(valid(6), []byte(`"weiBalances":["999999994"`), []byte(`"weiBalances":["-999999994"`), 1)
		}, 400, wire.CodeInvalidField},
		{"field/amount as number", func() []byte {
			return bytes.Replace(valid(6), []byte(`"weiBalances":["999999994"`), []byte(`"weiBalances":[999999994`), 1)
		}, 400, wire.CodeInvalidField},
		{"field/amount above uint256", func() []byte {
			big := strings.Repeat("9", 78)
			return bytes.Replace(valid(6), []byte(`"weiBalances":["999999994"`), []byte(`"weiBalances":["`+big+`"`), 1)
		}, 400, wire.CodeInvalidField},
		{"field/missing state field", func() []byte {
			return bytes.Replace(valid(6), []byte(`,"timeout":"0"`), nil, 1)
		}, 400, wire.CodeInvalidField},
		{"field/missing signature", func() []byte {
			d := e.deposit(e.state(6))
			d.SigUser = nil
			b, _ := json.Marshal(d)
			return b
		}, 400, wire.CodeInvalidField},
		{"contract/not watched", func() []byte {
			d := e.deposit(e.state(6))
			d.Contract = common.HexToAddress("0x1234")
			b, _ := json.Marshal(d)
			return b
		}, 404, wire.CodeUnknownContract},
		{"signature/hub signed by stranger", func() []byte {
			b, _ := json.Marshal(e.depositIn(e.domain, e.state(6), stranger, e.user))
			return b
		}, 422, wire.CodeBadHubSignature},
		{"signature/user signed by stranger", func() []byte {
			b, _ := json.Marshal(e.depositIn(e.domain, e.state(6), e.hub, stranger))
			return b
		}, 422, wire.CodeBadUserSignature},
		{"signature/another chain", func() []byte {
			b, _ := json.Marshal(e.depositIn(channel.Domain{ChainID: big.NewInt(1), Contract: e.contract}, e.state(6), e.hub, e.user))
			return b
		}, 422, wire.CodeBadHubSignature},
		{"signature/malformed", func() []byte {
			d := e.deposit(e.state(6))
			d.SigHub = d.SigHub[:10]
			b, _ := json.Marshal(d)
			return b
		}, 422, wire.CodeBadHubSignature},
		{"state/nonzero timeout", func() []byte {
			s := e.state(6)
			s.Timeout.SetInt64(99)
			s.PendingWei[0] = big.NewInt(1)
			b, _ := json.Marshal(e.deposit(s))
			return b
		}, 422, wire.CodeNonZeroTimeout},
		{"state/balances overflow", func() []byte {
			s := e.state(6)
			s.WeiBalances = [2]*big.Int{channel.MaxUint256(), big.NewInt(1)}
			b, _ := json.Marshal(e.deposit(s))
			return b
		}, 422, wire.CodeInconsistent},
		{"nonce/below stored", func() []byte { return valid(4) }, 409, wire.CodeStaleNonce},
		{"nonce/equal with another state", func() []byte {
			s := e.state(5)
			s.WeiBalances = [2]*big.Int{big.NewInt(1), big.NewInt(99)}
			b, _ := json.Marshal(e.deposit(s))
			return b
		}, 409, wire.CodeNonceConflict},
		{"nonce/below on-chain", func() []byte {
			s := e.state(6)
			s.User, s.Recipient = otherAddr, otherAddr
			b, _ := json.Marshal(e.depositIn(e.domain, s, e.hub, other))
			return b
		}, 409, wire.CodeBelowOnchain},
		{"body/too large", func() []byte {
			return append(valid(6)[:len(valid(6))-1], []byte(`,"pad":"`+strings.Repeat("x", towerapi.MaxBodyBytes)+`"}`)...)
		}, 413, wire.CodeBodyTooLarge},
		{"batch/empty", func() []byte { return []byte(`{"states":[]}`) }, 400, wire.CodeInvalidField},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e.t = t
			code, body := e.post(tc.body())
			var werr wire.Error
			json.Unmarshal(body, &werr)
			if code != tc.status || werr.Code != tc.code || werr.Message == "" {
				t.Errorf("got %d %s (%s), want %d %s", code, werr.Code, werr.Message, tc.status, tc.code)
			}
			if n := e.storedNonce(); n != "5" {
				t.Errorf("stored nonce %s after a rejection, want 5", n)
			}
			if _, err := e.st.State(t.Context(), e.contract, otherAddr); err == nil {
				t.Errorf("a rejected deposit was stored for the other user")
			}
		})
	}
}

func TestBatchDeposit(t *testing.T) {
	e := newEnv(t)
	bad := e.deposit(e.state(3))
	bad.SigUser = bad.SigHub
	b, _ := json.Marshal(wire.DepositBatch{States: []wire.Deposit{e.deposit(e.state(2)), bad, e.deposit(e.state(4))}})
	code, body := e.post(b)
	var res wire.BatchResult
	if err := json.Unmarshal(body, &res); err != nil || code != 200 || len(res.Results) != 3 {
		t.Fatalf("batch: %d %s", code, body)
	}
	if res.Results[0].Receipt == nil || res.Results[1].Error == nil || res.Results[1].Error.Code != wire.CodeBadUserSignature ||
		res.Results[2].Receipt == nil {
		t.Errorf("batch results %s", body)
	}
	if n := e.storedNonce(); n != "4" {
		t.Errorf("stored nonce %s, want 4", n)
	}
}

// TestConcurrentDepositsKeepHighest posts nonces 1..40 for one channel at once.
func TestConcurrentDepositsKeepHighest(t *testing.T) {
	e := newEnv(t)
	var wg sync.WaitGroup
	for n := int64(40); n >= 1; n-- {
		d := e.deposit(e.state(n))
		wg.Add(1)
		go func() {
			defer wg.Done()
			b, _ := json.Marshal(d)
			resp, err := http.Post(e.srv.URL+"/v1/states", "application/json", bytes.NewReader(b))
			if err != nil {
				t.Error(err)
				return
			}
			resp.Body.Close()
			if resp.StatusCode != 201 && resp.StatusCode != 409 {
				t.Errorf("nonce %d: status %d", d.State.Nonce, resp.StatusCode)
			}
		}()
	}
	wg.Wait()
	if n := e.storedNonce(); n != "40" {
		t.Errorf("stored nonce %s, want 40", n)
	}
}
