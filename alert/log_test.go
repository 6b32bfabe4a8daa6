package alert_test

import (
	"bytes"
	"log/slog"
	"math/big"
	"strings"
	"testing"

	"github.com/vigil-hub/vigil/alert"
)

// TestLogUnits: the log sink shows each raw value beside its reading — the deadline's
// Unix seconds beside UTC, wei beside ether.
func TestLogUnits(t *testing.T) {
	var buf bytes.Buffer
	l := alert.Log{Logger: slog.New(slog.NewTextHandler(&buf, nil))}
	l.Send(t.Context(), alert.Alert{Kind: alert.GasLow, Severity: alert.Critical, Deadline: 1796655893,
		Balance: big.NewInt(15e17), AtStake: alert.Funds{Wei: big.NewInt(2e18), Token: big.NewInt(7)}})
	for _, want := range []string{`deadline=1796655893 deadline_utc="2026-12-07 15:04:53 UTC"`,
		"balance_wei=1500000000000000000 balance_ether=1.5", "at_stake_wei=2000000000000000000 at_stake_ether=2"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("the log line lacks %s:\n%s", want, &buf)
		}
	}
}
