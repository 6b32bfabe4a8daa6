// Package utc shows the chain's Unix-second times in logs, alerts and errors beside their
// UTC reading, one way everywhere.
package utc

import (
	"log/slog"
	"strconv"
	"time"
)

// Layout is how a time reads: "2026-12-08 00:34:53 UTC".
const Layout = "2006-01-02 15:04:05 UTC"

// Format is a Unix time in UTC, in Layout.
func Format(unix uint64) string { return time.Unix(int64(unix), 0).UTC().Format(Layout) }

// Attrs is a Unix time as log attributes, the raw value beside its reading:
// Attrs("deadline", t) logs deadline=t deadline_utc="2026-12-08 00:34:53 UTC" (a group
// with an empty key, which handlers inline).
func Attrs(key string, unix uint64) slog.Attr {
	return slog.Group("", slog.Uint64(key, unix), slog.String(key+"_utc", Format(unix)))
}

// Text is a Unix time for a message, raw and in UTC: "1796655893 (2026-12-08 00:34:53 UTC)".
func Text(unix uint64) string { return strconv.FormatUint(unix, 10) + " (" + Format(unix) + ")" }
