package cli

import (
	"fmt"
	"io"
	"log/slog"
	"strings"

	"github.com/urfave/cli/v3"
)

// The names of the common flags.
const (
	FlagConfig    = "config"
	FlagLogLevel  = "log.level"
	FlagLogFormat = "log.format"
)

// Flags returns fresh common flags, the configuration file defaulting to defaultConfig.
// They are persistent: set on the root, they are accepted before and after a command.
func Flags(defaultConfig string) []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{
			Name:  FlagConfig,
			Usage: "configuration file",
			Value: defaultConfig,
		},
		&cli.StringFlag{
			Name:      FlagLogLevel,
			Usage:     "least severe level logged: debug, info, warn or error",
			Value:     "info",
			Validator: func(s string) error { _, err := parseLevel(s); return err },
		},
		&cli.StringFlag{
			Name:      FlagLogFormat,
			Usage:     "log format: text or json",
			Value:     "text",
			Validator: func(s string) error { _, err := parseFormat(s); return err },
		},
	}
}

// Config returns the configuration file named by --config (or its environment variable,
// VIGIL_HUB_CONFIG for the hub).
func Config(cmd *cli.Command) string { return cmd.String(FlagConfig) }

// Logger builds the logger that --log.level and --log.format describe, writing to the
// root command's ErrWriter (standard error unless a test replaces it).
func Logger(cmd *cli.Command) (*slog.Logger, error) {
	return NewLogger(cmd.Root().ErrWriter, cmd.String(FlagLogLevel), cmd.String(FlagLogFormat))
}

// NewLogger builds a logger writing to w at level (debug, info, warn, error) in format
// (text, json). A bad value is an error naming the flag it belongs to.
func NewLogger(w io.Writer, level, format string) (*slog.Logger, error) {
	lvl, err := parseLevel(level)
	if err != nil {
		return nil, fmt.Errorf("--%s: %w", FlagLogLevel, err)
	}
	newHandler, err := parseFormat(format)
	if err != nil {
		return nil, fmt.Errorf("--%s: %w", FlagLogFormat, err)
	}
	return slog.New(newHandler(w, &slog.HandlerOptions{Level: lvl})), nil
}

func parseLevel(s string) (slog.Level, error) {
	switch strings.ToLower(s) {
	case "debug":
		return slog.LevelDebug, nil
	case "info":
		return slog.LevelInfo, nil
	case "warn":
		return slog.LevelWarn, nil
	case "error":
		return slog.LevelError, nil
	}
	return 0, fmt.Errorf("%q is not one of debug, info, warn, error", s)
}

func parseFormat(s string) (func(io.Writer, *slog.HandlerOptions) slog.Handler, error) {
	switch strings.ToLower(s) {
	case "text":
		return func(w io.Writer, o *slog.HandlerOptions) slog.Handler { return slog.NewTextHandler(w, o) }, nil
	case "json":
		return func(w io.Writer, o *slog.HandlerOptions) slog.Handler { return slog.NewJSONHandler(w, o) }, nil
	}
	return nil, fmt.Errorf("%q is not one of text, json", s)
}
