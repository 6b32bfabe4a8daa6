-- +goose Up
-- Mirror of postgres/00021_outbox_refused.sql: the contract's error for an entry whose
-- call it refuses for good, carried over from last_error for older entries.
ALTER TABLE outbox ADD COLUMN refused TEXT NOT NULL DEFAULT '';
UPDATE outbox SET refused = substr(last_error, length('cannot succeed: ') + 1) WHERE last_error LIKE 'cannot succeed: %';

-- +goose Down
ALTER TABLE outbox DROP COLUMN refused;
