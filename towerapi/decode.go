package towerapi

import (
	"math/big"
	"net/http"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/wire"
)

// DecodeDeposits parses a request body: one deposit or a batch. It is strict, and reads
// the body once: a key must be spelt exactly as documented and appear once, an unknown
// key, data after the object or a JSON syntax error is invalid_json; a missing field, an
// array of the wrong length, a value of the wrong type, a malformed address, hash or
// signature, or an amount that is not a canonical decimal string below 2^256 is
// invalid_field. Strings are plain ASCII: a string holding an escape is malformed.
func DecodeDeposits(body []byte) (deps []wire.Deposit, batch bool, err error) {
	p := &parser{b: body}
	deps, batch, err = p.top()
	if err != nil {
		return nil, batch, err
	}
	for i, d := range deps {
		switch {
		case d.State == nil:
			return nil, batch, reject(http.StatusBadRequest, wire.CodeInvalidField, "deposit %d: state: missing", i)
		case d.Contract == (common.Address{}):
			return nil, batch, reject(http.StatusBadRequest, wire.CodeInvalidField, "deposit %d: contract: missing", i)
		case len(d.SigHub) == 0 || len(d.SigUser) == 0:
			return nil, batch, reject(http.StatusBadRequest, wire.CodeInvalidField, "deposit %d: sigHub and sigUser are required", i)
		}
	}
	return deps, batch, nil
}

func (p *parser) top() ([]wire.Deposit, bool, error) {
	if p.peek() != '{' {
		return nil, false, p.syntax("body is not a JSON object")
	}
	// A batch is the object with "states": look at its first key.
	save := p.pos
	p.pos++
	batch := false
	if p.peek() == '"' {
		k, err := p.key()
		if err != nil {
			return nil, false, err
		}
		batch = k == "states"
	}
	p.pos = save
	var deps []wire.Deposit
	if batch {
		_, err := p.object("body", []string{"states"}, func(string) error {
			return p.array("states", MaxBatch, func(at string) error {
				d, err := p.deposit(at)
				deps = append(deps, d)
				return err
			})
		})
		if err != nil {
			return nil, true, err
		}
		if len(deps) == 0 {
			return nil, true, field("states", "0 deposits, want 1 to %d", MaxBatch)
		}
	} else {
		d, err := p.deposit("body")
		if err != nil {
			return nil, false, err
		}
		deps = []wire.Deposit{d}
	}
	if p.peek() != 0 {
		return nil, batch, p.syntax("trailing data after the JSON object")
	}
	return deps, batch, nil
}

var depositKeys = []string{"contract", "state", "sigHub", "sigUser", "locks", "secrets"}

func (p *parser) deposit(path string) (wire.Deposit, error) {
	var d wire.Deposit
	_, err := p.object(path, depositKeys, func(k string) error {
		var err error
		switch k {
		case "contract":
			err = p.fixed(path+".contract", d.Contract[:])
		case "state":
			d.State, err = p.state(path + ".state")
		case "sigHub":
			d.SigHub, err = p.bytes(path + ".sigHub")
		case "sigUser":
			d.SigUser, err = p.bytes(path + ".sigUser")
		case "locks":
			d.Locks, err = p.locks(path + ".locks")
		case "secrets":
			err = p.array(path+".secrets", wire.MaxLocks, func(at string) error {
				var h common.Hash
				if err := p.fixed(at, h[:]); err != nil {
					return err
				}
				d.Secrets = append(d.Secrets, h)
				return nil
			})
		}
		return err
	})
	return d, err
}

var lockKeys = []string{"index", "sender", "amountWei", "amountToken", "hashlock", "expiry"}

// locks reads a lock list: every field of every lock is required.
func (p *parser) locks(path string) ([]channel.Lock, error) {
	var out []channel.Lock
	err := p.array(path, wire.MaxLocks, func(at string) error {
		var l channel.Lock
		seen, err := p.object(at, lockKeys, func(k string) error {
			var err error
			switch k {
			case "index", "sender":
				var v *big.Int
				if v, err = p.number(at + "." + k); err != nil {
					return err
				}
				if k == "sender" {
					if v.Cmp(big.NewInt(channel.User)) > 0 {
						return field(at+".sender", "%s is neither hub (0) nor user (1)", v)
					}
					l.Sender = uint8(v.Uint64())
				} else {
					if !v.IsUint64() || v.Uint64() > wire.MaxLocks {
						return field(at+".index", "%s is beyond the lock list", v)
					}
					l.Index = uint32(v.Uint64())
				}
			case "amountWei":
				l.AmountWei, err = p.amount(at + ".amountWei")
			case "amountToken":
				l.AmountToken, err = p.amount(at + ".amountToken")
			case "hashlock":
				err = p.fixed(at+".hashlock", l.Hashlock[:])
			case "expiry":
				l.Expiry, err = p.amount(at + ".expiry")
			}
			return err
		})
		if err != nil {
			return err
		}
		for _, k := range lockKeys {
			if !seen[k] {
				return field(at+"."+k, "missing")
			}
		}
		if err := l.CheckFields(); err != nil {
			return field(at, "%v", err)
		}
		out = append(out, l)
		return nil
	})
	return out, err
}

var stateKeys = []string{"user", "recipient", "weiBalances", "tokenBalances", "pendingWei", "pendingToken",
	"nonce", "onchainNonce", "locksRoot", "lockedWei", "lockedToken", "timeout"}

func (p *parser) state(path string) (*channel.State, error) {
	s := &channel.State{}
	seen, err := p.object(path, stateKeys, func(k string) error {
		at := path + "." + k
		switch k {
		case "user":
			return p.fixed(at, s.User[:])
		case "recipient":
			return p.fixed(at, s.Recipient[:])
		case "locksRoot":
			return p.fixed(at, s.LocksRoot[:])
		case "weiBalances":
			return p.amounts(at, s.WeiBalances[:])
		case "tokenBalances":
			return p.amounts(at, s.TokenBalances[:])
		case "pendingWei":
			return p.amounts(at, s.PendingWei[:])
		case "pendingToken":
			return p.amounts(at, s.PendingToken[:])
		case "lockedWei":
			return p.amounts(at, s.LockedWei[:])
		case "lockedToken":
			return p.amounts(at, s.LockedToken[:])
		}
		v, err := p.amount(at)
		switch k {
		case "nonce":
			s.Nonce = v
		case "onchainNonce":
			s.OnchainNonce = v
		case "timeout":
			s.Timeout = v
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	for _, k := range stateKeys {
		if !seen[k] {
			return nil, field(path+"."+k, "missing")
		}
	}
	if err := s.CheckFields(); err != nil {
		return nil, field(path, "%v", err)
	}
	return s, nil
}
