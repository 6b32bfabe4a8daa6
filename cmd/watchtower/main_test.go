package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCommandLine runs the watchtower's command line in-process: help and version succeed,
// a bad command line exits 2 naming what is wrong, and --config is honoured wherever it
// stands (a missing file fails the command, exit 1, naming the path).
func TestCommandLine(t *testing.T) {
	for _, k := range []string{"VIGIL_CONFIG", "VIGIL_LOG_LEVEL", "VIGIL_LOG_FORMAT"} {
		t.Setenv(k, "")
		os.Unsetenv(k)
	}
	missing := filepath.Join(t.TempDir(), "missing.yaml")
	type testCase struct {
		name           string
		args           []string
		env            string // VIGIL_CONFIG
		code           int
		stdout, stderr string
	}
	cases := []testCase{
		{name: "--help", args: []string{"--help"}, stdout: "watchtower [global options]"},
		{name: "-h", args: []string{"-h"}, stdout: "watchtower [global options]"},
		{name: "help", args: []string{"help"}, stdout: "watchtower [global options]"},
		{name: "version", args: []string{"version"}, stdout: "watchtower "},
		{name: "no command", args: nil, code: 2, stderr: "no command given"},
		{name: "unknown command", args: []string{"fly"}, code: 2, stderr: `unknown command "fly"`},
		{name: "unknown flag", args: []string{"run", "--bogus"}, code: 2, stderr: "-bogus"},
		{name: "bad log level", args: []string{"run", "--log.level", "loud", "--config", missing}, code: 2, stderr: "log.level"},
		{name: "bad log format", args: []string{"--log.format", "xml", "migrate"}, code: 2, stderr: "log.format"},
		{name: "run with arguments", args: []string{"run", "now"}, code: 2, stderr: `run takes no arguments, got "now"`},
		{name: "config from the environment", args: []string{"run"}, env: missing, code: 1, stderr: missing},
		{name: "config flag over the environment", args: []string{"run", "--config", missing}, env: "env.yaml", code: 1, stderr: missing},
	}
	for _, c := range app().Commands {
		cases = append(cases,
			testCase{name: c.Name + " --help", args: []string{c.Name, "--help"}, stdout: "watchtower " + c.Name},
			testCase{name: c.Name + " -h", args: []string{c.Name, "-h"}, stdout: "watchtower " + c.Name})
	}
	for _, cmd := range []string{"run", "migrate"} {
		cases = append(cases,
			testCase{name: "config before " + cmd, args: []string{"--config", missing, cmd}, code: 1, stderr: missing},
			testCase{name: "config after " + cmd, args: []string{cmd, "--log.level", "debug", "--config", missing}, code: 1, stderr: missing})
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.env != "" {
				t.Setenv("VIGIL_CONFIG", tc.env)
			}
			var stdout, stderr bytes.Buffer
			code := run(append([]string{"watchtower"}, tc.args...), &stdout, &stderr)
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

// TestDefaultConfig: without --config the watchtower reads config.yaml from the working directory.
func TestDefaultConfig(t *testing.T) {
	t.Chdir(t.TempDir())
	t.Setenv("VIGIL_CONFIG", "")
	os.Unsetenv("VIGIL_CONFIG")
	var stderr bytes.Buffer
	if code := run([]string{"watchtower", "migrate"}, &stderr, &stderr); code != 1 || !strings.Contains(stderr.String(), "open config.yaml") {
		t.Errorf("exit %d: %s, want a failure to open config.yaml", code, &stderr)
	}
}
