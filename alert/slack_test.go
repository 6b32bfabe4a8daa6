package alert

import (
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math/big"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/internal/testkit/wait"
	"github.com/vigil-hub/vigil/store"
)

// slackConfig is a sink on the fake Slack: the bot token (two channels) or the webhook,
// fast backoff and pacing so tests do not wait on Slack's real rates.
func slackConfig(f *fakeSlack, bot bool, st QueueStore, now func() time.Time, log *slog.Logger) SlackConfig {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	cfg := SlackConfig{Store: st, ExplorerURL: explorer, Units: TokenUnits{Symbol: "USDC", Decimals: 6},
		MinPostInterval: time.Microsecond, Backoff: 5 * time.Millisecond, MaxBackoff: 40 * time.Millisecond,
		PollInterval: 20 * time.Millisecond, GroupInterval: time.Millisecond, Now: now, Logger: log}
	switch {
	case f == nil:
	case bot:
		cfg.Token, cfg.APIURL = "xoxb-test-s3cr3t-token", f.apiURL()
		cfg.Channels = map[Severity]string{Info: "#vigil", Critical: "#vigil-urgent"}
	default:
		cfg.WebhookURL = f.hookURL()
	}
	return cfg
}

func newSlack(t *testing.T, cfg SlackConfig) *Slack {
	t.Helper()
	s, err := NewSlack(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// texts returns every "text" string in a message's blocks JSON, joined by newlines:
// what a person reads.
func texts(t *testing.T, blocksJSON string) string {
	t.Helper()
	if blocksJSON == "" {
		return ""
	}
	var v any
	if err := json.Unmarshal([]byte(blocksJSON), &v); err != nil {
		t.Fatalf("blocks are not JSON: %v\n%s", err, blocksJSON)
	}
	var out []string
	var walk func(any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			if s, ok := x["text"].(string); ok {
				out = append(out, s)
			}
			for _, e := range x {
				walk(e)
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		}
	}
	walk(v)
	return strings.Join(out, "\n")
}

func blockTypes(t *testing.T, blocksJSON string) []string {
	var bs []struct {
		Type string `json:"type"`
	}
	if err := json.Unmarshal([]byte(blocksJSON), &bs); err != nil {
		t.Fatalf("blocks: %v", err)
	}
	out := make([]string, len(bs))
	for i, b := range bs {
		out[i] = b.Type
	}
	return out
}

var txHash = common.HexToHash("0x5eed00000000000000000000000000000000000000000000000000000000beef")

// TestBlockKitContent posts one alert of every kind through the bot token to the fake
// Slack and reads its Block Kit message: a header with the kind's title, the channel and
// contract linked to the explorer, nonces, the deadline in UTC with the time left, amounts
// in ether and token units, the transaction linked; a resolving alert reads as resolved.
func TestBlockKitContent(t *testing.T) {
	deadline := uint64(t0.Add(10 * time.Minute).Unix())
	user := userAddr(1)
	addrLink := explorer + "/address/" + user.Hex()
	txLink := explorer + "/tx/" + txHash.Hex()
	channel := Alert{Contract: contract, User: user, Nonce: big.NewInt(7), OnchainNonce: big.NewInt(3), Deadline: deadline}
	with := func(a Alert, f func(*Alert)) Alert { f(&a); return a }
	cases := []struct {
		name    string
		a       Alert
		channel string
		want    []string
	}{
		{StaleClose, with(channel, func(a *Alert) {
			a.Severity, a.Kind, a.AtStake = Warning, StaleClose, Funds{Wei: ethers("0.5"), Token: big.NewInt(20_500_000)}
		}), "#vigil", []string{":warning: Stale close detected", "*Channel*", addrLink, explorer + "/address/" + contract.Hex(),
			"on-chain 3, held 7", "2030-01-01 00:10:00 UTC", "in 10m0s", "0.5 ETH + 20.5 USDC"}},
		{ChallengeSent, with(channel, func(a *Alert) { a.Kind, a.TxHash = ChallengeSent, txHash }), "#vigil",
			[]string{"Challenge sent", "*Transaction*", txLink, "in 10m0s"}},
		{ChallengeConfirmed, with(channel, func(a *Alert) {
			a.Kind, a.TxHash, a.Block, a.Resolves = ChallengeConfirmed, txHash, 123, "stale/1"
		}), "#vigil", []string{":white_check_mark: Resolved: Challenge confirmed", "*Block*\n123", txLink, "resolves `stale/1`"}},
		{ChallengeAtRisk, with(channel, func(a *Alert) {
			a.Severity, a.Kind, a.Deadline, a.TxHash = Critical, ChallengeAtRisk, uint64(t0.Add(2*time.Minute).Unix()), txHash
		}), "#vigil-urgent", []string{"Challenge at risk", "2030-01-01 00:02:00 UTC", "in 2m0s", txLink}},
		{ChallengeFailed, with(channel, func(a *Alert) {
			a.Severity, a.Kind, a.Deadline, a.Text = Critical, ChallengeFailed, uint64(t0.Add(-time.Minute).Unix()), "deadline missed"
		}), "#vigil-urgent", []string{"Challenge failed", "passed 1m0s ago", "deadline missed"}},
		{SettleSent, with(channel, func(a *Alert) { a.Kind, a.TxHash = SettleSent, txHash }), "#vigil",
			[]string{"Settle sent", txLink}},
		{SettleDone, with(channel, func(a *Alert) {
			a.Kind, a.TxHash = SettleDone, txHash
			a.UserFunds, a.HubFunds = Funds{Wei: ethers("0.4"), Token: big.NewInt(1_000_000)}, Funds{Wei: ethers("1234.6")}
		}), "#vigil", []string{"Channel settled", "*Paid to the user*\n0.4 ETH + 1 USDC", "*Returned to the hub*\n1,234.6 ETH", txLink}},
		{SettleFailed, with(channel, func(a *Alert) { a.Severity, a.Kind, a.TxHash = Warning, SettleFailed, txHash }), "#vigil",
			[]string{"Settle failed", txLink}},
		{SettleHeld, with(channel, func(a *Alert) {
			a.Severity, a.Kind, a.Text = Warning, SettleHeld, "its gas estimate 2000000 is above disputes.max_gas_per_settle 1000000"
		}), "#vigil", []string{":no_entry: Settle held back", addrLink, "max_gas_per_settle 1000000"}},
		{HubTxSent, with(channel, func(a *Alert) { a.Kind, a.TxHash = HubTxSent, txHash }), "#vigil",
			[]string{"Hub transaction sent", txLink}},
		{HubTxFailed, with(channel, func(a *Alert) {
			a.Severity, a.Kind, a.TxHash, a.Text = Critical, HubTxFailed, txHash, "resolve_locks reverted and cannot succeed"
		}), "#vigil-urgent", []string{"Hub transaction failed", txLink, "cannot succeed"}},
		{LockTxSent, with(channel, func(a *Alert) { a.Kind, a.TxHash, a.Text = LockTxSent, txHash, "register_secret sent (hashlock 0x11)" }), "#vigil",
			[]string{"Lock transaction sent", txLink, "hashlock 0x11"}},
		{LockTxFailed, with(channel, func(a *Alert) {
			a.Severity, a.Kind, a.TxHash, a.Text = Critical, LockTxFailed, txHash, "register_secret not included before its deadline"
		}), "#vigil-urgent", []string{"Lock transaction failed", txLink, "before its deadline"}},
		{LockResolveFailed, with(channel, func(a *Alert) {
			a.Severity, a.Kind, a.TxHash, a.Text = Critical, LockResolveFailed, txHash, "the locks cannot be resolved for the user: NoLockPool"
		}), "#vigil-urgent", []string{":lock: Lock resolution failed", addrLink, txLink, "cannot be resolved for the user"}},
		{SecretHeld, with(channel, func(a *Alert) {
			a.Severity, a.Kind, a.Text = Warning, SecretHeld, "each lock is worth no more than 900 wei, 2 times its share of the registration's cost"
		}), "#vigil", []string{":no_entry: Secret registration held back", addrLink, "worth no more than 900 wei"}},
		{GasLow, Alert{Severity: Critical, Kind: GasLow, Account: towerAcc, Balance: ethers("0.01"), Text: "top it up"}, "#vigil-urgent",
			[]string{"Tower gas balance low", explorer + "/address/" + towerAcc.Hex(), "*Balance*\n0.01 ETH", "top it up"}},
		{IndexerBehind, Alert{Severity: Warning, Kind: IndexerBehind, Block: 9_000, Text: "head 120 blocks behind"}, "#vigil",
			[]string{"Indexer behind", "*Block*\n9000", "head 120 blocks behind"}},
		{RPCUnreachable, Alert{Severity: Critical, Kind: RPCUnreachable, Text: "2 of 2 endpoints failed"}, "#vigil-urgent",
			[]string{"Every RPC endpoint unreachable", "2 of 2 endpoints failed"}},
		{JobFailed, Alert{Severity: Warning, Kind: JobFailed, Job: "prune", Text: "prune: database locked"}, "#vigil",
			[]string{"Scheduled job failed", "*Job*\n`prune`", "database locked"}},
		{StorageFull, StorageFullAlert("the database takes 9.1GiB, at or above 90% of its 10.0GiB budget"), "#vigil-urgent",
			[]string{"Database at its high-water mark", "9.1GiB", "Deposits are refused (507)"}},
		{StateStored, with(channel, func(a *Alert) {
			a.Kind, a.UserFunds, a.HubFunds = StateStored, Funds{Wei: ethers("1")}, Funds{Wei: new(big.Int)}
		}), "#vigil", []string{"State stored", "*User balance*\n1 ETH", "*Hub balance*\n0 ETH"}},
		{Digest, Alert{Severity: Info, Kind: Digest, Text: "daily digest: 12 channel states watched, 1 disputes open"}, "#vigil",
			[]string{"Daily digest", "12 channel states watched"}},
		{ChannelFrozen, Alert{Severity: Critical, Kind: ChannelFrozen, Text: "nonce 7 holds 11 wei, the contract 10"}, "#vigil-urgent",
			[]string{"Channel frozen", "holds 11 wei"}},
		{ChannelThawed, Alert{Severity: Info, Kind: ChannelThawed, Text: "agrees with the contract again at nonce 9"}, "#vigil",
			[]string{"Channel thawed", "at nonce 9"}},
		{LogSkipped, LogSkippedAlert(common.Address{1}, 42, common.Hash{2}, errors.New("abi: cannot unmarshal")), "#vigil",
			[]string{"Log skipped", "block 42", "cannot unmarshal"}},
		{"resolved condition", Alert{Kind: GasLow, Resolves: "gas-low/tower", Account: towerAcc, Balance: ethers("2")}, "#vigil",
			[]string{"Resolved: Tower gas balance low", "*Balance*\n2 ETH", "resolves `gas-low/tower`"}},
	}
	covered := map[string]bool{}
	for _, tc := range cases {
		covered[tc.a.Kind] = true
	}
	for _, k := range Kinds() {
		if !covered[k] {
			t.Errorf("kind %s has no Block Kit case", k)
		}
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFakeSlack(t, nil)
			s := newSlack(t, slackConfig(f, true, nil, clock(t0), nil))
			tc.a.Key = "k/" + tc.name
			s.Send(t.Context(), tc.a)
			runLoop(t, s.Run)
			wait.For(t, "the post", func() bool { p, _ := f.snapshot(); return len(p) == 1 })
			p, _ := f.snapshot()
			if p[0].channel != tc.channel || p[0].auth != "Bearer xoxb-test-s3cr3t-token" {
				t.Errorf("posted to %q (auth %q), want %q", p[0].channel, p[0].auth, tc.channel)
			}
			if types := blockTypes(t, p[0].blocks); types[0] != "header" || types[len(types)-1] != "context" {
				t.Errorf("blocks %v: want a header first and a context last", types)
			}
			got := texts(t, p[0].blocks)
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("message lacks %q:\n%s", w, got)
				}
			}
			if p[0].text == "" || !strings.Contains(p[0].text, Title(tc.a.Kind)) {
				t.Errorf("fallback text %q", p[0].text)
			}
		})
	}
}

