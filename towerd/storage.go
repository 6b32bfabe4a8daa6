package towerd

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"gopkg.in/yaml.v3"

	"github.com/vigil-hub/vigil/alert"
	"github.com/vigil-hub/vigil/daemon"
	"github.com/vigil-hub/vigil/monitor"
	"github.com/vigil-hub/vigil/store"
)

// DatabaseConfig is the database section: where the store is (daemon.DatabaseConfig) and
// the room it may take. Deposits stop (507) when the database reaches HighWater of
// MaxSize, or when the file system holding an SQLite database has less than MinFree left,
// so that indexing, challenges and the outbox keep the rest.
type DatabaseConfig struct {
	daemon.DatabaseConfig `yaml:",inline"`
	// MaxSize is the database's budget (pg_database_size on PostgreSQL, the pages in use
	// on SQLite); 0, the default, sets none.
	MaxSize ByteSize `yaml:"max_size"`
	// HighWater is the share of MaxSize at which deposits stop (default 0.9).
	HighWater float64 `yaml:"high_water"`
	// MinFree is the free space an SQLite database's file system keeps (default 256MiB);
	// PostgreSQL's disk is the server's to watch.
	MinFree ByteSize `yaml:"min_free"`
}

// DefaultMinFree is the free space an SQLite tower keeps beside its database.
const DefaultMinFree = 256 << 20

// Fill applies the DATABASE_URL override and the defaults.
func (d *DatabaseConfig) Fill() {
	d.DatabaseConfig.Fill()
	d.fillLimits()
}

// fillLimits sets the default high-water mark and free-space floor.
func (d *DatabaseConfig) fillLimits() {
	if d.HighWater == 0 {
		d.HighWater = 0.9
	}
	if d.MinFree == 0 {
		d.MinFree = DefaultMinFree
	}
}

// Validate reports a missing URL, a password in it, or a high-water mark outside (0, 1].
func (d DatabaseConfig) Validate() []error {
	errs := d.DatabaseConfig.Validate()
	if d.HighWater <= 0 || d.HighWater > 1 || math.IsNaN(d.HighWater) {
		errs = append(errs, fmt.Errorf("database.high_water: %v is not a share of max_size in (0, 1]", d.HighWater))
	}
	return errs
}

// ByteSize is a size in bytes, written as a number of bytes or with a unit: B, kB, MB,
// GB, TB (powers of 1000) or KiB, MiB, GiB, TiB (powers of 1024), as in "10GB".
type ByteSize int64

var byteUnits = map[string]float64{"": 1, "b": 1, "kb": 1e3, "mb": 1e6, "gb": 1e9, "tb": 1e12,
	"kib": 1 << 10, "mib": 1 << 20, "gib": 1 << 30, "tib": 1 << 40}

// UnmarshalYAML parses a size.
func (b *ByteSize) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return fmt.Errorf("line %d: a size is a number of bytes or a number with a unit (10GB, 512MiB)", n.Line)
	}
	v, err := ParseByteSize(n.Value)
	if err != nil {
		return fmt.Errorf("line %d: %w", n.Line, err)
	}
	*b = v
	return nil
}

// ParseByteSize parses "10GB", "512 MiB" or "1000000".
func ParseByteSize(s string) (ByteSize, error) {
	t := strings.TrimSpace(s)
	i := strings.IndexFunc(t, func(r rune) bool { return (r < '0' || r > '9') && r != '.' })
	if i < 0 {
		i = len(t)
	}
	num, unit := t[:i], strings.ToLower(strings.TrimSpace(t[i:]))
	f, err := strconv.ParseFloat(num, 64)
	mult, known := byteUnits[unit]
	switch {
	case err != nil || num == "":
		return 0, fmt.Errorf("size %q: not a non-negative number with a unit", s)
	case !known:
		return 0, fmt.Errorf("size %q: unknown unit %q (B, kB, MB, GB, TB, KiB, MiB, GiB, TiB)", s, t[i:])
	case f*mult >= math.MaxInt64:
		return 0, fmt.Errorf("size %q: too large", s)
	}
	return ByteSize(f * mult), nil
}

