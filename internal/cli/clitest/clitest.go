// Package clitest checks that a Vigil program keeps the command-line conventions of
// internal/cli: help and version exit 0, a bad command line exits 2 naming what is wrong,
// and --config is honoured wherever it stands. Each program's test lists its own extra
// cases beside the shared ones.
package clitest

import (
	"bytes"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/urfave/cli/v3"

	vcli "github.com/vigil-hub/vigil/internal/cli"
)

// Case is one command line (without the program's name) and what it must do.
type Case struct {
	Name           string
	Args           []string
	Env            string // the program's config variable (VIGIL_HUB_CONFIG), when set
	Code           int
	Stdout, Stderr string // substrings the outputs must contain
}

// Main is a program's in-process entry point: args with the program's name first.
type Main func(args []string, stdout, stderr io.Writer) int

// Conventions returns the cases every program passes. app is its command line; probe is
// a command line that reads the config (e.g. ["run"]); configCmds are command lines that
// read --config, each checked with it before and after; missing is a config path that
// does not exist.
func Conventions(app *cli.Command, probe []string, configCmds [][]string, missing string) []Case {
	p := app.Name
	with := func(a []string, more ...string) []string { return append(append([]string{}, a...), more...) }
	cases := []Case{
		{Name: "--help", Args: []string{"--help"}, Stdout: p + " [global options]"},
		{Name: "-h", Args: []string{"-h"}, Stdout: p + " [global options]"},
		{Name: "help", Args: []string{"help"}, Stdout: p + " [global options]"},
		{Name: "version", Args: []string{"version"}, Stdout: p + " "},
		{Name: "no command", Code: 2, Stderr: "no command given"},
		{Name: "unknown command", Args: []string{"fly"}, Code: 2, Stderr: `unknown command "fly"`},
		{Name: "unknown flag", Args: with(probe, "--bogus"), Code: 2, Stderr: "-bogus"},
		{Name: "bad log level", Args: with(probe, "--log.level", "loud", "--config", missing), Code: 2, Stderr: "log.level"},
		{Name: "bad log format", Args: with([]string{"--log.format", "xml"}, probe...), Code: 2, Stderr: "log.format"},
		{Name: "config from the environment", Args: probe, Env: missing, Code: 1, Stderr: missing},
		{Name: "config flag over the environment", Args: with(probe, "--config", missing), Env: "env.yaml", Code: 1, Stderr: missing},
	}
	prefix := vcli.EnvPrefix(p)
	for _, f := range app.Flags {
		env := vcli.EnvVar(prefix, f.Names()[0])
		cases = append(cases, Case{Name: "--help shows " + env, Args: []string{"--help"}, Stdout: "$" + env})
	}
	for _, c := range app.Commands {
		cases = append(cases,
			Case{Name: c.Name + " --help", Args: []string{c.Name, "--help"}, Stdout: p + " " + c.Name},
			Case{Name: c.Name + " -h", Args: []string{c.Name, "-h"}, Stdout: p + " " + c.Name})
		for _, f := range c.Flags {
			env := vcli.EnvVar(prefix, f.Names()[0])
			cases = append(cases, Case{Name: c.Name + " --help shows " + env, Args: []string{c.Name, "--help"}, Stdout: "$" + env})
		}
	}
	for _, cmd := range configCmds {
		cases = append(cases,
			Case{Name: "config before " + cmd[0], Args: with([]string{"--config", missing}, cmd...), Code: 1, Stderr: missing},
			Case{Name: "config after " + cmd[0], Args: with(cmd, "--log.level", "debug", "--config", missing), Code: 1, Stderr: missing})
	}
	return cases
}

// Run runs every case through main, with the program's common variables unset.
func Run(t *testing.T, program string, main Main, cases []Case) {
	t.Helper()
	prefix := vcli.EnvPrefix(program)
	for _, f := range []string{vcli.FlagConfig, vcli.FlagLogLevel, vcli.FlagLogFormat} {
		k := vcli.EnvVar(prefix, f)
		t.Setenv(k, "")
		os.Unsetenv(k)
	}
	for _, tc := range cases {
		t.Run(tc.Name, func(t *testing.T) {
			if tc.Env != "" {
				t.Setenv(vcli.EnvVar(prefix, vcli.FlagConfig), tc.Env)
			}
			var stdout, stderr bytes.Buffer
			code := main(append([]string{program}, tc.Args...), &stdout, &stderr)
			if code != tc.Code {
				t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tc.Code, &stdout, &stderr)
			}
			if !strings.Contains(stdout.String(), tc.Stdout) {
				t.Errorf("stdout %q, want it to contain %q", &stdout, tc.Stdout)
			}
			if !strings.Contains(stderr.String(), tc.Stderr) {
				t.Errorf("stderr %q, want it to contain %q", &stderr, tc.Stderr)
			}
		})
	}
}

// DefaultConfig checks that without --config the program reads def from the working
// directory when running cmd.
func DefaultConfig(t *testing.T, program string, main Main, cmd []string, def string) {
	t.Helper()
	t.Chdir(t.TempDir())
	env := vcli.EnvVar(vcli.EnvPrefix(program), vcli.FlagConfig)
	t.Setenv(env, "")
	os.Unsetenv(env)
	var stderr bytes.Buffer
	if code := main(append([]string{program}, cmd...), &stderr, &stderr); code != 1 || !strings.Contains(stderr.String(), "open "+def) {
		t.Errorf("exit %d: %s, want a failure to open %s", code, &stderr, def)
	}
}