// markers counts, over every accepted post, how often each address is linked: each
// alert's own address (its channel's user, or the tower account) must appear once.
func markers(t *testing.T, posts []post) map[common.Address]int {
	t.Helper()
	out := map[common.Address]int{}
	for _, p := range posts {
		body := texts(t, p.blocks)
		for _, part := range strings.Split(body, explorer+"/address/")[1:] {
			if len(part) >= 42 {
				out[common.HexToAddress(part[:42])]++
			}
		}
	}
	delete(out, contract)
	return out
}

// TestWebhookURLStaysSecret: a revoked webhook (404 no_service) and an unreachable one
// are logged, and their errors kept, by scheme and host only, never the URL's path.
func TestWebhookURLStaysSecret(t *testing.T) {
	t.Run("revoked", func(t *testing.T) {
		var logs logBuffer
		f := newFakeSlack(t, func(int) int { return http.StatusNotFound })
		st := &MemoryQueue{}
		s := newSlack(t, slackConfig(f, false, st, nil, logs.logger()))
		s.Send(t.Context(), stale(1))
		runLoop(t, s.Run)
		wait.For(t, "the halt", func() bool { return s.Halted() != nil })
		if !errors.Is(s.Halted(), ErrUnauthorized) {
			t.Errorf("a revoked webhook halts with %v, want ErrUnauthorized", s.Halted())
		}
		if strings.Contains(logs.String(), "s3cr3t") || strings.Contains(s.Halted().Error(), "s3cr3t") {
			t.Errorf("webhook path leaked:\n%s", logs.String())
		}
	})
	t.Run("unreachable", func(t *testing.T) {
		var logs logBuffer
		gone := httptest.NewServer(http.NotFoundHandler())
		url := gone.URL + "/hook/T000/B000/s3cr3t-hook-path"
		gone.Close()
		st := &MemoryQueue{}
		cfg := slackConfig(nil, false, st, nil, logs.logger())
		cfg.WebhookURL = url
		s := newSlack(t, cfg)
		s.Send(t.Context(), stale(1))
		runLoop(t, s.Run)
		wait.For(t, "two failed attempts", func() bool { return strings.Count(logs.String(), "Slack post failed") >= 2 })
		if strings.Contains(logs.String(), "s3cr3t") {
			t.Errorf("webhook path leaked:\n%s", logs.String())
		}
	})
}

