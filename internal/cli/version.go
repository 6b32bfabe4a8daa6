package cli

import (
	"context"
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/urfave/cli/v3"
)

// VersionCommand returns the version command: it prints the program's name, its module
// version, the VCS revision the build recorded (if any) and the Go version.
func VersionCommand() *cli.Command {
	return &cli.Command{
		Name:  "version",
		Usage: "print the program's version, VCS revision and Go version",
		Action: func(_ context.Context, cmd *cli.Command) error {
			info, ok := debug.ReadBuildInfo()
			_, err := fmt.Fprintln(cmd.Root().Writer, versionLine(cmd.Root().Name, info, ok))
			return err
		},
	}
}

// versionLine formats a build's version: "watchtower v1.2.0 (revision 7b0e15…) go1.26.8".
func versionLine(program string, info *debug.BuildInfo, ok bool) string {
	version, goVersion := "(unknown)", runtime.Version()
	var revision, modified string
	if ok {
		if info.Main.Version != "" {
			version = info.Main.Version
		}
		if info.GoVersion != "" {
			goVersion = info.GoVersion
		}
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				revision = s.Value
			case "vcs.modified":
				modified = s.Value
			}
		}
	}
	line := program + " " + version
	if revision != "" {
		line += " (revision " + revision
		if modified == "true" {
			line += ", modified"
		}
		line += ")"
	}
	return line + " " + goVersion
}
