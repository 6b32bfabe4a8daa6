// Package migrations embeds the SQL migrations the binaries apply with goose: one
// directory per database dialect, the same versions in both, so that a PostgreSQL and an
// SQLite store built from the same release hold the same records.
package migrations

import (
	"embed"
	"io/fs"
)

//go:embed postgres/*.sql sqlite/*.sql
var all embed.FS

// Postgres holds the PostgreSQL migrations; SQLite the SQLite ones.
var (
	Postgres = sub("postgres")
	SQLite   = sub("sqlite")
)

func sub(dir string) fs.FS {
	f, err := fs.Sub(all, dir)
	if err != nil {
		panic(err) // the directory is embedded above: unreachable
	}
	return f
}