// TestCriticalJumpsTheQueue: with informational alerts queued first, a critical one is
// the first Slack hears.
func TestCriticalJumpsTheQueue(t *testing.T) {
	f := newFakeSlack(t, nil)
	s := newSlack(t, slackConfig(f, true, nil, nil, nil))
	for i, k := range []string{SettleSent, IndexerBehind, JobFailed, StateStored} {
		a := stale(i)
		a.Severity, a.Kind, a.Key = Info, k, k
		s.Send(t.Context(), a)
	}
	risk := stale(9)
	risk.Severity, risk.Kind, risk.Key = Critical, ChallengeAtRisk, "risk"
	s.Send(t.Context(), risk)
	runLoop(t, s.Run)
	wait.For(t, "five posts", func() bool { p, _ := f.snapshot(); return len(p) == 5 })
	p, _ := f.snapshot()
	if p[0].channel != "#vigil-urgent" || !strings.Contains(texts(t, p[0].blocks), "Challenge at risk") {
		t.Errorf("first post %+v, want the critical challenge_at_risk", p[0])
	}
}

// massExit queues, for n channels on one contract, what a mass exit raises: a stale
// close, the challenge sent and the challenge confirmed (resolving the stale close).
func massExit(n int) []Alert {
	var out []Alert
	for _, k := range []string{StaleClose, ChallengeSent, ChallengeConfirmed} {
		for i := range n {
			a := stale(i)
			a.Kind, a.Key = k, fmt.Sprintf("%s/%d", k, i)
			switch k {
			case ChallengeSent:
				a.TxHash = common.BigToHash(big.NewInt(int64(i + 1)))
			case ChallengeConfirmed:
				a.TxHash, a.Block, a.Resolves = common.BigToHash(big.NewInt(int64(i+1))), 1000, fmt.Sprintf("%s/%d", StaleClose, i)
			}
			out = append(out, a)
		}
	}
	return out
}

