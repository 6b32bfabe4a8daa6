-- +goose Up
-- SQLite mirror of postgres/00001_watchtower.sql. Numbers that may exceed 64 bits (chain
-- ids, nonces, deadlines, amounts) are TEXT holding 78 zero-padded decimal digits, so that
-- comparing and ordering them as text is comparing them as numbers.
CREATE TABLE watched_contracts (
    chain_id         TEXT    NOT NULL,
    address          BLOB    NOT NULL PRIMARY KEY CHECK (length(address) = 20),
    hub              BLOB    NOT NULL CHECK (length(hub) = 20),
    deploy_block     INTEGER NOT NULL CHECK (deploy_block >= 0),
    challenge_period INTEGER NOT NULL
);

CREATE TABLE indexed_blocks (
    chain_id    TEXT    NOT NULL,
    number      INTEGER NOT NULL,
    hash        BLOB    NOT NULL CHECK (length(hash) = 32),
    parent_hash BLOB    NOT NULL CHECK (length(parent_hash) = 32),
    time        INTEGER NOT NULL,
    PRIMARY KEY (chain_id, number)
);

CREATE TABLE chain_events (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    chain_id      TEXT    NOT NULL,
    contract      BLOB    NOT NULL,
    block_number  INTEGER NOT NULL,
    block_hash    BLOB    NOT NULL,
    tx_hash       BLOB    NOT NULL,
    log_index     INTEGER NOT NULL,
    name          TEXT    NOT NULL,
    user_addr     BLOB,
    sender        BLOB,
    side          INTEGER,
    nonce         TEXT,
    onchain_nonce TEXT,
    deadline      TEXT,
    digest        BLOB,
    fields        TEXT    NOT NULL,
    confirmed     BOOLEAN NOT NULL DEFAULT FALSE,
    UNIQUE (chain_id, block_hash, log_index)
);
CREATE INDEX chain_events_channel ON chain_events (contract, user_addr, block_number, log_index);
CREATE INDEX chain_events_block ON chain_events (chain_id, block_number);
CREATE INDEX chain_events_unconfirmed ON chain_events (chain_id, block_number) WHERE NOT confirmed;

CREATE TABLE channels (
    contract      BLOB    NOT NULL,
    user_addr     BLOB    NOT NULL,
    status        TEXT    NOT NULL,
    nonce         TEXT    NOT NULL,
    onchain_nonce TEXT    NOT NULL,
    deadline      TEXT    NOT NULL,
    last_block    INTEGER NOT NULL,
    PRIMARY KEY (contract, user_addr)
);

CREATE TABLE channel_states (
    contract    BLOB      NOT NULL,
    user_addr   BLOB      NOT NULL,
    nonce       TEXT      NOT NULL,
    digest      BLOB      NOT NULL,
    state       TEXT      NOT NULL,
    sig_hub     BLOB      NOT NULL,
    sig_user    BLOB      NOT NULL,
    received_at TIMESTAMP NOT NULL,
    superseded  BOOLEAN   NOT NULL DEFAULT FALSE,
    PRIMARY KEY (contract, user_addr)
);

CREATE TABLE receipts (
    contract  BLOB    NOT NULL,
    user_addr BLOB    NOT NULL,
    nonce     TEXT    NOT NULL,
    digest    BLOB    NOT NULL,
    issued_at INTEGER NOT NULL,
    tower     BLOB    NOT NULL,
    signature BLOB    NOT NULL,
    PRIMARY KEY (contract, user_addr, nonce)
);

CREATE TABLE indexer_cursor (
    chain_id   TEXT      PRIMARY KEY,
    number     INTEGER   NOT NULL,
    hash       BLOB      NOT NULL,
    updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- +goose Down
DROP TABLE indexer_cursor;
DROP TABLE receipts;
DROP TABLE channel_states;
DROP TABLE channels;
DROP TABLE chain_events;
DROP TABLE indexed_blocks;
DROP TABLE watched_contracts;
