-- +goose Up
-- SQLite mirror of postgres/00007_lock_resolutions_without_proofs.sql.
ALTER TABLE hub_lock_resolutions DROP COLUMN proof;

-- +goose Down
ALTER TABLE hub_lock_resolutions ADD COLUMN proof TEXT NOT NULL DEFAULT '[]';