// String is the size in bytes with the largest binary unit it fills.
func (b ByteSize) String() string {
	for _, u := range []struct {
		name string
		n    int64
	}{{"TiB", 1 << 40}, {"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}} {
		if int64(b) >= u.n {
			return strconv.FormatFloat(float64(b)/float64(u.n), 'f', 1, 64) + u.name
		}
	}
	return strconv.FormatInt(int64(b), 10) + "B"
}

// usageStore reports the database's room.
type usageStore interface {
	Usage(ctx context.Context) (store.Usage, error)
}

// Storage watches the database's room and says when deposits must stop (towerapi.Room).
// Check measures it; nothing on a request's path does.
type Storage struct {
	Store     usageStore
	MaxSize   ByteSize // 0: no budget
	HighWater float64  // share of MaxSize
	MinFree   ByteSize // 0: no floor; ignored when the store cannot tell its free space

	full atomic.Bool
	mu   sync.Mutex
	last StorageReading
}

// NewStorage watches st with cfg's budget.
func NewStorage(st usageStore, cfg DatabaseConfig) *Storage {
	return &Storage{Store: st, MaxSize: cfg.MaxSize, HighWater: cfg.HighWater, MinFree: cfg.MinFree}
}

// StorageReading is what a check measured and decided.
type StorageReading struct {
	Usage store.Usage
	Full  bool
	// Why says what is over its mark when Full.
	Why string
}

// Full reports whether the last check found the database at its high-water mark.
func (s *Storage) Full() bool { return s != nil && s.full.Load() }

// Last returns the last reading.
func (s *Storage) Last() StorageReading {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.last
}

// Check measures the database and decides whether deposits stop. When the measure
// fails, the last decision stands.
func (s *Storage) Check(ctx context.Context) (StorageReading, error) {
	if s.Store == nil {
		return StorageReading{}, errors.New("storage check: no store")
	}
	u, err := s.Store.Usage(ctx)
	if err != nil {
		return s.Last(), fmt.Errorf("storage check: %w", err)
	}
	r := StorageReading{Usage: u}
	var why []string
	if s.MaxSize > 0 {
		if mark := ByteSize(float64(s.MaxSize) * s.HighWater); ByteSize(u.Bytes) >= mark {
			why = append(why, fmt.Sprintf("the database takes %s, at or above %.0f%% of its %s budget", ByteSize(u.Bytes), s.HighWater*100, s.MaxSize))
		}
	}
	if s.MinFree > 0 && u.Free >= 0 && ByteSize(u.Free) < s.MinFree {
		why = append(why, fmt.Sprintf("its file system has %s free, below the %s kept", ByteSize(u.Free), s.MinFree))
	}
	r.Full, r.Why = len(why) > 0, strings.Join(why, "; ")
	s.full.Store(r.Full)
	s.mu.Lock()
	s.last = r
	s.mu.Unlock()
	return r, nil
}

// Follow measures the database on schedule spec (a cron spec) until ctx ends, skipping
// the runs while leading() (the leader's storage check measures and alerts): every
// replica serving the API knows when to stop deposits.
func (s *Storage) Follow(ctx context.Context, spec string, leading func() bool, log *slog.Logger) error {
	c := daemon.NewCron(log)
	if _, err := c.AddFunc(spec, func() {
		if leading() {
			return
		}
		was := s.Full()
		r, err := s.Check(ctx)
		switch {
		case err != nil:
			if ctx.Err() == nil {
				log.Warn("storage check failed", "err", err)
			}
		case r.Full && !was:
			log.Warn("database at its high-water mark: deposits stop", "why", r.Why)
		case !r.Full && was:
			log.Info("database below its high-water mark: deposits resume")
		}
	}); err != nil {
		return fmt.Errorf("schedule storage checks %q: %w", spec, err)
	}
	c.Start()
	<-ctx.Done()
	<-c.Stop().Done()
	return nil
}

// Job is the storage check the leader schedules (schedules.storage_check): at the
// high-water mark deposits stop and an alert says why; below it again they resume and the
// alert is resolved, through d.
func (s *Storage) Job(spec string, d *monitor.Duties) monitor.Job {
	return monitor.Job{Name: "storage_check", Spec: spec, Run: func(ctx context.Context) error { return s.checkAlerting(ctx, d) }}
}

func (s *Storage) checkAlerting(ctx context.Context, d *monitor.Duties) error {
	was := s.Full()
	r, err := s.Check(ctx)
	if err != nil {
		return err
	}
	if r.Full {
		if !was {
			d.Log.Warn("database at its high-water mark: deposits stop", "why", r.Why, "bytes", r.Usage.Bytes, "free", r.Usage.Free)
		}
		d.Raise(ctx, alert.StorageFullAlert(r.Why))
		return nil
	}
	if was {
		d.Log.Info("database below its high-water mark: deposits resume", "bytes", r.Usage.Bytes, "free", r.Usage.Free)
	}
	d.Resolve(ctx, "storage-full", alert.StorageOKAlert(r.Usage.Bytes))
	return nil
}