// TestMassExitGrouped: a mass exit of 200 channels (600 alerts: stale close, challenge
// sent, challenge confirmed for each) queued at once reaches the fake Slack as one summary
// per kind with the count, the nearest deadline and the total at stake, and the
// per-channel detail in its thread (bot) or in follow-ups (webhook): 15 posts, not 600,
// each channel listed once per kind.
func TestMassExitGrouped(t *testing.T) {
	for _, bot := range []bool{true, false} {
		t.Run(fmt.Sprintf("bot=%v", bot), func(t *testing.T) {
			f := newFakeSlack(t, nil)
			st, _ := backends()[0].open(t)
			s := newSlack(t, slackConfig(f, bot, st, clock(t0), nil))
			for _, a := range massExit(200) {
				s.Send(t.Context(), a)
			}
			runLoop(t, s.Run)
			wait.For(t, "every row delivered", func() bool { return countStatus(rows(t, st, SlackSink), store.AlertDelivered) == 600 })
			posts, requests := f.snapshot()
			top := slices.DeleteFunc(slices.Clone(posts), func(p post) bool { return p.thread != "" })
			t.Logf("200-channel mass exit (bot=%v): %d Slack posts (%d requests), %d top-level", bot, len(posts), requests, len(top))
			if len(posts) != 15 {
				t.Errorf("%d posts, want 15 (3 summaries + 3×4 detail messages of 50)", len(posts))
			}
			if bot && len(top) != 3 {
				t.Errorf("%d top-level posts, want the 3 summaries", len(top))
			}
			summary := texts(t, posts[0].blocks)
			for _, w := range []string{"200 × Stale close detected", "*Channels*\n200 on 1 contract", "*Nearest deadline*\n2030-01-01 00:10:00 UTC\nin 10m0s",
				"*At stake (total)*\n100 ETH + 4,000 USDC"} {
				if !strings.Contains(summary, w) {
					t.Errorf("summary lacks %q:\n%s", w, summary)
				}
			}
			for _, p := range posts {
				if len(p.blocks) > 40_000 {
					t.Errorf("a message of %d bytes of blocks", len(p.blocks))
				}
			}
			lines := map[string]int{}
			for _, p := range posts {
				kind, _, _ := strings.Cut(p.text, ":") // a detail message's text names its kind
				for l := range strings.SplitSeq(texts(t, p.blocks), "\n") {
					if strings.HasPrefix(l, "• ") {
						lines[kind+" "+l]++
					}
				}
			}
			if len(lines) != 600 {
				t.Errorf("%d distinct detail lines, want 600", len(lines))
			}
			for l, n := range lines {
				if n != 1 {
					t.Errorf("line %q posted %d times", l, n)
				}
			}
		})
	}
}

