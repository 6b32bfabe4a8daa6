// Package testkit holds, in its subpackages, what tests and the measuring tools
// (cmd/bench, cmd/gasreport, e2e) run on and production code never imports: external
// nodes (anvil, geth), a fresh PostgreSQL database per test (pgtest), the
// goroutine leak check (leaktest) and the adversarial simulation (adversary).
//
// The rest of internal/ is production helpers the programs link: the command line (cli),
// the demo and its simulated chain (demo, simchain), the local stack (devnet) with
// the pinned anvil it starts (foundry, nodeproc), keystores, redaction, amounts,
// sealing, rate limits, serving and backoff.
package testkit
