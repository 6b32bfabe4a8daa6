-- +goose Up
-- Mirror of postgres/00014_events_channel_index.sql: a channel's events only are indexed
-- by channel; SQLite uses a partial index for user_addr = ? terms.
DROP INDEX chain_events_channel;
CREATE INDEX chain_events_channel ON chain_events (contract, user_addr, block_number, log_index) WHERE user_addr IS NOT NULL;

-- +goose Down
DROP INDEX chain_events_channel;
CREATE INDEX chain_events_channel ON chain_events (contract, user_addr, block_number, log_index);
