-- +goose Up
-- Index a channel's events only: an event of no user (SecretRegistered, which anyone may
-- emit in bulk, reserve and owed-payout events) is never looked up by channel, and
-- indexing it cost every backfill an index entry per event. Queries by channel
-- (contract = $1 AND user_addr = $2) imply user_addr IS NOT NULL and use the partial index.
DROP INDEX chain_events_channel;
CREATE INDEX chain_events_channel ON chain_events (contract, user_addr, block_number, log_index) WHERE user_addr IS NOT NULL;

-- +goose Down
DROP INDEX chain_events_channel;
CREATE INDEX chain_events_channel ON chain_events (contract, user_addr, block_number, log_index);
