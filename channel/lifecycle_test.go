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
