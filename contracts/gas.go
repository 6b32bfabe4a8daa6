package contracts

import "strconv"

// ChallengeGas is what a challenge costs on anvil, the figure help text and docs quote:
// the most any of cmd/gasreport's challenge scenarios measures there (63,950–64,490 gas
// when last measured; docs/gas.md), rounded up to the thousand. cmd/gasreport's
// TestMeasureOnAnvil fails when a measurement no longer rounds to it, and its
// TestDocsQuoteChallengeGas when the README quotes another figure.
const ChallengeGas = 65_000

// ChallengeGasText is ChallengeGas as docs write it: "65,000".
func ChallengeGasText() string {
	s := strconv.Itoa(ChallengeGas)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
