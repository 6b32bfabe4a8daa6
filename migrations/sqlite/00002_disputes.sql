-- +goose Up
-- SQLite mirror of postgres/00002_disputes.sql.
CREATE TABLE outbox (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    chain_id       TEXT    NOT NULL,
    contract       BLOB    NOT NULL CHECK (length(contract) = 20),
    user_addr      BLOB    NOT NULL CHECK (length(user_addr) = 20),
    nonce          TEXT    NOT NULL,
    kind           TEXT    NOT NULL CHECK (kind IN ('challenge', 'settle')),
    sender         BLOB    NOT NULL CHECK (length(sender) = 20),
    calldata       BLOB    NOT NULL,
    deadline       INTEGER NOT NULL,
    window_start   INTEGER NOT NULL,
    not_before     INTEGER NOT NULL DEFAULT 0,
    status         TEXT    NOT NULL CHECK (status IN
                       ('queued', 'sent', 'included', 'confirmed', 'reverted', 'cancelled', 'failed')),
    account_nonce  INTEGER,
    gas_limit      INTEGER,
    tx_hash        BLOB,
    block_number   INTEGER,
    block_hash     BLOB,
    succeeded      BOOLEAN,
    last_error     TEXT      NOT NULL DEFAULT '',
    created_at     TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at     TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    UNIQUE (contract, user_addr, nonce, kind),
    UNIQUE (chain_id, sender, account_nonce)
);
CREATE INDEX outbox_active ON outbox (chain_id, sender, deadline) WHERE status IN ('queued', 'sent', 'included');

CREATE TABLE outbox_attempts (
    outbox_id   INTEGER   NOT NULL REFERENCES outbox (id),
    tx_hash     BLOB      NOT NULL PRIMARY KEY,
    fee_cap     TEXT      NOT NULL,
    tip_cap     TEXT      NOT NULL,
    raw_tx      BLOB      NOT NULL,
    head_number INTEGER   NOT NULL,
    signed_at   TIMESTAMP NOT NULL
);
CREATE INDEX outbox_attempts_entry ON outbox_attempts (outbox_id, signed_at);

CREATE TABLE sender_accounts (
    chain_id   TEXT    NOT NULL,
    address    BLOB    NOT NULL,
    next_nonce INTEGER NOT NULL,
    PRIMARY KEY (chain_id, address)
);

CREATE TABLE settle_policy (
    contract    BLOB    NOT NULL,
    user_addr   BLOB    NOT NULL,
    auto_settle BOOLEAN NOT NULL,
    PRIMARY KEY (contract, user_addr)
);

CREATE INDEX channels_disputed ON channels (contract) WHERE status = 'disputed';

-- +goose Down
DROP INDEX channels_disputed;
DROP TABLE settle_policy;
DROP TABLE sender_accounts;
DROP TABLE outbox_attempts;
DROP TABLE outbox;