// TestMassExitStreaming: the 200 stale closes arrive one by one while the loop runs; the
// first goes out at once, the rest wait for the group interval and go out as one
// summary with their detail: two top-level posts, each channel once.
func TestMassExitStreaming(t *testing.T) {
	f := newFakeSlack(t, nil)
	c := &fakeClock{at: t0}
	st := &MemoryQueue{}
	cfg := slackConfig(f, true, st, c.now, nil)
	cfg.GroupInterval = 30 * time.Second
	s := newSlack(t, cfg)
	runLoop(t, s.Run)
	s.Send(t.Context(), stale(0))
	wait.For(t, "the first post", func() bool { p, _ := f.snapshot(); return len(p) == 1 })
	for i := 1; i < 200; i++ {
		s.Send(t.Context(), stale(i))
	}
	p := s.eng.passes.Load()
	wait.For(t, "two loop passes", func() bool { return s.eng.passes.Load() >= p+2 })
	if posts, _ := f.snapshot(); len(posts) != 1 {
		t.Fatalf("%d posts within the group interval, want 1", len(posts))
	}
	c.add(30 * time.Second)
	select {
	case s.eng.wake <- struct{}{}:
	default:
	}
	wait.For(t, "the rest", func() bool { return st.Pending() == 0 })
	posts, _ := f.snapshot()
	top := slices.DeleteFunc(slices.Clone(posts), func(p post) bool { return p.thread != "" })
	t.Logf("200 stale closes streamed: %d posts, %d top-level", len(posts), len(top))
	if len(top) != 2 || !strings.Contains(texts(t, top[1].blocks), "199 × Stale close detected") {
		t.Errorf("top-level posts %d, want the first alert and one summary of 199", len(top))
	}
	got := markers(t, posts)
	for i := range 200 {
		if got[userAddr(i)] != 1 {
			t.Errorf("channel %d listed %d times", i, got[userAddr(i)])
		}
	}
}

