package towerapi_test

import (
	"encoding/json"
	"math/big"
	"net/http"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/wire"
)

// lockedState is a state at nonce holding locks: two the hub sends (paying the user) and
// one the user sends, with their secrets.
func (e *env) lockedState(nonce int64) (*channel.State, []channel.Lock, []common.Hash) {
	s := e.state(nonce)
	secrets := []common.Hash{{0x51}, {0x52}, {0x53}}
	var locks []channel.Lock
	for i, sender := range []uint8{channel.Hub, channel.Hub, channel.User} {
		locks = append(locks, channel.Lock{Index: uint32(i), Sender: sender, AmountWei: big.NewInt(int64(10 + i)), AmountToken: new(big.Int),
			Hashlock: channel.HashSecret(secrets[i]), Expiry: big.NewInt(2_000_000_000)})
	}
	root, err := channel.LocksRoot(locks)
	if err != nil {
		e.t.Fatal(err)
	}
	s.LocksRoot = root
	s.WeiBalances = [2]*big.Int{big.NewInt(1_000_000_000 - 100 - 21), big.NewInt(100 - 12)}
	s.LockedWei = [2]*big.Int{big.NewInt(21), big.NewInt(12)}
	return s, locks, secrets
}

// TestDepositWithLocks: a state's locks and the secrets of locks paying the user are
// stored with it, the secrets sealed under the tower's key (the database holds no secret
// in the clear); a deposit whose locks are not the state's list, do not add up to what each
// side locked, or whose secret opens no lock paying the user, is 422 bad_locks, never
// echoes a secret, and changes nothing.
func TestDepositWithLocks(t *testing.T) {
	e := newEnv(t)
	s, locks, secrets := e.lockedState(5)
	clone := func() []channel.Lock {
		out := make([]channel.Lock, len(locks))
		for i, l := range locks {
			out[i] = l
			out[i].AmountWei = new(big.Int).Set(l.AmountWei)
		}
		return out
	}
	bad := map[string]func(d *wire.Deposit){
		"a lock missing":         func(d *wire.Deposit) { d.Locks = d.Locks[:2] },
		"locks in another order": func(d *wire.Deposit) { d.Locks[0], d.Locks[1] = d.Locks[1], d.Locks[0] },
		"an amount changed":      func(d *wire.Deposit) { d.Locks[1].AmountWei.SetInt64(99) },
		"locks of another state": func(d *wire.Deposit) { d.Locks[2].Sender = channel.Hub },
		"a secret the user pays": func(d *wire.Deposit) { d.Secrets = []common.Hash{secrets[2]} },
		"a secret of no lock":    func(d *wire.Deposit) { d.Secrets = []common.Hash{{0x77}} },
		"a secret twice":         func(d *wire.Deposit) { d.Secrets = []common.Hash{secrets[0], secrets[0]} },
		"secrets without locks":  func(d *wire.Deposit) { d.Locks = nil },
		// The root is the state's, but the locks do not add up to what each side locked:
		// the contract would void them (more) or give the rest back unclaimed (less).
		"locks sum past the hub's locked amount": func(d *wire.Deposit) {
			s2 := s.Clone()
			s2.LockedWei[channel.Hub].SetInt64(20)
			s2.WeiBalances[channel.Hub].Add(s2.WeiBalances[channel.Hub], big.NewInt(1))
			*d = e.deposit(s2)
			d.Locks, d.Secrets = clone(), []common.Hash{secrets[0]}
		},
		"locked amounts with sides swapped": func(d *wire.Deposit) {
			s2 := s.Clone()
			s2.LockedWei = [2]*big.Int{big.NewInt(12), big.NewInt(21)}
			s2.WeiBalances = [2]*big.Int{big.NewInt(1_000_000_000 - 100 - 12), big.NewInt(100 - 21)}
			*d = e.deposit(s2)
			d.Locks, d.Secrets = clone(), []common.Hash{secrets[0]}
		},
		"locks for a lockless state": func(d *wire.Deposit) {
			d.State = e.state(5)
			*d = e.deposit(d.State)
			d.Locks = clone()
		},
	}
	for name, mutate := range bad {
		d := e.deposit(s.Clone())
		d.Locks, d.Secrets = clone(), []common.Hash{secrets[0]}
		mutate(&d)
		b, _ := json.Marshal(d)
		code, body := e.post(b)
		var werr wire.Error
		json.Unmarshal(body, &werr)
		if code != http.StatusUnprocessableEntity || werr.Code != wire.CodeBadLocks {
			t.Errorf("%s: %d %s, want 422 %s", name, code, body, wire.CodeBadLocks)
		}
		for _, sec := range append(secrets, common.Hash{0x77}) {
			if strings.Contains(strings.ToLower(string(body)), strings.TrimPrefix(sec.Hex(), "0x")) {
				t.Errorf("%s: the answer echoes a secret: %s", name, body)
			}
		}
		if got := e.storedNonce(); got != "none" {
			t.Fatalf("%s: stored %s", name, got)
		}
	}

	d := e.deposit(s)
	d.Locks, d.Secrets = clone(), []common.Hash{secrets[1], secrets[0]}
	if code, res, werr := e.postDeposit(d); code != http.StatusCreated || res.Receipt == nil {
		t.Fatalf("deposit with its locks: %d %+v", code, werr)
	}
	st, err := e.st.State(t.Context(), e.contract, e.userAddr())
	if err != nil {
		t.Fatal(err)
	}
	if len(st.Locks) != 3 {
		t.Fatalf("stored locks: %+v", st.Locks)
	}
	for i := range locks {
		if st.Locks[i].Leaf() != locks[i].Leaf() {
			t.Fatalf("stored lock %d differs: %+v", i, st.Locks[i])
		}
	}
	held, err := e.st.HeldSecrets(t.Context(), e.contract, e.userAddr())
	if err != nil || len(held) != 2 {
		t.Fatalf("held secrets: %d, %v", len(held), err)
	}
	for _, h := range held {
		for _, sec := range secrets {
			if strings.Contains(string(h.Sealed), string(sec[:])) {
				t.Fatalf("secret %s stored in the clear", h.Hashlock)
			}
		}
		got, err := e.tower.Secrets().Open(e.contract, e.userAddr(), h.Hashlock, h.Sealed)
		if err != nil || channel.HashSecret(got) != h.Hashlock {
			t.Fatalf("held secret of %s does not open to its preimage: %v", h.Hashlock, err)
		}
		if h.Expiry != locks[0].Expiry.Uint64() {
			t.Fatalf("held secret of %s kept with expiry %d, its lock expires at %s", h.Hashlock, h.Expiry, locks[0].Expiry)
		}
	}
}

