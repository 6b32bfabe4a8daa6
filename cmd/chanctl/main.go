// Command chanctl is a user's wallet for a Vigil channel. See chanctl.Usage.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/vigil-hub/vigil/chanctl"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := chanctl.Run(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, err)
		if errors.Is(err, chanctl.ErrUsage) {
			os.Exit(2)
		}
		os.Exit(1)
	}
}
