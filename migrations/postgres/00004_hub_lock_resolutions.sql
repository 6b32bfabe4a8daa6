-- +goose Up
-- Locks of settled channel states that the hub has to resolve on-chain to be paid.
CREATE TABLE hub_lock_resolutions (
    contract      BYTEA       NOT NULL,
    user_addr     BYTEA       NOT NULL,
    settled_nonce NUMERIC(78) NOT NULL,
    hashlock      BYTEA       NOT NULL,
    lock          JSONB       NOT NULL,
    proof         JSONB       NOT NULL,
    done          BOOLEAN     NOT NULL DEFAULT FALSE,
    PRIMARY KEY (contract, user_addr, settled_nonce, hashlock)
);

-- +goose Down
DROP TABLE hub_lock_resolutions;
