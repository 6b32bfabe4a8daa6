package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/lib/pq" // the PostgreSQL driver
)

// ErrNoDatabase reports a PostgreSQL server without the database the URL names.
var ErrNoDatabase = errors.New("database does not exist")

func openPostgres(ctx context.Context, dsn string) (*Store, error) {
	db, err := sql.Open("postgres", binaryParameters(dsn))
	if err != nil {
		// lib/pq's URL errors quote the URL, password and all.
		return nil, errors.New("open database: the PostgreSQL URL does not parse")
	}
	db.SetMaxOpenConns(20)
	db.SetMaxIdleConns(20)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		var pe *pq.Error
		if errors.As(err, &pe) && pe.Code == "3D000" {
			return nil, fmt.Errorf("connect to database %q: %w", databaseName(dsn), ErrNoDatabase)
		}
		return nil, fmt.Errorf("connect to database: %w", err)
	}
	return &Store{db: db, w: db, d: postgres}, nil
}

// binaryParameters turns on lib/pq's binary_parameters unless dsn sets it: a statement
// with arguments then costs one round trip to the server instead of two (Parse and
// Describe, then Bind and Execute), which halves the dispute path's waits on the
// database. The store's conformance suite passes either way.
func binaryParameters(dsn string) string {
	if strings.Contains(dsn, "binary_parameters") {
		return dsn
	}
	if u, err := url.Parse(dsn); err == nil && (u.Scheme == "postgres" || u.Scheme == "postgresql") {
		q := u.Query()
		q.Set("binary_parameters", "yes")
		u.RawQuery = q.Encode()
		return u.String()
	}
	return strings.TrimSpace(dsn) + " binary_parameters=yes"
}

// CreateDatabase creates the PostgreSQL database url names, connecting to the server's
// "postgres" database with the same credentials. When the role may not create databases
// the error says how an administrator can.
func CreateDatabase(ctx context.Context, dsn string) error {
	name := databaseName(dsn)
	u, err := url.Parse(dsn)
	if err != nil || name == "" || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
		return fmt.Errorf("create database: only a postgres:// URL naming a database can be created from")
	}
	admin := *u
	admin.Path = "/postgres"
	db, err := sql.Open("postgres", admin.String())
	if err != nil {
		return errors.New("create database: the PostgreSQL URL does not parse")
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, "CREATE DATABASE "+pq.QuoteIdentifier(name)); err != nil {
		var pe *pq.Error
		if errors.As(err, &pe) && pe.Code == "42P04" { // duplicate_database: a replica was first
			return nil
		}
		host, port, user := u.Hostname(), u.Port(), u.User.Username()
		if port == "" {
			port = "5432"
		}
		return fmt.Errorf("create database %q: %w; create it as an administrator with: createdb -h %s -p %s -O %s %s",
			name, err, host, port, orDefault(user, "postgres"), name)
	}
	return nil
}

// databaseName is the database a postgres:// URL names ("" when it names none).
func databaseName(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
		return ""
	}
	return strings.TrimPrefix(u.Path, "/")
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}
