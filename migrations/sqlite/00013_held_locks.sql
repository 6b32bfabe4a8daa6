-- +goose Up
-- Mirror of postgres/00013_held_locks.sql: the locks of deposited states beside
-- channel_states, and the sealed secrets of the locks paying the user.
CREATE TABLE held_locks (
    contract   BLOB NOT NULL CHECK (length(contract) = 20),
    user_addr  BLOB NOT NULL CHECK (length(user_addr) = 20),
    nonce      TEXT NOT NULL,
    state      BLOB NOT NULL,
    locks_root BLOB NOT NULL CHECK (length(locks_root) = 32),
    locks      BLOB,
    PRIMARY KEY (contract, user_addr, nonce)
);
CREATE TABLE held_secrets (
    contract  BLOB   NOT NULL CHECK (length(contract) = 20),
    user_addr BLOB   NOT NULL CHECK (length(user_addr) = 20),
    hashlock  BLOB   NOT NULL CHECK (length(hashlock) = 32),
    sealed    BLOB   NOT NULL,
    expiry    BIGINT NOT NULL,
    PRIMARY KEY (contract, user_addr, hashlock)
);
CREATE INDEX held_secrets_expiry ON held_secrets (expiry);

-- +goose Down
DROP INDEX held_secrets_expiry;
DROP TABLE held_secrets;
DROP TABLE held_locks;
