-- +goose Up
-- Mirror of postgres/00020_outbox_estimate_failures.sql: the count of an entry's failed
-- gas estimates.
ALTER TABLE outbox ADD COLUMN estimate_failures INTEGER NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE outbox DROP COLUMN estimate_failures;
