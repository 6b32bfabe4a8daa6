-- +goose Up
-- A state held for a channel the indexer has not seen on-chain carries the time it was
-- first stored while unseen: such channels count against a per-contract quota (the
-- partial index makes counting them cheap) and expire after a while, so that states
-- minted for channels that do not exist cannot fill the database. The indexer clears the
-- mark when the channel's first event is indexed, and sets it again when a reorg removes
-- every event of the channel. Rows of seen channels keep it NULL: their updates leave the
-- index alone and stay HOT.
ALTER TABLE channel_states ADD COLUMN unseen_since TIMESTAMPTZ;
UPDATE channel_states s SET unseen_since = s.received_at
WHERE NOT EXISTS (SELECT 1 FROM channels c WHERE c.contract = s.contract AND c.user_addr = s.user_addr);
CREATE INDEX channel_states_unseen ON channel_states (contract, unseen_since) WHERE unseen_since IS NOT NULL;

-- +goose Down
DROP INDEX channel_states_unseen;
ALTER TABLE channel_states DROP COLUMN unseen_since;
