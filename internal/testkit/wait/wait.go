// Package wait is the one way Vigil's tests wait for something another goroutine or
// process brings about: poll a condition, backing off from a few milliseconds to a fifth
// of a second, until it holds or a deadline passes, then fail naming what never happened.
//
// It waits for an event, never for time: a test that must show something does not happen
// drives the code to a point where it would have (a sweep run, a block mined) and checks
// then, instead of sleeping.
package wait

import (
	"testing"
	"time"
)

// Timeout is how long For waits.
const Timeout = time.Minute

// For waits up to Timeout for cond to hold, failing the test with what otherwise.
func For(t testing.TB, what string, cond func() bool) {
	t.Helper()
	Until(t, Timeout, what, cond)
}

// Until waits up to limit for cond to hold, failing the test with what otherwise.
func Until(t testing.TB, limit time.Duration, what string, cond func() bool) {
	t.Helper()
	if !Poll(limit, cond) {
		t.Fatalf("timed out after %v waiting for %s", limit, what)
	}
}

// Poll reports whether cond held within limit, for a test that reports the failure its
// own way (with a dump of its state).
func Poll(limit time.Duration, cond func() bool) bool {
	deadline := time.Now().Add(limit)
	for pause := 5 * time.Millisecond; ; pause = min(2*pause, 200*time.Millisecond) {
		if cond() {
			return true
		}
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(pause)
	}
}
