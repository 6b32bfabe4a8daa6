package sqlstore

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/store"
)

// Usage reports how much room the database takes and has left. On PostgreSQL, Bytes is
// pg_database_size and Free is -1: the server's disk may be on another host. On SQLite,
// Bytes is what the file's pages in use hold (pages freed by deletes are reused before
// the file grows) and Free what the file system holding it has left for this user.
func (s *Store) Usage(ctx context.Context) (store.Usage, error) {
	if s.d.name == postgres.name {
		u := store.Usage{Free: -1}
		if err := s.db.QueryRowContext(ctx, `SELECT pg_database_size(current_database())`).Scan(&u.Bytes); err != nil {
			return u, fmt.Errorf("database size: %w", err)
		}
		return u, nil
	}
	var pages, free, size int64
	if err := s.w.QueryRowContext(ctx, `SELECT page_count, freelist_count, page_size
		FROM pragma_page_count(), pragma_freelist_count(), pragma_page_size()`).Scan(&pages, &free, &size); err != nil {
		return store.Usage{}, fmt.Errorf("database size: %w", err)
	}
	u := store.Usage{Bytes: (pages - free) * size}
	var fs syscall.Statfs_t
	dir := filepath.Dir(strings.TrimSuffix(s.lockPath, ".lock")) // the database file's directory
	if err := syscall.Statfs(dir, &fs); err != nil {
		return u, fmt.Errorf("free space of %s: %w", dir, err)
	}
	u.Free = int64(fs.Bavail) * int64(fs.Bsize)
	return u, nil
}

// Receipt returns the receipt the tower issued for the state it holds for a channel, or
// store.ErrNotFound.
func (s *Store) Receipt(ctx context.Context, contract, user common.Address) (channel.Receipt, error) {
	key := [2]common.Address{contract, user}
	got, err := s.storedReceipts(ctx, s.db, [][2]common.Address{key})
	if err != nil {
		return channel.Receipt{}, err
	}
	sr, ok := got[key]
	switch {
	case !ok:
		return channel.Receipt{}, fmt.Errorf("receipt of %s/%s: %w", contract, user, store.ErrNotFound)
	case sr.err != nil:
		return channel.Receipt{}, fmt.Errorf("%w: %w", sr.err, store.ErrNotFound)
	}
	return sr.receipt, nil
}
