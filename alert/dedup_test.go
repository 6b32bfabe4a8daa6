package alert

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestDedupWindowForgets: a key is dropped within the quiet window and sent again after
// it; keys whose window passed are forgotten (memory holds only the window's keys); a
// resolving alert forgets the key it resolves; MaxKeys bounds memory under a flood.
func TestDedupWindowForgets(t *testing.T) {
	c := &fakeClock{at: t0}
	rec := &Recorder{}
	d := &Dedup{Next: rec, Quiet: time.Minute, Now: c.now}
	send := func(key string) { d.Send(t.Context(), Alert{Kind: GasLow, Key: key}) }
	send("gas")
	send("gas")
	c.add(59 * time.Second)
	send("gas")
	if n := len(rec.Kinds()); n != 1 {
		t.Fatalf("%d alerts within the window, want 1", n)
	}
	c.add(time.Second)
	send("gas")
	if n := len(rec.Kinds()); n != 2 {
		t.Fatalf("%d alerts after the window, want 2", n)
	}
	for i := range 1000 {
		send(fmt.Sprint("k", i))
	}
	if d.Len() != 1001 {
		t.Fatalf("window holds %d keys, want 1001", d.Len())
	}
	c.add(2 * time.Minute)
	send("late")
	if d.Len() != 1 {
		t.Errorf("after the window passed %d keys are remembered, want 1 (the new one)", d.Len())
	}
	if len(d.order)-d.head > 2 {
		t.Errorf("the expiry list keeps %d entries for 1 key", len(d.order)-d.head)
	}

	// A resolution forgets the key it resolves: the condition may alert again at once.
	send("stale/1")
	d.Send(t.Context(), Alert{Kind: ChallengeConfirmed, Key: "confirmed/1", Resolves: "stale/1"})
	send("stale/1")
	kinds := rec.Alerts()
	if got := kinds[len(kinds)-3:]; got[0].Key != "stale/1" || got[1].Key != "confirmed/1" || got[2].Key != "stale/1" {
		t.Errorf("around a resolution: %v", []string{got[0].Key, got[1].Key, got[2].Key})
	}

	// A condition that comes back and clears again within the window: both resolutions go
	// through (the second would leave it showing as firing), a repeated one does not.
	before := len(rec.Alerts())
	for _, a := range []Alert{{Kind: IndexerBehind, Key: "indexer-behind"}, {Kind: IndexerBehind, Key: "indexer-ok", Resolves: "indexer-behind"},
		{Kind: IndexerBehind, Key: "indexer-behind"}, {Kind: IndexerBehind, Key: "indexer-ok", Resolves: "indexer-behind"},
		{Kind: IndexerBehind, Key: "indexer-ok", Resolves: "indexer-behind"}} {
		d.Send(t.Context(), a)
	}
	var keys []string
	for _, a := range rec.Alerts()[before:] {
		keys = append(keys, a.Key)
	}
	if want := []string{"indexer-behind", "indexer-ok", "indexer-behind", "indexer-ok"}; !slices.Equal(keys, want) {
		t.Errorf("a condition firing, clearing, firing and clearing twice: %v, want %v", keys, want)
	}

	// MaxKeys: the oldest keys are forgotten first.
	small := &Dedup{Next: &Recorder{}, Quiet: time.Hour, MaxKeys: 10, Now: c.now}
	for i := range 100 {
		small.Send(t.Context(), Alert{Key: fmt.Sprint(i)})
	}
	if small.Len() != 10 {
		t.Errorf("MaxKeys 10 holds %d keys", small.Len())
	}
	r := small.Next.(*Recorder)
	small.Send(t.Context(), Alert{Key: "99"}) // still remembered
	small.Send(t.Context(), Alert{Key: "0"})  // forgotten: sent again
	if got := r.Alerts(); len(got) != 101 || got[100].Key != "0" {
		t.Errorf("after the cap: %d alerts, last %q", len(got), got[len(got)-1].Key)
	}
}

