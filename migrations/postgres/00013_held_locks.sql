-- +goose Up
-- The locks a user deposits with its state and the secrets it knows of the locks paying
-- it, so that the tower registers those secrets in a dispute and resolves the locks after
-- settlement. locks is the state's whole lock list in the store's compact form (sqlstore's
-- lock codec), NULL when not given; locks_root the state's locks root, NULL when it has no
-- locks (so that a newer state deposited without its locks keeps the list it commits to
-- too); locks_done marks a settled state's locks that need nothing more from the tower.
-- Secrets are kept one row per hashlock with their lock's expiry, sealed by the tower
-- (internal/secretbox), added and never overwritten by a deposit, so that nobody holding
-- the co-signed state (the hub) can erase the user's secrets by depositing it again
-- without them.
ALTER TABLE channel_states ADD COLUMN locks BYTEA;
ALTER TABLE channel_states ADD COLUMN locks_root BYTEA;
ALTER TABLE channel_states ADD COLUMN locks_done BOOLEAN;
CREATE INDEX channel_states_locks ON channel_states (contract, user_addr) WHERE locks IS NOT NULL AND locks_done IS NULL;
CREATE TABLE held_secrets (
    contract  BYTEA NOT NULL CHECK (length(contract) = 20),
    user_addr BYTEA NOT NULL CHECK (length(user_addr) = 20),
    hashlock  BYTEA NOT NULL CHECK (length(hashlock) = 32),
    sealed    BYTEA NOT NULL,
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