// TestRejectedBlocksFallBackToText: when Slack refuses a message's blocks, the alert is
// sent again as plain text rather than lost.
func TestRejectedBlocksFallBackToText(t *testing.T) {
	f := newFakeSlack(t, func(n int) int {
		if n == 1 {
			return http.StatusBadRequest
		}
		return 0
	})
	s := newSlack(t, slackConfig(f, false, nil, nil, nil))
	s.Send(t.Context(), stale(1))
	runLoop(t, s.Run)
	wait.For(t, "the text post", func() bool { p, _ := f.snapshot(); return len(p) == 1 })
	p, _ := f.snapshot()
	if p[0].blocks != "" || !strings.Contains(p[0].text, "Stale close detected") {
		t.Errorf("fallback post %+v", p[0])
	}
}

func TestNewSlackRefuses(t *testing.T) {
	for name, cfg := range map[string]SlackConfig{
		"nothing":           {},
		"both":              {Token: "x", WebhookURL: "https://hooks.slack.com/services/a"},
		"token, no channel": {Token: "x"},
		"http webhook":      {WebhookURL: "http://hooks.slack.com/services/T/B/s3cr3t"},
		"credentials":       {WebhookURL: "https://u:p@hooks.slack.com/services/T/B/s3cr3t"},
	} {
		_, err := NewSlack(cfg)
		if err == nil {
			t.Errorf("%s: accepted", name)
		} else if strings.Contains(err.Error(), "s3cr3t") {
			t.Errorf("%s: error leaks the URL: %v", name, err)
		}
	}
	if _, err := NewSlack(SlackConfig{WebhookURL: "http://127.0.0.1:9/hook"}); err != nil {
		t.Errorf("a loopback http webhook (a local relay): %v", err)
	}
}

// TestRefusedMessageGivenUp: a message Slack refuses with and without blocks is given up
// (and recorded so), and the alerts after it still go out.
func TestRefusedMessageGivenUp(t *testing.T) {
	f := newFakeSlack(t, func(n int) int {
		if n <= 2 {
			return http.StatusBadRequest
		}
		return 0
	})
	st, _ := backends()[0].open(t)
	s := newSlack(t, slackConfig(f, false, st, nil, nil))
	s.Send(t.Context(), stale(1))
	runLoop(t, s.Run)
	wait.For(t, "the refusal", func() bool { return countStatus(rows(t, st, SlackSink), store.AlertDead) == 1 })
	s.Send(t.Context(), stale(2))
	wait.For(t, "the next alert", func() bool { return countStatus(rows(t, st, SlackSink), store.AlertDelivered) == 1 })
	if r := rows(t, st, SlackSink)[0]; !strings.Contains(r.LastError, "status 400") || strings.Contains(r.LastError, "s3cr3t") {
		t.Errorf("given-up row %+v", r)
	}
	if p, n := f.snapshot(); len(p) != 1 || n != 3 || markers(t, p)[userAddr(2)] != 1 {
		t.Errorf("%d posts from %d requests", len(p), n)
	}
}
