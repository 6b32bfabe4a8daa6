-- +goose Up
-- Mirror of postgres/00013_held_locks.sql: a deposited state's locks, whether a settled
-- state's locks need anything more, and the sealed secrets of the locks paying the user.
ALTER TABLE channel_states ADD COLUMN locks BLOB;
ALTER TABLE channel_states ADD COLUMN locks_root BLOB;
ALTER TABLE channel_states ADD COLUMN locks_done BOOLEAN;
CREATE INDEX channel_states_locks ON channel_states (contract, user_addr) WHERE locks IS NOT NULL AND locks_done IS NULL;
CREATE TABLE held_secrets (
    contract  BLOB NOT NULL CHECK (length(contract) = 20),
    user_addr BLOB NOT NULL CHECK (length(user_addr) = 20),
    hashlock  BLOB NOT NULL CHECK (length(hashlock) = 32),
    sealed    BLOB NOT NULL,
    expiry    BIGINT NOT NULL,
    PRIMARY KEY (contract, user_addr, hashlock)
);
CREATE INDEX held_secrets_expiry ON held_secrets (expiry);

-- +goose Down
DROP INDEX held_secrets_expiry;
DROP TABLE held_secrets;
DROP INDEX channel_states_locks;
ALTER TABLE channel_states DROP COLUMN locks_done;
ALTER TABLE channel_states DROP COLUMN locks_root;
ALTER TABLE channel_states DROP COLUMN locks;
