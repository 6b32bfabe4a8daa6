package sqlstore

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"time"

	"github.com/vigil-hub/vigil/store"
)

// Group commit: deposits from concurrent callers are written together — one prepared
// multi-row statement per hundred rows, each committing as it ends — and every caller is
// answered only once the statements holding its rows have committed: with
// synchronous_commit on (PostgreSQL) or synchronous=FULL (SQLite), once its rows are
// durable. The cost of a commit (parsing nothing, a WAL flush, an fsync) is shared by
// every caller that queued while the previous group was being written, so throughput grows
// with concurrency while a lone caller still commits at once.

// ErrClosed reports a store closed while a write waited.
var ErrClosed = errors.New("store closed")

// groupCommitMaxRows bounds the deposits of one transaction.
const groupCommitMaxRows = 1000

// groupCommitGather is the longest a committer waits for more rows before a commit, when
// the last group was larger than what has come.
const groupCommitGather = time.Millisecond

// groupCommitTimeout bounds one group's transaction: it runs on behalf of many callers,
// so no single caller's context may abort it.
const groupCommitTimeout = 30 * time.Second

// depositJob is one PutStates call waiting for its group's commit.
type depositJob struct {
	deps []store.Deposit
	rows []depositRow
	res  []store.DepositResult
	err  error
	done chan struct{}
}

// commitQueue feeds deposit jobs to a few committers, each writing whatever is queued
// when it is free.
type commitQueue struct {
	s    *Store
	jobs chan *depositJob
	stop chan struct{}
	wg   sync.WaitGroup
	// lastRows is how many rows the committer's last group held.
	lastRows     int
	groups, rows atomic.Int64
}

// commits returns the store's commit queue, starting it on first use: committers run
// until Close.
func (s *Store) commits() *commitQueue {
	s.gcOnce.Do(func() {
		q := &commitQueue{s: s, jobs: make(chan *depositJob, 4*groupCommitMaxRows), stop: make(chan struct{})}
		// One committer: whatever queues while it writes goes in its next group, so groups
		// grow with the load and every row shares its group's statement and commit.
		q.wg.Add(1)
		go q.run()
		s.gc = q
	})
	return s.gc
}

// closeCommits stops the committers, failing what is still queued with ErrClosed.
func (s *Store) closeCommits() {
	s.gcOnce.Do(func() {}) // no queue is started after Close
	if s.gc == nil {
		return
	}
	close(s.gc.stop)
	s.gc.wg.Wait()
	for {
		select {
		case j := <-s.gc.jobs:
			j.err = ErrClosed
			close(j.done)
		default:
			return
		}
	}
}

// submit queues j and waits for its group to commit. A caller whose ctx ends first gets
// ctx's error; its deposits may still be written, unacknowledged.
func (q *commitQueue) submit(ctx context.Context, j *depositJob) ([]store.DepositResult, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	select {
	case q.jobs <- j:
	case <-q.stop:
		return nil, ErrClosed
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	select {
	case <-j.done:
		if j.err != nil {
			return nil, j.err
		}
		return j.res, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// run is one committer: it takes the next job, and every job queued behind it up to the
// row limit, and writes them in one transaction.
func (q *commitQueue) run() {
	defer q.wg.Done()
	for {
		var batch []*depositJob
		select {
		case <-q.stop:
			return
		case j := <-q.jobs:
			batch = append(batch, j)
		}
		rows := len(batch[0].rows)
	more:
		for rows < groupCommitMaxRows {
			select {
			case j := <-q.jobs:
				batch = append(batch, j)
				rows += len(j.rows)
			default:
				break more
			}
		}
		// While fewer rows have come than the last group held, more callers are likely
		// on their way: wait a little for them, so that they share this commit instead of
		// each paying for one of their own.
		if want := min(q.lastRows, groupCommitMaxRows); rows < want {
			t := time.NewTimer(groupCommitGather)
		gather:
			for rows < want {
				select {
				case j := <-q.jobs:
					batch = append(batch, j)
					rows += len(j.rows)
				case <-t.C:
					break gather
				}
			}
			t.Stop()
		}
		q.lastRows = rows
		q.groups.Add(1)
		q.rows.Add(int64(rows))
		q.write(batch)
	}
}

// GroupCommits returns how many group commits of deposits the store has made and how many
// deposits they held.
func (s *Store) GroupCommits() (groups, deposits int64) {
	if q := s.gc; q != nil {
		return q.groups.Load(), q.rows.Load()
	}
	return 0, 0
}

// write commits a group and answers its jobs. When the group fails as a whole, each job
// is tried on its own, so that one job's failure is not every job's.
func (q *commitQueue) write(batch []*depositJob) {
	err := q.commit(batch)
	if err != nil && len(batch) > 1 {
		for _, j := range batch {
			j.err = q.commit([]*depositJob{j})
			close(j.done)
		}
		return
	}
	for _, j := range batch {
		j.err = err
		close(j.done)
	}
}

func (q *commitQueue) commit(batch []*depositJob) error {
	var rows []*depositRow
	for _, j := range batch {
		for i := range j.rows {
			*j.rows[i].res = store.DepositResult{}
			rows = append(rows, &j.rows[i])
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), groupCommitTimeout)
	defer cancel()
	return q.s.writeDeposits(ctx, rows)
}
