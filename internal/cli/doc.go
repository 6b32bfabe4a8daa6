// Package cli is what Vigil's programs (cmd/watchtower, cmd/hub, cmd/chanctl) share on
// their command lines, over github.com/urfave/cli/v3: the common flags --config,
// --log.level and --log.format, an environment variable for every flag of a program
// derived from its name under the program's prefix (VIGIL_TOWER_, VIGIL_HUB_,
// VIGIL_CHANCTL_; see EnvVar), the logger built from them, the version command, and one
// rule for exit codes — 0 on success, 2 for a command line that does not parse, 1 for a
// command that failed, after logging why.
//
// The common flags sit on the root command and are persistent, and urfave/cli v3 parses
// flags wherever they appear among the arguments, so `watchtower --config x.yaml run`,
// `watchtower run --config x.yaml` and `chanctl pay 0x… 1 ether --config x.yaml` all
// work. A program builds its root with App and runs it with Main.
package cli
