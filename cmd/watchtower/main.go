// Command watchtower runs Vigil's watchtower: it indexes ChannelManager events and keeps
// the latest co-signed state users deposit with it.
//
//	watchtower run -config config.yaml
//	watchtower migrate -config config.yaml
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/vigil-hub/vigil/tower"
)

func main() { os.Exit(run(os.Args[1:])) }

func run(args []string) int {
	if len(args) == 0 || (args[0] != "run" && args[0] != "migrate") {
		fmt.Fprintln(os.Stderr, "usage: watchtower run|migrate [-config config.yaml]")
		return 2
	}
	fs := flag.NewFlagSet(args[0], flag.ContinueOnError)
	path := fs.String("config", "config.yaml", "path to the configuration file")
	if err := fs.Parse(args[1:]); err != nil {
		return 2
	}
	log := slog.New(slog.NewJSONHandler(os.Stderr, nil))
	cfg, err := tower.LoadConfig(*path)
	if err != nil {
		log.Error("bad configuration", "err", err)
		return 1
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	switch args[0] {
	case "migrate":
		err = tower.Migrate(ctx, cfg)
	default:
		err = tower.Run(ctx, cfg, log)
	}
	if err != nil {
		log.Error(args[0]+" failed", "err", err)
		return 1
	}
	return 0
}
