-- +goose Up
-- The contract's error when it refuses an entry's call for good (a simulation or an
-- estimate reverted with one of its errors that no later block changes); '' otherwise.
-- A cancelled or failed entry with a refusal stands for the rest of its dispute. Until
-- now that was read from the text of last_error, which is for people; entries from
-- before this version are carried over from it.
ALTER TABLE outbox ADD COLUMN refused TEXT NOT NULL DEFAULT '';
UPDATE outbox SET refused = substr(last_error, length('cannot succeed: ') + 1) WHERE last_error LIKE 'cannot succeed: %';

-- +goose Down
ALTER TABLE outbox DROP COLUMN refused;
