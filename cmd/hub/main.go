// Command hub runs Vigil's payment hub.
//
//	hub run -config hub.yaml
//	hub migrate -config hub.yaml
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/vigil-hub/vigil/hubd"
)

func main() { os.Exit(run(os.Args[1:])) }

func run(args []string) int {
	if len(args) == 0 || (args[0] != "run" && args[0] != "migrate") {
		fmt.Fprintln(os.Stderr, "usage: hub run|migrate [-config hub.yaml]")
		return 2
	}
	fs := flag.NewFlagSet(args[0], flag.ContinueOnError)
	path := fs.String("config", "hub.yaml", "path to the configuration file")
	if err := fs.Parse(args[1:]); err != nil {
		return 2
	}
	log := slog.New(slog.NewJSONHandler(os.Stderr, nil))
	cfg, err := hubd.LoadConfig(*path)
	if err != nil {
		log.Error("bad configuration", "err", err)
		return 1
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if args[0] == "migrate" {
		err = hubd.Migrate(ctx, cfg)
	} else {
		err = hubd.Run(ctx, cfg, log)
	}
	if err != nil {
		log.Error(args[0]+" failed", "err", err)
		return 1
	}
	return 0
}
