-- +goose Up
-- ChannelManager v2 resolves a settled state's locks together, given the state and its
-- whole lock list (each lock carries its index, inside the lock column): per-lock Merkle
-- proofs are no longer kept.
ALTER TABLE hub_lock_resolutions DROP COLUMN proof;

-- +goose Down
ALTER TABLE hub_lock_resolutions ADD COLUMN proof JSONB NOT NULL DEFAULT '[]';
