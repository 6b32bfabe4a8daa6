// Package migrations embeds the SQL migrations the binaries apply with goose.
package migrations

import "embed"

// FS holds the *.sql migrations.
//
//go:embed *.sql
var FS embed.FS
