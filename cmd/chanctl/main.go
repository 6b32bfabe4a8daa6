// Command chanctl is a user's wallet for a Vigil channel (see package chanctl).
//
//	chanctl status --config chanctl.yaml
//	chanctl pay 0xPayee 0.1 ether --config chanctl.yaml
//	chanctl towers --json
//	chanctl version
//
// The common flags (--config, --log.level, --log.format; VIGIL_CONFIG, VIGIL_LOG_LEVEL,
// VIGIL_LOG_FORMAT) and chanctl's --json and --wei go anywhere on the line, also after a
// command's arguments; see internal/cli.
package main

import (
	"io"
	"os"

	"github.com/vigil-hub/vigil/chanctl"
)

func main() { os.Exit(run(os.Args, os.Stdout, os.Stderr)) }

// run runs the command line args (args[0] is the program) and returns the exit code.
func run(args []string, stdout, stderr io.Writer) int {
	return chanctl.Main(args, stdout, stderr)
}
