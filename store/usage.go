package store

// Usage is how much room the database takes and has left.
type Usage struct {
	// Bytes is the size of the database: pg_database_size on PostgreSQL, the file with
	// its write-ahead log on SQLite.
	Bytes int64
	// Free is what the file system holding the database has left for it, or -1 when the
	// store cannot tell (a PostgreSQL server on another host).
	Free int64
}
