-- +goose Up
-- The locks a user deposits with its states and the secrets it knows of the locks paying
-- it, so that the tower registers those secrets before their locks expire and resolves
-- the locks of a settled state while the user is offline. They live beside
-- channel_states, not in it, so that a channel's row (and its storage) is what it was,
-- and so that the locks of a settled state outlive the newer states deposited after the
-- settlement:
--  - held_locks: one row per deposited state with locks (its nonce, its compact state, its
--    locks root, and its lock list in the store's lock codec once a deposit brought it or
--    an earlier state with the same root had it). A channel keeps the row of its latest
--    locked state, of the state its on-chain view holds, and of states a Settled event
--    paid out until their locks need nothing more.
--  - held_secrets: one row per hashlock, sealed by the tower (internal/secretbox), with
--    its lock's expiry; added and never overwritten by a deposit, so that nobody holding
--    the co-signed state (the hub) can erase the user's secrets by depositing it again
--    without them.
CREATE TABLE held_locks (
    contract   BYTEA       NOT NULL CHECK (length(contract) = 20),
    user_addr  BYTEA       NOT NULL CHECK (length(user_addr) = 20),
    nonce      NUMERIC(78) NOT NULL,
    state      BYTEA       NOT NULL,
    locks_root BYTEA       NOT NULL CHECK (length(locks_root) = 32),
    locks      BYTEA,
    PRIMARY KEY (contract, user_addr, nonce)
);
CREATE TABLE held_secrets (
    contract  BYTEA  NOT NULL CHECK (length(contract) = 20),
    user_addr BYTEA  NOT NULL CHECK (length(user_addr) = 20),
    hashlock  BYTEA  NOT NULL CHECK (length(hashlock) = 32),
    sealed    BYTEA  NOT NULL,
    expiry    BIGINT NOT NULL,
    PRIMARY KEY (contract, user_addr, hashlock)
);
CREATE INDEX held_secrets_expiry ON held_secrets (expiry);

-- +goose Down
DROP INDEX held_secrets_expiry;
DROP TABLE held_secrets;
DROP TABLE held_locks;