// TestDecodeLocks: the locks and secrets fields are decoded as strictly as the state.
func TestDecodeLocks(t *testing.T) {
	e := newEnv(t)
	s, locks, _ := e.lockedState(5)
	d := e.deposit(s)
	d.Locks = locks
	good, _ := json.Marshal(d)
	lock0 := `{"index":0,"sender":0,"amountWei":"10","amountToken":"0","hashlock":"` + locks[0].Hashlock.Hex() + `","expiry":"2000000000"}`
	if !strings.Contains(string(good), lock0) {
		t.Fatalf("the test's lock JSON is not what the wallet sends: %s", good)
	}
	cases := map[string]struct{ from, to, code string }{
		"lock field missing":  {`"sender":0,`, ``, wire.CodeInvalidField},
		"lock field unknown":  {`"sender":0,`, `"sender":0,"memo":"x",`, wire.CodeInvalidJSON},
		"sender out of range": {`"sender":0,`, `"sender":2,`, wire.CodeInvalidField},
		"sender a string":     {`"sender":0,`, `"sender":"0",`, wire.CodeInvalidField},
		"index negative":      {`"index":0,`, `"index":-1,`, wire.CodeInvalidField},
		"index fractional":    {`"index":0,`, `"index":0.5,`, wire.CodeInvalidField},
		"amount a number":     {`"amountWei":"10"`, `"amountWei":10`, wire.CodeInvalidField},
		"locks not an array":  {`"locks":[`, `"locks":{"a":[`, wire.CodeInvalidField},
		"secret malformed":    {`"locks":[`, `"secrets":["0x12"],"locks":[`, wire.CodeInvalidField},
	}
	for name, c := range cases {
		body := strings.Replace(string(good), c.from, c.to, 1)
		if c.from == `"locks":[` && name == "locks not an array" {
			body = strings.Replace(strings.Replace(string(good), `"locks":[`, `"locks":{"a":[`, 1), `]}`, `]}}`, 1)
		}
		code, resp := e.post([]byte(body))
		var werr wire.Error
		json.Unmarshal(resp, &werr)
		if code != http.StatusBadRequest || werr.Code != c.code {
			t.Errorf("%s: %d %s, want 400 %s", name, code, resp, c.code)
		}
	}
	many := make([]string, wire.MaxLocks+1)
	for i := range many {
		many[i] = lock0
	}
	body := strings.Replace(string(good), `"locks":[`, `"locks":[`+strings.Join(many, ",")+`,`, 1)
	if code, resp := e.post([]byte(body)); code != http.StatusBadRequest || !strings.Contains(string(resp), "more than 256") {
		t.Errorf("%d locks: %d %s", wire.MaxLocks+1, code, resp)
	}
	if got := e.storedNonce(); got != "none" {
		t.Fatalf("stored %s after malformed deposits", got)
	}
	if code, _ := e.post(good); code != http.StatusCreated {
		t.Fatalf("the well-formed deposit: %d", code)
	}
}
