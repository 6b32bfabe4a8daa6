package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"runtime/debug"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/urfave/cli/v3"
)

// clearEnv unsets the common flags' variables for the test, so a developer's own do not
// leak in (an empty value would still count as set).
func clearEnv(t *testing.T) {
	for _, k := range []string{"VIGIL_PROG_CONFIG", "VIGIL_PROG_LOG_LEVEL", "VIGIL_PROG_LOG_FORMAT"} {
		t.Setenv(k, "")
		os.Unsetenv(k)
	}
}

// testApp has one command, echo, that prints its config path and arguments, and one, fail,
// that fails.
func testApp(got *[]string) *cli.Command {
	return App("prog", "a test program", "prog.yaml", []*cli.Command{
		{
			Name:         "echo",
			ArgValidator: func(context.Context, *cli.Command) error { return nil },
			Action: func(_ context.Context, cmd *cli.Command) error {
				*got = append([]string{Config(cmd), cmd.String(FlagLogLevel)}, cmd.Args().Slice()...)
				return nil
			},
		},
		{
			Name:   "fail",
			Action: func(context.Context, *cli.Command) error { return errors.New("boom") },
		},
	})
}

func TestMainExitCodes(t *testing.T) {
	clearEnv(t)
	for _, tc := range []struct {
		name    string
		args    []string
		env     map[string]string
		code    int
		got     []string // what echo saw: config, log level, arguments
		stdout  string
		stderr  string
		missing string // not in stderr
	}{
		{name: "defaults", args: []string{"echo"}, got: []string{"prog.yaml", "info"}},
		{name: "flags before the command", args: []string{"--config", "a.yaml", "--log.level", "debug", "echo"},
			got: []string{"a.yaml", "debug"}},
		{name: "flags after the command", args: []string{"echo", "--config", "a.yaml", "--log.level=warn"},
			got: []string{"a.yaml", "warn"}},
		{name: "flags after positional arguments", args: []string{"echo", "x", "y", "--config", "a.yaml", "z"},
			got: []string{"a.yaml", "info", "x", "y", "z"}},
		{name: "single dash", args: []string{"-config", "a.yaml", "echo"}, got: []string{"a.yaml", "info"}},
		{name: "after -- everything is an argument", args: []string{"echo", "--", "--config", "a.yaml"},
			got: []string{"prog.yaml", "info", "--config", "a.yaml"}},
		{name: "environment", args: []string{"echo"}, env: map[string]string{"VIGIL_PROG_CONFIG": "env.yaml", "VIGIL_PROG_LOG_LEVEL": "error"},
			got: []string{"env.yaml", "error"}},
		{name: "flag over environment", args: []string{"echo", "--config", "flag.yaml"}, env: map[string]string{"VIGIL_PROG_CONFIG": "env.yaml"},
			got: []string{"flag.yaml", "info"}},
		{name: "help", args: []string{"--help"}, stdout: "prog - a test program"},
		{name: "help names each flag's variable", args: []string{"--help"}, stdout: "[$VIGIL_PROG_LOG_FORMAT]"},
		{name: "command help", args: []string{"echo", "-h"}, stdout: "prog echo"},
		{name: "version", args: []string{"version"}, stdout: "prog "},
		{name: "no command", args: nil, code: 2, stderr: "no command given"},
		{name: "unknown command", args: []string{"fly"}, code: 2, stderr: `unknown command "fly"`},
		{name: "unknown flag", args: []string{"echo", "--bogus"}, code: 2, stderr: "-bogus"},
		{name: "flag without value", args: []string{"echo", "--config"}, code: 2, stderr: "--config"},
		{name: "bad log level", args: []string{"echo", "--log.level", "loud"}, code: 2, stderr: `"loud" for flag -log.level`},
		{name: "bad log format", args: []string{"--log.format=xml", "echo"}, code: 2, stderr: `"xml" for flag -log.format`},
		{name: "bad log level from the environment", args: []string{"echo"}, env: map[string]string{"VIGIL_PROG_LOG_LEVEL": "loud"},
			code: 2, stderr: `"loud" as string value from environment variable "VIGIL_PROG_LOG_LEVEL" for flag log.level`},
		{name: "arguments to a command that takes none", args: []string{"fail", "x"}, code: 2, stderr: `fail takes no arguments, got "x"`},
		{name: "failure is logged", args: []string{"fail"}, code: 1, stderr: `level=ERROR msg="fail failed" err=boom`, missing: "--help"},
		{name: "failure is logged as json", args: []string{"fail", "--log.format", "json"}, code: 1, stderr: `"msg":"fail failed","err":"boom"`},
		{name: "failure is logged at level error", args: []string{"fail", "--log.level", "error"}, code: 1, stderr: "boom"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for k, v := range tc.env {
				t.Setenv(k, v)
			}
			var got []string
			var stdout, stderr bytes.Buffer
			code := Main(testApp(&got), append([]string{"prog"}, tc.args...), &stdout, &stderr)
			if code != tc.code {
				t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tc.code, &stdout, &stderr)
			}
			if tc.got != nil && strings.Join(got, "|") != strings.Join(tc.got, "|") {
				t.Errorf("echo saw %q, want %q", got, tc.got)
			}
			if !strings.Contains(stdout.String(), tc.stdout) {
				t.Errorf("stdout %q, want it to contain %q", &stdout, tc.stdout)
			}
			if !strings.Contains(stderr.String(), tc.stderr) {
				t.Errorf("stderr %q, want it to contain %q", &stderr, tc.stderr)
			}
			if tc.missing != "" && strings.Contains(stderr.String(), tc.missing) {
				t.Errorf("stderr %q contains %q", &stderr, tc.missing)
			}
		})
	}
}

