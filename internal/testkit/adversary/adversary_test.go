package adversary

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/vigil-hub/vigil/internal/testkit/pgtest"
)

// runSeed runs one schedule, on PostgreSQL when pg, and fails t with its trace when an
// invariant breaks or the simulation cannot run. A budget above 0 bounds the run: one
// that has not finished by then is skipped, not judged.
func runSeed(t testing.TB, seed uint64, pg bool, choices []byte, budget time.Duration) {
	t.Helper()
	dsn := ""
	if pg {
		dsn = pgtest.NewDatabase(t)
	}
	// Not t.TempDir: a fuzz input's name ("seed#0") puts a '#' in it, which an SQLite
	// DSN does not take.
	dir, err := os.MkdirTemp("", "adversary-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	var mu sync.Mutex
	var trace []string
	ctx := t.Context()
	if budget > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, budget)
		defer cancel()
	}
	_, err = Run(ctx, seed, Options{DSN: dsn, Dir: dir, Choices: choices, Logf: func(f string, a ...any) {
		mu.Lock()
		trace = append(trace, fmt.Sprintf(f, a...))
		mu.Unlock()
	}})
	if err != nil && budget > 0 && ctx.Err() != nil && !errors.Is(err, ErrViolation) {
		t.Skipf("seed %d ran past its budget of %v: %v", seed, budget, err)
	}
	if err != nil || os.Getenv("VIGIL_SIM_TRACE") != "" {
		for _, l := range trace {
			t.Log(l)
		}
	}
	if err != nil {
		if errors.Is(err, ErrViolation) {
			t.Errorf("%v", err)
		} else {
			t.Errorf("simulation failed: %v", err)
		}
	}
}

// classSeeds are corpus seeds built around one of issue 26's bugs each (Generate picks
// the class from seed % 10, classOf); how each was checked to exercise its bug is in doc.go.
var classSeeds = map[Class][]uint64{
	ClassSettledPays:     {3, 13},      // a settled channel paying: the hub refuses (channel_settled / sync first)
	ClassDisputePays:     {8, 18},      // a disputed channel paying: the hub refuses (channel_disputed)
	ClassLaggingWithdraw: {4, 14},      // an executed withdrawal invalidated while the indexer lags
	ClassReclaimInTime:   {5, 15},      // the wallet co-signing a reclaim of a lock registered in time
	ClassLateCollect:     {6, 16},      // the wallet co-signing a collect after expiry
	ClassFarTimeout:      {7, 17},      // a far-future proposal timeout freezing the channel
	ClassStaleExit:       {9, 19},      // a hostile party exiting with an old state
	ClassBatchUnfair:     {12, 32, 52}, // a fair forward under a reclaim in time, a late collect, a far timeout
}

// TestClassSeeds: the class seeds expand to their class.
func TestClassSeeds(t *testing.T) {
	for c, seeds := range classSeeds {
		for _, s := range seeds {
			if got := Generate(s, nil).Class; got != c {
				t.Errorf("seed %d is a %s schedule, want %s", s, got, c)
			}
		}
	}
}

// TestGenerateDeterministic: a seed always expands to the same schedule.
func TestGenerateDeterministic(t *testing.T) {
	for seed := range uint64(50) {
		if a, b := Generate(seed, []byte{1, 2, 3}).String(), Generate(seed, []byte{1, 2, 3}).String(); a != b {
			t.Fatalf("seed %d expands to two schedules:\n%s\n%s", seed, a, b)
		}
	}
}

// corpusSize is how many seeds the corpus runs: 200, 40 with -short, or
// VIGIL_SIM_SEEDS.
func corpusSize() uint64 {
	if n, err := strconv.ParseUint(os.Getenv("VIGIL_SIM_SEEDS"), 10, 64); err == nil {
		return n
	}
	if testing.Short() {
		return 40
	}
	return 200
}

