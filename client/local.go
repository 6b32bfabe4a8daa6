package client

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"

	"github.com/vigil-hub/vigil/channel"
)

// cosigned is a state both sides signed.
type cosigned struct {
	State   *channel.State `json:"state"`
	Locks   []channel.Lock `json:"locks"`
	SigHub  hexutil.Bytes  `json:"sigHub,omitempty"`
	SigUser hexutil.Bytes  `json:"sigUser,omitempty"`
}

// signed is a request the wallet asked the hub for and has not co-signed yet, with
// everything it carried, so that the very same request can be recognised and asked again.
// A request asked hub first (every request of this wallet) has no SigUser: the user's
// signature leaves only on a state the hub has signed. A SigUser is a state an older
// wallet signed and sent with its request; it is sent again, identical, until co-signed.
type signed struct {
	Update       channel.Update  `json:"update"`
	State        *channel.State  `json:"state"`
	Locks        []channel.Lock  `json:"locks"`
	SigUser      hexutil.Bytes   `json:"sigUser,omitempty"`
	Payee        *common.Address `json:"payee,omitempty"`
	SealedSecret hexutil.Bytes   `json:"sealedSecret,omitempty"`
}

// local is the wallet's file: its newest co-signed state, a request it asked for whose
// answer it has not seen, and the secrets of its payments.
type local struct {
	User     common.Address         `json:"user"`
	Cosigned cosigned               `json:"cosigned"`
	Signed   *signed                `json:"signed,omitempty"`
	Secrets  map[string]common.Hash `json:"secrets"`
	// Towers keeps, per watchtower URL, its checked info, newest receipt and the backup
	// it has yet to receipt (towers.go).
	Towers map[string]*towerRecord `json:"towers,omitempty"`
}

func loadLocal(path string, user common.Address) (*local, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return &local{User: user, Cosigned: cosigned{State: channel.NewState(user), Locks: []channel.Lock{}}, Secrets: map[string]common.Hash{}}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read wallet state: %w", err)
	}
	var l local
	if err := json.Unmarshal(b, &l); err != nil {
		return nil, fmt.Errorf("wallet state %s: %w", path, err)
	}
	if l.User != user {
		return nil, fmt.Errorf("wallet state %s belongs to %s, not %s", path, l.User, user)
	}
	if l.Secrets == nil {
		l.Secrets = map[string]common.Hash{}
	}
	return &l, nil
}

// forgetSettled forgets the secrets of locks that were in prev and are gone from next
// (claimed, refunded or returned), so that the file does not grow with every payment.
// Secrets of payments not yet in any state are kept.
func (l *local) forgetSettled(prev, next []channel.Lock) {
	still := map[common.Hash]bool{}
	for _, lk := range next {
		still[lk.Hashlock] = true
	}
	for _, lk := range prev {
		if !still[lk.Hashlock] {
			delete(l.Secrets, lk.Hashlock.Hex())
		}
	}
}

// save writes the file atomically and durably: a temporary file, fsync, rename.
func (l *local) save(path string) error {
	b, err := json.Marshal(l)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".wallet-*")
	if err != nil {
		return fmt.Errorf("save wallet state: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return fmt.Errorf("save wallet state: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("save wallet state: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("save wallet state: %w", err)
	}
	return nil
}