// TestExecuteErrors: a command's own error comes back unchanged, anything else is a usage
// error.
func TestExecuteErrors(t *testing.T) {
	clearEnv(t)
	var got []string
	boom := errors.New("boom")
	app := App("prog", "", "prog.yaml", []*cli.Command{{Name: "fail", Action: func(context.Context, *cli.Command) error { return boom }}})
	if err := Execute(t.Context(), app, []string{"prog", "fail"}); !errors.Is(err, boom) || errors.Is(err, ErrUsage) || err.Error() != "boom" {
		t.Errorf("fail: %v, want boom itself", err)
	}
	for _, args := range [][]string{{}, {"fly"}, {"--bogus"}, {"echo", "--log.level", "x"}, {"help", "fly"}} {
		if err := Execute(t.Context(), testApp(&got), append([]string{"prog"}, args...)); !errors.Is(err, ErrUsage) {
			t.Errorf("%q: %v, want a usage error", args, err)
		}
	}
}

// TestSignalCancels: SIGTERM and SIGINT cancel the command's context instead of killing
// the process.
func TestSignalCancels(t *testing.T) {
	clearEnv(t)
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT} {
		app := App("prog", "", "prog.yaml", []*cli.Command{{
			Name: "wait",
			Action: func(ctx context.Context, _ *cli.Command) error {
				if err := syscall.Kill(os.Getpid(), sig); err != nil {
					return err
				}
				select {
				case <-ctx.Done():
					return nil
				case <-time.After(10 * time.Second):
					return errors.New("context not cancelled")
				}
			},
		}})
		var stderr bytes.Buffer
		if code := Main(app, []string{"prog", "wait"}, &stderr, &stderr); code != 0 {
			t.Errorf("%v: exit %d: %s", sig, code, &stderr)
		}
	}
}

func TestNewLogger(t *testing.T) {
	var buf bytes.Buffer
	log, err := NewLogger(&buf, "warn", "json")
	if err != nil {
		t.Fatal(err)
	}
	log.Info("quiet")
	log.Warn("loud", "k", 1)
	var rec map[string]any
	if err := json.Unmarshal(buf.Bytes(), &rec); err != nil || rec["msg"] != "loud" || rec["k"] != 1.0 {
		t.Errorf("logged %q (%v), want one JSON warning", &buf, err)
	}
	buf.Reset()
	if log, err = NewLogger(&buf, "DEBUG", "text"); err != nil {
		t.Fatal(err)
	}
	log.Debug("shown")
	if !strings.HasPrefix(buf.String(), "time=") || !strings.Contains(buf.String(), "msg=shown") {
		t.Errorf("logged %q, want a text debug line", &buf)
	}
	for _, tc := range []struct{ level, format, want string }{
		{"loud", "text", `--log.level: "loud" is not one of debug, info, warn, error`},
		{"info", "xml", `--log.format: "xml" is not one of text, json`},
		{"", "text", `--log.level: "" is not one of debug, info, warn, error`},
	} {
		if _, err := NewLogger(&buf, tc.level, tc.format); err == nil || err.Error() != tc.want {
			t.Errorf("NewLogger(%q, %q): %v, want %s", tc.level, tc.format, err, tc.want)
		}
	}
}

func TestVersionLine(t *testing.T) {
	info := &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Path: "github.com/vigil-hub/vigil", Version: "v1.2.0"}}
	for _, tc := range []struct {
		name     string
		settings []debug.BuildSetting
		want     string
	}{
		{"release", nil, "watchtower v1.2.0 go1.26.8"},
		{"revision", []debug.BuildSetting{{Key: "vcs.revision", Value: "7b0e151"}, {Key: "vcs.modified", Value: "false"}},
			"watchtower v1.2.0 (revision 7b0e151) go1.26.8"},
		{"modified", []debug.BuildSetting{{Key: "vcs.revision", Value: "7b0e151"}, {Key: "vcs.modified", Value: "true"}},
			"watchtower v1.2.0 (revision 7b0e151, modified) go1.26.8"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			i := *info
			i.Settings = tc.settings
			if got := versionLine("watchtower", &i, true); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
	if got := versionLine("hub", nil, false); !strings.HasPrefix(got, "hub (unknown) go") {
		t.Errorf("without build info: %q", got)
	}
}
