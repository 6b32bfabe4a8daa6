package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vigil-hub/vigil/chanctl"
)

// TestCommandLine runs chanctl's command line in-process: help and version succeed, a bad
// command line exits 2 naming what is wrong before any file is read, and --config is
// honoured wherever it stands, also after a command's arguments (a missing file fails the
// command, exit 1, naming the path).
func TestCommandLine(t *testing.T) {
	for _, k := range []string{"VIGIL_CONFIG", "VIGIL_LOG_LEVEL", "VIGIL_LOG_FORMAT"} {
		t.Setenv(k, "")
		os.Unsetenv(k)
	}
	missing := filepath.Join(t.TempDir(), "missing.yaml")
	const payee = "0x00000000000000000000000000000000000000b0"
	type testCase struct {
		name           string
		args           []string
		env            string // VIGIL_CONFIG
		code           int
		stdout, stderr string
	}
	cases := []testCase{
		{name: "--help", args: []string{"--help"}, stdout: "chanctl [global options]"},
		{name: "-h", args: []string{"-h"}, stdout: "chanctl [global options]"},
		{name: "help", args: []string{"help"}, stdout: "chanctl [global options]"},
		{name: "version", args: []string{"version"}, stdout: "chanctl "},
		{name: "no command", args: nil, code: 2, stderr: "no command given"},
		{name: "unknown command", args: []string{"fly"}, code: 2, stderr: `unknown command "fly"`},
		{name: "unknown flag", args: []string{"status", "--bogus"}, code: 2, stderr: "-bogus"},
		{name: "bad log level", args: []string{"status", "--log.level", "loud", "--config", missing}, code: 2, stderr: "log.level"},
		{name: "bad log format", args: []string{"--log.format", "xml", "status"}, code: 2, stderr: "log.format"},
		{name: "too many arguments", args: []string{"status", "now", "--config", missing}, code: 2, stderr: `status takes no arguments, got ["now"]`},
		{name: "too few arguments", args: []string{"pay", payee, "--config", missing}, code: 2, stderr: "pay takes <address> <amount>"},
		{name: "config after arguments", args: []string{"pay", payee, "1", "ether", "--config", missing}, code: 1, stderr: missing},
		{name: "config between arguments", args: []string{"withdraw", "1", "--config", missing, "ether"}, code: 1, stderr: missing},
		{name: "config from the environment", args: []string{"status"}, env: missing, code: 1, stderr: missing},
		{name: "config flag over the environment", args: []string{"status", "--config", missing}, env: "env.yaml", code: 1, stderr: missing},
	}
	for _, c := range chanctl.App().Commands {
		cases = append(cases,
			testCase{name: c.Name + " --help", args: []string{c.Name, "--help"}, stdout: "chanctl " + c.Name},
			testCase{name: c.Name + " -h", args: []string{c.Name, "-h"}, stdout: "chanctl " + c.Name})
	}
	for _, cmd := range [][]string{{"status"}, {"deposit", "1", "ether"}, {"pay", payee, "1"}, {"listen"},
		{"withdraw", "1", "ether", payee}, {"close"}, {"exit"}, {"settle"}} {
		cases = append(cases,
			testCase{name: "config before " + cmd[0], args: append([]string{"--config", missing}, cmd...), code: 1, stderr: missing},
			testCase{name: "config after " + cmd[0], args: append(cmd, "--log.level", "debug", "--config", missing), code: 1, stderr: missing})
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.env != "" {
				t.Setenv("VIGIL_CONFIG", tc.env)
			}
			var stdout, stderr bytes.Buffer
			code := run(append([]string{"chanctl"}, tc.args...), &stdout, &stderr)
			if code != tc.code {
				t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tc.code, &stdout, &stderr)
			}
			if !strings.Contains(stdout.String(), tc.stdout) {
				t.Errorf("stdout %q, want it to contain %q", &stdout, tc.stdout)
			}
			if !strings.Contains(stderr.String(), tc.stderr) {
				t.Errorf("stderr %q, want it to contain %q", &stderr, tc.stderr)
			}
		})
	}
}

// TestDefaultConfig: without --config chanctl reads chanctl.yaml from the working directory.
func TestDefaultConfig(t *testing.T) {
	t.Chdir(t.TempDir())
	t.Setenv("VIGIL_CONFIG", "")
	os.Unsetenv("VIGIL_CONFIG")
	var stderr bytes.Buffer
	if code := run([]string{"chanctl", "status"}, &stderr, &stderr); code != 1 || !strings.Contains(stderr.String(), "open chanctl.yaml") {
		t.Errorf("exit %d: %s, want a failure to open chanctl.yaml", code, &stderr)
	}
}
