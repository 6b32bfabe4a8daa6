-- +goose Up
-- Mirror of postgres/00011_unseen_channels.sql: the time a state of a channel not seen
-- on-chain was first stored, NULL once the indexer has seen the channel, with a partial
-- index to count and expire such channels.
ALTER TABLE channel_states ADD COLUMN unseen_since TIMESTAMP;
UPDATE channel_states SET unseen_since = received_at
WHERE NOT EXISTS (SELECT 1 FROM channels c WHERE c.contract = channel_states.contract AND c.user_addr = channel_states.user_addr);
CREATE INDEX channel_states_unseen ON channel_states (contract, unseen_since) WHERE unseen_since IS NOT NULL;

-- +goose Down
DROP INDEX channel_states_unseen;
ALTER TABLE channel_states DROP COLUMN unseen_since;
