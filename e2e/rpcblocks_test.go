package e2e

import (
	"bufio"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/vigil-hub/vigil/internal/testkit/anvil"
)

// maxHeaderCallsPerBlock bounds an idle process's eth_getBlockByNumber calls per block.
// A process follows the head once (watcher.Heads): by subscription, no call per block; by
// polling, two per block by design (the first poll at 7/8 of the block interval, then
// one every 1/8 until the block arrives), and a third when a block comes late. The bound
// leaves room for that and for the scheduled RPC health checks, and is far below the
// dozen and more per block each process made when every part polled on its own.
const maxHeaderCallsPerBlock = 2.5

// TestIdleRPCCallsPerBlock runs `hub run` (on the node's WebSocket, behind a dead HTTP
// endpoint) and `watchtower run` (as `watchtower init` sets it up: HTTP only, so it
// polls) idle against anvil with one-second blocks, and reads from each one's /metrics
// how many header calls it made over 20 blocks.
func TestIdleRPCCallsPerBlock(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binaries and starts an external node")
	}
	node := anvilNode{anvil.Start(t, 1)}
	s := newStack(t, node)
	s.deployManager(node, "1h")
	s.fund(node.Key(0), s.manager, "100")
	hub := s.startHub()
	defer hub.stop()
	s.initTower("")
	tower := s.startTower()
	defer tower.stop()
	s.fund(node.Key(2), s.towerAddr, "1")

	head := func() uint64 {
		n, err := s.client.BlockNumber(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	// Started and caught up: a few blocks pass first.
	warm := head() + 3
	s.until("a few blocks after both started", func() bool { return head() >= warm })
	from := head()
	hub0, tower0 := rpcCalls(s.metricsText(s.hubOps)), rpcCalls(s.metricsText(s.towerOps))
	const blocks = 20
	wait := time.Now()
	s.until("20 blocks", func() bool { return head() >= from+blocks })
	n := float64(head() - from)
	hub1, tower1 := rpcCalls(s.metricsText(s.hubOps)), rpcCalls(s.metricsText(s.towerOps))
	t.Logf("%.0f blocks in %s", n, time.Since(wait).Round(time.Millisecond))
	for _, p := range []struct {
		name        string
		before, now map[string]float64
	}{{"hub (WebSocket)", hub0, hub1}, {"tower (HTTP)", tower0, tower1}} {
		headers := (p.now[headerCall] - p.before[headerCall]) / n
		total := 0.0
		for k, v := range p.now {
			total += v - p.before[k]
		}
		t.Logf("%s: %.2f header calls per block, %.2f RPC calls per block in all (%v)", p.name, headers, total/n, delta(p.before, p.now))
		if headers > maxHeaderCallsPerBlock {
			t.Errorf("%s made %.2f header calls per block idle, want at most %.1f", p.name, headers, maxHeaderCallsPerBlock)
		}
	}
}

// headerCall is the JSON-RPC method behind a header read.
const headerCall = "eth_getBlockByNumber"

// rpcCalls sums vigil_rpc_requests_total by JSON-RPC method (every endpoint and result)
// from a /metrics page.
func rpcCalls(page string) map[string]float64 {
	calls := map[string]float64{}
	re := regexp.MustCompile(`^vigil_rpc_requests_total\{.*call="([^"]+)".*\} (\S+)$`)
	sc := bufio.NewScanner(strings.NewReader(page))
	for sc.Scan() {
		if m := re.FindStringSubmatch(sc.Text()); m != nil {
			v, _ := strconv.ParseFloat(m[2], 64)
			calls[m[1]] += v
		}
	}
	return calls
}

// delta is what each method's count grew by.
func delta(before, now map[string]float64) map[string]float64 {
	d := map[string]float64{}
	for k, v := range now {
		if v > before[k] {
			d[k] = v - before[k]
		}
	}
	return d
}
