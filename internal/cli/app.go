package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"slices"
	"syscall"

	"github.com/urfave/cli/v3"
)

// ErrUsage marks a command line that does not parse: an unknown command or flag, a flag
// without its value or with a bad one, or the wrong arguments. Main exits 2 on it.
var ErrUsage = errors.New("bad usage")

// failure is a command's own error, as opposed to a command line that does not parse.
type failure struct {
	command string
	err     error
}

func (f *failure) Error() string { return f.err.Error() }
func (f *failure) Unwrap() error { return f.err }

// App returns the root command of program name: the common flags (the configuration file
// defaulting to defaultConfig), then commands and the version command. A command that sets
// no ArgValidator takes no arguments. Running the root without a command, or with an
// unknown one, is a usage error.
func App(name, usage, defaultConfig string, commands []*cli.Command) *cli.Command {
	app := &cli.Command{
		Name:     name,
		Usage:    usage,
		Flags:    Flags(defaultConfig),
		Commands: slices.Concat(commands, []*cli.Command{VersionCommand()}),
		Action:   noCommand,
		// Execute and Main decide the exit code; the library must never exit the process.
		ExitErrHandler: func(context.Context, *cli.Command, error) {},
	}
	_ = app.Walk(func(c *cli.Command) error {
		c.OnUsageError = usageError
		if c == app {
			return nil
		}
		if c.ArgValidator == nil {
			c.ArgValidator = NoArgs
		}
		if action := c.Action; action != nil {
			c.Action = func(ctx context.Context, cmd *cli.Command) error {
				err := action(ctx, cmd)
				if err == nil || errors.Is(err, ErrUsage) {
					return err
				}
				return &failure{command: cmd.Name, err: err}
			}
		}
		return nil
	})
	return app
}

// NoArgs is an ArgValidator for a command that takes no arguments.
func NoArgs(_ context.Context, cmd *cli.Command) error {
	if cmd.Args().Present() {
		return fmt.Errorf("%w: %s takes no arguments, got %q", ErrUsage, cmd.Name, cmd.Args().First())
	}
	return nil
}

// noCommand is the root's action: reached only when no known command was given.
func noCommand(_ context.Context, cmd *cli.Command) error {
	if cmd.Args().Present() {
		return fmt.Errorf("%w: unknown command %q", ErrUsage, cmd.Args().First())
	}
	return fmt.Errorf("%w: no command given", ErrUsage)
}

// usageError marks the library's parse errors (unknown flag, missing or bad value) as
// usage errors instead of printing the whole help after them.
func usageError(_ context.Context, _ *cli.Command, err error, _ bool) error {
	return fmt.Errorf("%w: %w", ErrUsage, err)
}

// Execute runs app on args (args[0] is the program) under ctx, every flag readable from
// its environment variable (EnvVar under EnvPrefix of the program). A command's own error comes
// back as it is (errors.Is and errors.As see through it); any other error is a usage error
// (errors.Is(err, ErrUsage)). It never exits the process.
func Execute(ctx context.Context, app *cli.Command, args []string) error {
	bindEnv(app)
	err := app.Run(ctx, args)
	var f *failure
	if err == nil || errors.Is(err, ErrUsage) || errors.As(err, &f) {
		return err
	}
	// The library's other errors are about the command line too: a flag's value from the
	// environment that does not parse, a help topic that does not exist.
	return fmt.Errorf("%w: %w", ErrUsage, err)
}

// Main runs app on args (args[0] is the program) with its output to stdout and stderr,
// under a context that SIGINT and SIGTERM cancel, and returns the exit code: 0 on success,
// 2 for a usage error (printed to stderr), 1 for a failed command (logged).
func Main(app *cli.Command, args []string, stdout, stderr io.Writer) int {
	app.Writer, app.ErrWriter = stdout, stderr
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := Execute(ctx, app, args)
	var f *failure
	switch {
	case err == nil:
		return 0
	case errors.As(err, &f):
		log, lerr := Logger(app)
		if lerr != nil { // the flags were validated when parsed; stay readable regardless
			log = slog.New(slog.NewTextHandler(stderr, nil))
		}
		log.Error(f.command+" failed", "err", f.err)
		return 1
	default:
		fmt.Fprintf(stderr, "%s: %v\nRun '%s --help' for usage.\n", app.Name, err, app.Name)
		return 2
	}
}