// TestCorpus runs the fixed corpus: seeds 1..N, every tenth hub on PostgreSQL, the rest
// on SQLite, several schedules at a time (each spends most of its time waiting for
// blocks and polls).
func TestCorpus(t *testing.T) {
	n := corpusSize()
	sem := make(chan struct{}, 8)
	for seed := uint64(1); seed <= n; seed++ {
		t.Run(fmt.Sprintf("seed=%d", seed), func(t *testing.T) {
			t.Parallel()
			sem <- struct{}{}
			defer func() { <-sem }()
			runSeed(t, seed, seed%10 == 0, nil, 0)
		})
	}
}

// TestSeed runs the schedule of VIGIL_SIM_SEED (to reproduce a failure; with
// VIGIL_SIM_TRACE set it shows each action's outcome even when the seed passes).
func TestSeed(t *testing.T) {
	s := os.Getenv("VIGIL_SIM_SEED")
	if s == "" {
		t.Skip("VIGIL_SIM_SEED unset")
	}
	seed, err := strconv.ParseUint(s, 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	t.Log(Generate(seed, nil))
	runSeed(t, seed, os.Getenv("VIGIL_SIM_PG") != "", nil, 0)
}

// fuzzBudget bounds one fuzz input's run. Go's fuzz worker kills its process when an
// input takes 10 s (internal/fuzz: "deadlocked!"), which the coordinator reports as a
// crash of whatever input was running; an input that runs past this budget is skipped
// instead, and the run's trace of skips says how many were.
const fuzzBudget = 7 * time.Second

// FuzzSchedules runs the schedule of a seed with a fuzzer's extra actions (at most 10).
// Run it with the default workers (one per core): each schedule is a hub, a chain and
// its users, and more workers than cores push schedules past fuzzBudget.
func FuzzSchedules(f *testing.F) {
	for _, seeds := range classSeeds {
		for _, s := range seeds {
			f.Add(s, []byte{})
		}
	}
	f.Add(uint64(1), []byte{0, 1, 2, 3, 4, 5})
	f.Fuzz(func(t *testing.T, seed uint64, choices []byte) {
		if len(choices) > 30 {
			choices = choices[:30]
		}
		defer tally(t, seed, time.Now())
		runSeed(t, seed, false, choices, fuzzBudget)
	})
}

// tally appends one fuzz input's outcome (passed, skipped or failed, and how long it
// ran) to the file VIGIL_SIM_FUZZ_LOG names, when set: Go's fuzz coordinator counts
// executions but not skips.
func tally(t *testing.T, seed uint64, start time.Time) {
	name := os.Getenv("VIGIL_SIM_FUZZ_LOG")
	if name == "" {
		return
	}
	outcome := "passed"
	switch {
	case t.Failed():
		outcome = "failed"
	case t.Skipped():
		outcome = "skipped"
	}
	f, err := os.OpenFile(name, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		t.Errorf("fuzz log: %v", err)
		return
	}
	defer f.Close()
	fmt.Fprintf(f, "%d %s %.2fs\n", seed, outcome, time.Since(start).Seconds())
}

// TestTrace logs the trace of VIGIL_SIM_TRACE_SEED, pass or fail.
func TestTrace(t *testing.T) {
	s := os.Getenv("VIGIL_SIM_TRACE_SEED")
	if s == "" {
		t.Skip("VIGIL_SIM_TRACE_SEED unset")
	}
	seed, err := strconv.ParseUint(s, 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Run(t.Context(), seed, Options{Dir: t.TempDir(), Logf: t.Logf})
	t.Log(err)
}

// TestMain runs the corpus' schedules 8 at a time unless -test.parallel says otherwise:
// each spends most of its time waiting for blocks and polls, not on a core. Not when
// fuzzing, where -test.parallel is the number of worker processes.
func TestMain(m *testing.M) {
	flag.Parse()
	set, fuzzing := false, false
	flag.Visit(func(f *flag.Flag) {
		set = set || f.Name == "test.parallel"
		fuzzing = fuzzing || f.Name == "test.fuzz" || f.Name == "test.fuzzworker"
	})
	if !set && !fuzzing {
		_ = flag.Set("test.parallel", "8")
	}
	os.Exit(m.Run())
}
