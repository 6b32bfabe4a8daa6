package adversary

import (
	"os"
	"strconv"
	"testing"
)

func runSeed(t *testing.T, seed uint64, dsn string) {
	t.Helper()
	res, err := Run(t.Context(), seed, Options{DSN: dsn, Dir: t.TempDir(), Logf: func(f string, a ...any) {
		if os.Getenv("VIGIL_SIM_TRACE") != "" {
			t.Logf(f, a...)
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	_ = res
}

func TestOne(t *testing.T) {
	seed, _ := strconv.ParseUint(os.Getenv("SEED"), 10, 64)
	runSeed(t, seed, "")
}
