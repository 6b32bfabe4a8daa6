package demo

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math/big"
	"regexp"
	"strings"
	"sync"
	"text/tabwriter"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/alert"
	weifmt "github.com/vigil-hub/vigil/internal/wei"
)

// narrator writes the story. Each call writes whole lines in one Write under a lock, so
// that the tower's alerts, printed from its own goroutines, never cut a line in two.
type narrator struct {
	mu   sync.Mutex
	w    io.Writer
	step int
}

// write writes s as is.
func (n *narrator) write(s string) {
	n.mu.Lock()
	defer n.mu.Unlock()
	_, _ = io.WriteString(n.w, s)
}

// Step starts the next numbered step.
func (n *narrator) Step(format string, args ...any) {
	n.mu.Lock()
	n.step++
	s := n.step
	n.mu.Unlock()
	n.write(fmt.Sprintf("\n%2d. %s\n", s, fmt.Sprintf(format, args...)))
}

// Say adds an indented line to the current step.
func (n *narrator) Say(format string, args ...any) {
	n.write("    " + fmt.Sprintf(format, args...) + "\n")
}

// Send is the tower's alert sink when no Slack is configured: one readable line per
// alert, with addresses and hashes shortened.
func (n *narrator) Send(_ context.Context, a alert.Alert) {
	n.write(fmt.Sprintf("    ALERT [%s] %s: %s\n", a.Severity, strings.ReplaceAll(a.Kind, "_", " "), shortenAll(a.Text)))
}

var _ alert.Sink = (*narrator)(nil)

// table prints the final balances: one row per party, aligned.
func (n *narrator) table(parties []Party) {
	var b bytes.Buffer
	tw := tabwriter.NewWriter(&b, 0, 0, 3, ' ', 0)
	fmt.Fprintln(tw, "    party\texpected (latest co-signed state)\treceived on-chain\tdifference")
	for _, p := range parties {
		diff := new(big.Int).Sub(p.Received, p.Expected)
		d := "0 (to the wei)"
		if diff.Sign() != 0 {
			d = fmt.Sprintf("%s (%s wei)", signedEther(diff), diff)
		}
		name := p.Name
		if p.Victim {
			name += " (victim)"
		}
		fmt.Fprintf(tw, "    %s\t%s\t%s\t%s\n", name, ether(p.Expected), ether(p.Received), d)
	}
	_ = tw.Flush()
	n.write(b.String())
}

// ether formats wei as an exact decimal amount of ether.
func ether(wei *big.Int) string {
	if wei == nil {
		return "?"
	}
	return weifmt.Ether(wei) + " ETH"
}

// signedEther is ether with a sign also for gains.
func signedEther(wei *big.Int) string {
	if wei.Sign() > 0 {
		return "+" + ether(wei)
	}
	return ether(wei)
}

// short shortens an address to 0x1234…abcd.
func short(a common.Address) string { return shortHex(a.Hex()) }

// shortHash shortens a hash the same way.
func shortHash(h common.Hash) string { return shortHex(h.Hex()) }

func shortHex(h string) string {
	if len(h) <= 12 {
		return h
	}
	return h[:6] + "…" + h[len(h)-4:]
}

var longHex = regexp.MustCompile(`0x[0-9a-fA-F]{40,64}`)

// shortenAll shortens every address and hash in s.
func shortenAll(s string) string { return longHex.ReplaceAllStringFunc(s, shortHex) }
