-- +goose Up
-- SQLite mirror of postgres/00004_hub_lock_resolutions.sql.
CREATE TABLE hub_lock_resolutions (
    contract      BLOB    NOT NULL,
    user_addr     BLOB    NOT NULL,
    settled_nonce TEXT    NOT NULL,
    hashlock      BLOB    NOT NULL,
    lock          TEXT    NOT NULL,
    proof         TEXT    NOT NULL,
    done          BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (contract, user_addr, settled_nonce, hashlock)
);

-- +goose Down
DROP TABLE hub_lock_resolutions;