func TestKindsDeclared(t *testing.T) {
	seen := map[string]bool{}
	for _, k := range Kinds() {
		if seen[k] {
			t.Errorf("kind %s listed twice", k)
		}
		seen[k] = true
		if _, ok := kinds[k]; !ok {
			t.Errorf("kind %s has no title", k)
		}
	}
	if len(kinds) != len(seen) {
		t.Errorf("%d kinds described, %d listed", len(kinds), len(seen))
	}
	// The values the dispute code and the stored queue depend on.
	for k, v := range map[string]string{StaleClose: "stale_close", ChallengeSent: "challenge_sent",
		ChallengeConfirmed: "challenge_confirmed", ChallengeAtRisk: "challenge_at_risk", ChallengeFailed: "challenge_failed",
		SettleSent: "settle_sent", GasLow: "gas_low", IndexerBehind: "indexer_behind", RPCUnreachable: "rpc_unreachable"} {
		if k != v {
			t.Errorf("kind constant %q changed from %q", k, v)
		}
	}
	var user []string
	for _, k := range Kinds() {
		if ForUser(k) {
			user = append(user, k)
		}
	}
	want := []string{StaleClose, ChallengeSent, ChallengeConfirmed, ChallengeAtRisk, ChallengeFailed, SettleDone, LockTxSent, LockTxFailed,
		LockResolveFailed, SecretHeld, StateStored}
	if !slices.Equal(user, want) {
		t.Errorf("users hear %v, want %v", user, want)
	}
}

func TestAmounts(t *testing.T) {
	u := TokenUnits{Symbol: "USDC", Decimals: 6}
	for _, tc := range []struct {
		f    Funds
		want string
	}{
		{Funds{}, "0 ETH"},
		{Funds{Wei: ethers("1.5")}, "1.5 ETH"},
		{Funds{Wei: ethers("1234567.000000000000000001")}, "1,234,567.000000000000000001 ETH"},
		{Funds{Wei: ethers("0.000000000000000001")}, "0.000000000000000001 ETH"},
		{Funds{Token: ethers("0.000000000001")}, "1 USDC"},
		{Funds{Wei: ethers("2"), Token: ethers("0.0000000000005")}, "2 ETH + 0.5 USDC"},
	} {
		if got := u.funds(tc.f); got != tc.want {
			t.Errorf("funds(%v, %v) = %q, want %q", tc.f.Wei, tc.f.Token, got, tc.want)
		}
	}
	if got := (TokenUnits{}).funds(Funds{Token: ethers("3")}); got != "3 TOKEN" {
		t.Errorf("default units: %q", got)
	}
}

// TestRaisedPairs: each upkeep condition's resolution names the condition's key, and a
// job's error loses the secrets it was given.
func TestRaisedPairs(t *testing.T) {
	for _, p := range [][2]Alert{
		{JobFailedAlert("prune", errors.New("dial postgres://vigil:pw@db/vigil: refused"), "postgres://vigil:pw@db/vigil"), JobRecoveredAlert("prune")},
		{IndexerBehindAlert(90, 120, 0), IndexerCaughtUpAlert(120)},
		{RPCUnreachableAlert(2, errors.New("https://mainnet.example/v3/k3y: 401"), "https://mainnet.example/v3/k3y"), RPCReachableAlert(1, 2)},
	} {
		if p[1].Resolves != p[0].Key || p[1].Kind != p[0].Kind || p[1].Key == p[0].Key {
			t.Errorf("%s: resolution %+v does not pair with %+v", p[0].Kind, p[1], p[0])
		}
		if strings.Contains(p[0].Text, "pw@") || strings.Contains(p[0].Text, "k3y") {
			t.Errorf("%s text leaks a secret: %s", p[0].Kind, p[0].Text)
		}
	}
	if a := IndexerBehindAlert(90, 120, 0); !strings.Contains(a.Text, "30 blocks behind") {
		t.Errorf("lag text %q", a.Text)
	}
	if a := IndexerBehindAlert(90, 90, 2*time.Minute); !strings.Contains(a.Text, "No new chain head for 2m0s") {
		t.Errorf("stall text %q", a.Text)
	}
}
