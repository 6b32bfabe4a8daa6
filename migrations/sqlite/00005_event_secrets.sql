-- +goose Up
-- SQLite mirror of postgres/00005_event_secrets.sql.
ALTER TABLE chain_events ADD COLUMN hashlock BLOB;
ALTER TABLE chain_events ADD COLUMN secret BLOB;

-- +goose Down
ALTER TABLE chain_events DROP COLUMN secret;
ALTER TABLE chain_events DROP COLUMN hashlock;
