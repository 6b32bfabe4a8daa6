package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"sync"
	"time"

	"github.com/urfave/cli/v3"

	vcli "github.com/vigil-hub/vigil/internal/cli"
)

// Flags of the bench.
const (
	flagSize    = "size"
	flagJSON    = "json"
	flagProfile = "cpuprofile"
	flagDoc     = "doc"
)

// app is the command line: one command per figure, all, version and the common flags.
func app() *cli.Command {
	var cmds []*cli.Command
	for _, f := range figures {
		cmds = append(cmds, &cli.Command{Name: f.name, Usage: f.usage, Action: measure(f.name)})
	}
	cmds = append(cmds, &cli.Command{Name: "all", Usage: "every figure, one after another", Action: measure("all")})
	a := vcli.App("bench", "measure Vigil's hot paths beside their ceilings, in one run", "", cmds)
	a.Flags = append(a.Flags,
		&cli.StringFlag{Name: flagSize, Value: "full", Usage: "tiny (seconds, for tests) or full (the figures of docs/performance.md)",
			Validator: func(s string) error { _, err := scaleOf(s); return err }},
		&cli.BoolFlag{Name: flagJSON, Usage: "one JSON object per figure and line instead of a Markdown table"},
		&cli.StringFlag{Name: flagProfile, Usage: "write a CPU profile of each throughput figure into this directory"},
		&cli.StringFlag{Name: flagDoc, Usage: "when every figure is measured, replace the table of this Markdown file (docs/performance.md) with them"},
	)
	return a
}

// figure is one command: a group of rows.
type figure struct {
	name, usage string
	run         func(b *bench, ctx context.Context) error
}

var figures = []figure{
	{"deposits", "states deposited per second over HTTP, PostgreSQL and SQLite, against the crypto ceiling", (*bench).deposits},
	{"payments", "complete payments per second through the hub, against the crypto ceiling", (*bench).payments},
	{"storage", "bytes per monitored channel after one update and after many", (*bench).storage},
	{"backfill", "events indexed per second from anvil, against raw eth_getLogs over the same ranges", (*bench).backfill},
	{"reaction", "stale close to challenge latency, and time from start to the first challenge by open disputes", (*bench).reaction},
	{"memory", "RSS of a watchtower process with many stored channels following a chain", (*bench).memory},
	{"massexit", "blocks from stale close to challenge when every channel closes at once, and database growth per channel", (*bench).massExit},
	{"rpc", "JSON-RPC calls per block of an idle tower and hub on one-second blocks, by WebSocket and by HTTP", (*bench).rpcPerBlock},
}

// bench is one run: its scale, where rows go, and the databases and nodes it made.
type bench struct {
	sc      scale
	rep     *reporter
	log     *slog.Logger
	pgBase  string // the server DATABASE_URL names, where databases are created
	tmp     string // removed at the end
	profDir string

	buildMu sync.Mutex // the programs built, by name (tower.go)
	built   map[string]string
}

func measure(which string) cli.ActionFunc {
	return func(ctx context.Context, cmd *cli.Command) error {
		sc, err := scaleOf(cmd.String(flagSize))
		if err != nil {
			return err
		}
		log, err := vcli.Logger(cmd)
		if err != nil {
			return err
		}
		tmp, err := os.MkdirTemp("", "vigil-bench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		b := &bench{sc: sc, rep: &reporter{w: cmd.Root().Writer, json: cmd.Bool(flagJSON)}, log: log, pgBase: pgBase(),
			tmp: tmp, profDir: cmd.String(flagProfile)}
		start := time.Now()
		for _, f := range figures {
			if which != "all" && which != f.name {
				continue
			}
			log.Info("measuring", "figure", f.name, "size", sc.name)
			b.rep.figure = f.name
			t := time.Now()
			if err := f.run(b, ctx); err != nil {
				return fmt.Errorf("%s: %w", f.name, err)
			}
			log.Info("measured", "figure", f.name, "took", time.Since(t).Round(time.Millisecond))
		}
		took := time.Since(start)
		log.Info("done", "took", took.Round(time.Second))
		if doc := cmd.String(flagDoc); doc != "" {
			if err := writeDoc(doc, b.rep.rows, sc.name, took, time.Now()); err != nil {
				return err
			}
			log.Info("table written", "file", doc)
		}
		return nil
	}
}
