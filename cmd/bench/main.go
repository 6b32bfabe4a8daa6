// Command bench measures Vigil's hot paths, each beside its ceiling measured in the same
// run on the same machine, so that a figure is a ratio that holds on any machine
// (docs/performance.md):
//
//	bench [--size tiny|full] [--json] [--cpuprofile DIR] deposits|payments|reaction|backfill|storage|memory|massexit|all
//
// It starts what it needs — a fresh PostgreSQL database on the server DATABASE_URL names
// (default postgres@127.0.0.1:5432, trust), dropped afterwards; an SQLite file in a
// temporary directory; anvil (contracts/node_modules, or VIGIL_ANVIL) for the figures that
// face a chain; a stand-in for Slack on loopback for the mass exit's alerts — and prints
// a Markdown table, or with --json one object per line:
// {"metric", "value", "unit", "ceiling", "ratio", "params"}.
package main

import (
	"io"
	"os"

	vcli "github.com/vigil-hub/vigil/internal/cli"
)

func main() { os.Exit(run(os.Args, os.Stdout, os.Stderr)) }

// run runs the command line args (args[0] is the program) and returns the exit code.
func run(args []string, stdout, stderr io.Writer) int { return vcli.Main(app(), args, stdout, stderr) }
