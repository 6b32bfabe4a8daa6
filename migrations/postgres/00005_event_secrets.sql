-- +goose Up
-- SecretRegistered's hashlock and secret as columns, so that no consumer parses the
-- event's JSON fields. Rows indexed before keep NULL: their events were consumed when they
-- were confirmed.
ALTER TABLE chain_events ADD COLUMN hashlock BYTEA;
ALTER TABLE chain_events ADD COLUMN secret BYTEA;

-- +goose Down
ALTER TABLE chain_events DROP COLUMN secret;
ALTER TABLE chain_events DROP COLUMN hashlock;
