-- +goose Up
-- How many times the sender's gas estimate of an entry failed while it was queued. The
-- sender decides again on the first failure, and the hub cancels a queued entry the
-- contract now refuses; both read this count rather than the text of last_error.
-- Entries from before this version count 0: an estimate failure they already had is
-- taken as the first once more, which only decides their channel again.
ALTER TABLE outbox ADD COLUMN estimate_failures INTEGER NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE outbox DROP COLUMN estimate_failures;
