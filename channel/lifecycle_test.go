package channel_test

import (
	"errors"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/channel"
)

func TestCheckPhase(t *testing.T) {
	for _, c := range []struct {
		phase channel.Phase
		kind  string
		want  error
	}{
		{channel.PhaseOpen, channel.KindLock, nil},
		{channel.PhaseOpen, channel.KindRestart, channel.ErrInvalidField},
		{channel.PhaseDisputed, channel.KindLock, channel.ErrDisputed},
		{channel.PhaseDisputed, channel.KindClaim, channel.ErrDisputed},
		{channel.PhaseDisputed, channel.KindRestart, channel.ErrDisputed},
		{channel.PhaseSettled, channel.KindConfirm, channel.ErrSettled},
		{channel.PhaseSettled, channel.KindRestart, nil},
	} {
		t.Run(c.phase.String()+"/"+c.kind, func(t *testing.T) {
			err := channel.CheckPhase(c.phase, c.kind)
			if (c.want == nil) != (err == nil) || (c.want != nil && !errors.Is(err, c.want)) {
				t.Fatalf("CheckPhase = %v, want %v", err, c.want)
			}
		})
	}
}

func TestRestart(t *testing.T) {
	prev := channel.NewState(common.Address{1})
	prev.Nonce.SetInt64(9)
	prev.OnchainNonce.SetInt64(2)
	prev.WeiBalances[channel.User].SetInt64(100)
	s, locks, err := channel.Restart(prev, big.NewInt(10), big.NewInt(2))
	if err != nil || len(locks) != 0 {
		t.Fatalf("Restart = %v, %v", locks, err)
	}
	if !channel.IsRestartOf(s, big.NewInt(2)) || s.Nonce.Int64() != 10 || s.User != prev.User {
		t.Fatalf("restart state %+v", s)
	}
	if channel.IsRestartOf(prev, big.NewInt(2)) {
		t.Fatal("a state with a balance is not a restart")
	}
	if _, _, err := channel.Restart(prev, big.NewInt(9), big.NewInt(2)); !errors.Is(err, channel.ErrNonce) {
		t.Fatalf("restart at a signed nonce: got %v, want ErrNonce", err)
	}
	u := channel.Update{Kind: channel.KindRestart}
	if _, _, err := u.Apply(prev, nil); !errors.Is(err, channel.ErrInvalidField) {
		t.Fatalf("restart without its nonces: got %v", err)
	}
}

func TestCheckExecutable(t *testing.T) {
	s := channel.NewState(common.Address{1})
	s.Nonce.SetInt64(7)
	s.OnchainNonce.SetInt64(2)
	s.WeiBalances[channel.User].SetInt64(60)
	s.LockedWei[channel.Hub].SetInt64(40)
	chain := func(nonce, onchain, wei int64) channel.Onchain {
		return channel.Onchain{Nonce: big.NewInt(nonce), OnchainNonce: big.NewInt(onchain), TotalWei: big.NewInt(wei), TotalToken: new(big.Int)}
	}
	for _, c := range []struct {
		name string
		c    channel.Onchain
		ok   bool
	}{
		{"agrees", chain(5, 2, 100), true},
		{"the state the chain holds", chain(7, 2, 100), true},
		{"a proposal never executed", chain(5, 1, 100), true},
		{"the chain holds more", chain(5, 2, 101), false},
		{"the chain holds less", chain(5, 2, 99), false},
		{"the chain is past the nonce", chain(8, 2, 100), false},
		{"the chain executed a later proposal", chain(5, 3, 100), false},
		{"on-chain nonce two behind", chain(5, 0, 100), false},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := channel.CheckExecutable(s, c.c)
			if c.ok != (err == nil) || (err != nil && !errors.Is(err, channel.ErrUnexecutable)) {
				t.Fatalf("CheckExecutable = %v, want ok %v", err, c.ok)
			}
		})
	}
	p := s.Clone()
	p.Timeout.SetInt64(100)
	if err := channel.CheckExecutable(p, chain(5, 2, 100)); !errors.Is(err, channel.ErrUnexecutable) {
		t.Fatalf("a proposal: got %v", err)
	}
}
