-- +goose Up
-- Mirror of postgres/00016_hub_frozen.sql: why the reconciler froze a hub channel.
ALTER TABLE hub_channels ADD COLUMN frozen TEXT;

-- +goose Down
ALTER TABLE hub_channels DROP COLUMN frozen;
