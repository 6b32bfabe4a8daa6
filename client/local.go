package client

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
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

// local is the wallet's file: its newest co-signed state (and, when that is a proposal,
// the newest final one before it), a request it asked for whose answer it has not seen,
// and the secrets of its payments.
type local struct {
	User     common.Address `json:"user"`
	Cosigned cosigned       `json:"cosigned"`
	// Final is the newest co-signed final state (timeout 0) while Cosigned is a proposal,
	// which a dispute does not take: the state Exit disputes with then. Files written
	// before it load without one.
	Final   *cosigned              `json:"final,omitempty"`
	Signed  *signed                `json:"signed,omitempty"`
	Secrets map[string]common.Hash `json:"secrets"`
	// Towers keeps, per watchtower URL, its checked info, newest receipt and the backup
	// it has yet to receipt (towers.go).
	Towers map[string]*towerRecord `json:"towers,omitempty"`

	lines int // lines in the journal since it was last rewritten
}

// The state file is a journal: each save appends the whole state as one line of JSON
// and fsyncs it, so that a save is a write and a flush, not a new file and a rename.
// The last line is the state. The first save, and every save after journalLimit lines,
// rewrites the file to the newest state alone (a temporary file, fsync, rename, fsync of
// the directory). A line a crash cut short was never acknowledged: loading skips it, and
// the next save rewrites the file without it. A file of one JSON object without a
// newline, as wallets before the journal wrote it, or one spread over several lines by
// hand, loads as that state.
const journalLimit = 256

func loadLocal(path string, user common.Address) (*local, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return &local{User: user, Cosigned: cosigned{State: channel.NewState(user), Locks: []channel.Lock{}}, Secrets: map[string]common.Hash{},
			lines: journalLimit}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read wallet state: %w", err)
	}
	l, lines, err := lastRecord(b)
	if err != nil {
		return nil, fmt.Errorf("wallet state %s: %w", path, err)
	}
	if l.User != user {
		return nil, fmt.Errorf("wallet state %s belongs to %s, not %s", path, l.User, user)
	}
	if l.Secrets == nil {
		l.Secrets = map[string]common.Hash{}
	}
	l.lines = lines
	return l, nil
}

// lastRecord returns the newest state in a journal and how many lines it holds — or
// journalLimit when the file does not end with that state and its newline, so that the
// next save rewrites it rather than appending to it. Only the last line can be cut short —
// every line before it was flushed before the next was written — so when the last is cut
// short, the one before it is the state.
func lastRecord(b []byte) (*local, int, error) {
	// Each attempt decodes into a fresh value: a line that fails part way through must
	// leave nothing behind in the state read from another.
	parse := func(line []byte) (*local, error) {
		var l local
		if err := json.Unmarshal(line, &l); err != nil {
			return nil, err
		}
		return &l, nil
	}
	if bytes.Count(bytes.TrimSpace(b), []byte("\n")) > 0 {
		if l, err := parse(b); err == nil {
			return l, journalLimit, nil // one JSON object over several lines, written by hand or by an older wallet
		}
	}
	var lines [][]byte
	for line := range bytes.SplitSeq(b, []byte("\n")) {
		if len(bytes.TrimSpace(line)) > 0 {
			lines = append(lines, line)
		}
	}
	if len(lines) == 0 {
		return nil, 0, errors.New("no state in the file")
	}
	last := lines[len(lines)-1]
	l, err := parse(last)
	if err == nil {
		if !bytes.HasSuffix(b, []byte("\n")) {
			return l, journalLimit, nil
		}
		return l, len(lines), nil
	}
	// Only a line cut short is one a crash left: not JSON, or without its newline. A whole
	// line that is not a state was written as one; skipping it would bring back an older
	// state.
	torn := !json.Valid(last) || !bytes.HasSuffix(b, []byte("\n"))
	if !torn {
		return nil, 0, fmt.Errorf("line %d: %w", len(lines), err)
	}
	if len(lines) == 1 {
		return nil, 0, err
	}
	if l, err = parse(lines[len(lines)-2]); err != nil {
		return nil, 0, fmt.Errorf("line %d: %w", len(lines)-1, err)
	}
	return l, journalLimit, nil
}

// setCosigned makes c the newest co-signed state. When c is a proposal, the final state
// it follows is kept beside it (Final); a final c replaces both. It returns a function
// that puts both back, for a save that failed.
func (l *local) setCosigned(c cosigned) (undo func()) {
	prev, prevFinal := l.Cosigned, l.Final
	switch {
	case isFinal(c):
		l.Final = nil
	case isFinal(prev) && len(prev.SigHub) > 0 && len(prev.SigUser) > 0:
		l.Final = &prev
	}
	l.Cosigned = c
	return func() { l.Cosigned, l.Final = prev, prevFinal }
}

// isFinal reports whether c is a final state: one without a timeout, which a dispute
// takes.
func isFinal(c cosigned) bool { return c.State != nil && c.State.Timeout.Sign() == 0 }

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

// save appends the state to the journal and flushes it; every journalLimit lines it
// rewrites the file instead.
func (l *local) save(path string) error {
	b, err := json.Marshal(l)
	if err != nil {
		return err
	}
	b = append(b, '\n')
	lines := l.lines
	if lines >= journalLimit {
		if err := rewrite(path, b); err != nil {
			return fmt.Errorf("save wallet state: %w", err)
		}
		l.lines = 1
		return nil
	}
	// A save that fails leaves the file as it was: a line written but not flushed is cut
	// off again, so that a state the wallet was told is not saved never loads later, and
	// the next save rewrites the file whatever is left of it.
	l.lines = journalLimit
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		return fmt.Errorf("save wallet state: %w", err)
	}
	defer f.Close()
	size, err := f.Seek(0, io.SeekEnd)
	if err != nil {
		return fmt.Errorf("save wallet state: %w", err)
	}
	if _, err := f.Write(b); err != nil {
		return errors.Join(fmt.Errorf("save wallet state: %w", err), cutBack(f, size))
	}
	if err := f.Sync(); err != nil {
		return errors.Join(fmt.Errorf("save wallet state: %w", err), cutBack(f, size))
	}
	l.lines = lines + 1 // flushed: the deferred Close has nothing left to lose
	return nil
}

// cutBack truncates the journal to size, where it ended before a failed save.
func cutBack(f *os.File, size int64) error {
	if err := f.Truncate(size); err != nil {
		return fmt.Errorf("cut the unsaved state off the wallet state file: %w", err)
	}
	return f.Sync()
}

// rewrite replaces the file with b atomically and durably: a temporary file, fsync,
// rename, fsync of the directory so that the rename itself survives a crash.
func rewrite(path string, b []byte) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, ".wallet-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}
