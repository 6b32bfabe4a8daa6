package adversary

import (
	"bufio"
	"bytes"
	"encoding/json"
	"math/big"
	"os"
	"sort"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/client"
	"github.com/vigil-hub/vigil/contracts/bindings"
	"github.com/vigil-hub/vigil/internal/simchain"
)

type chanView = bindings.ChannelManagerChannel

// user is one wallet and what the simulation knows about it.
type user struct {
	i      int
	acct   simchain.Account
	path   string
	px     *proxy
	w      *client.Wallet
	online bool // syncs with the hub; offline it answers nothing
	// hostile: this user is the schedule's hostile party.
	hostile bool
	// history holds every co-signed state the user's wallet ever kept, by nonce, with the
	// chain time of the step before it was first seen (a lower bound of when it was
	// signed). An injected state the hub never stored is here too.
	history map[string]*seen
	// batches are the batches a hostile hub showed the user, with what it co-signed.
	batches []*shownBatch
	// secrets are the payment secrets the user learnt, as payer or payee.
	secrets map[common.Hash]common.Hash // hashlock → secret
	// unguarded: a dispute of this user's channel opened by a hostile hub while the user
	// was offline (it has no tower), so nobody could answer it.
	unguarded bool
}

// seen is a co-signed state and when it was first seen.
type seen struct {
	State   *channel.State
	Locks   []channel.Lock
	SigHub  []byte
	SigUser []byte
	After   uint64 // chain time before the step it appeared in: it was signed at or after
	By      uint64 // chain time after that step: it was signed at or before
}

// journalLine is the part of a wallet's state-file line the simulation reads: the
// wallet's newest co-signed state (and its newest final one beside a proposal). The file
// is the wallet's own record of what it signed, the one place a state the real hub never
// stored (a hostile hub's) is kept.
type journalLine struct {
	Cosigned journalState  `json:"cosigned"`
	Final    *journalState `json:"final"`
}

type journalState struct {
	State   *channel.State `json:"state"`
	Locks   []channel.Lock `json:"locks"`
	SigHub  hexutil.Bytes  `json:"sigHub"`
	SigUser hexutil.Bytes  `json:"sigUser"`
}

// observe reads the wallet's journal and records every co-signed state not seen
// before, stamped with after.
func (u *user) observe(after, by uint64) {
	if u.history == nil {
		u.history = map[string]*seen{}
	}
	b, err := os.ReadFile(u.path)
	if err != nil {
		return
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		var l journalLine
		if json.Unmarshal(sc.Bytes(), &l) != nil {
			continue
		}
		for _, js := range []*journalState{&l.Cosigned, l.Final} {
			if js == nil || js.State == nil || len(js.SigHub) == 0 || len(js.SigUser) == 0 {
				continue
			}
			k := js.State.Nonce.String()
			if _, ok := u.history[k]; !ok {
				u.history[k] = &seen{State: js.State, Locks: js.Locks, SigHub: js.SigHub, SigUser: js.SigUser, After: after, By: by}
			}
		}
	}
}

// states returns the user's co-signed states by nonce, oldest first.
func (u *user) states() []*seen {
	out := make([]*seen, 0, len(u.history))
	for _, s := range u.history {
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].State.Nonce.Cmp(out[j].State.Nonce) < 0 })
	return out
}

// newest returns the newest co-signed state, and the newest final one (the one a dispute
// takes): the same unless the newest is a proposal.
func (u *user) newest() (newest, final *seen) {
	all := u.states()
	for i := len(all) - 1; i >= 0; i-- {
		if newest == nil {
			newest = all[i]
		}
		if all[i].State.Timeout.Sign() == 0 {
			return newest, all[i]
		}
	}
	return newest, nil
}

func (u *user) addr() common.Address { return u.acct.Addr }

func zero() *big.Int { return new(big.Int) }
