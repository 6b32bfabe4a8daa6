-- +goose Up
-- A channel the hub's reconciler found its books and the chain disagree on: the reason it
-- is frozen (no off-chain update until they agree again), NULL while they agree.
ALTER TABLE hub_channels ADD COLUMN frozen TEXT;

-- +goose Down
ALTER TABLE hub_channels DROP COLUMN frozen;
