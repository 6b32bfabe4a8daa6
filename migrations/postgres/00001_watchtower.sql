-- +goose Up
-- Contracts the tower watches, on the chain it indexes.
CREATE TABLE watched_contracts (
    chain_id         NUMERIC(78)  NOT NULL,
    address          BYTEA        NOT NULL PRIMARY KEY CHECK (length(address) = 20),
    hub              BYTEA        NOT NULL CHECK (length(hub) = 20),
    deploy_block     BIGINT       NOT NULL CHECK (deploy_block >= 0),
    challenge_period BIGINT       NOT NULL
);

-- Blocks the indexer has seen: the last block of every indexed range and every block
-- holding an event, so a reorg is found by comparing hashes with the node.
CREATE TABLE indexed_blocks (
    chain_id    NUMERIC(78) NOT NULL,
    number      BIGINT      NOT NULL,
    hash        BYTEA       NOT NULL CHECK (length(hash) = 32),
    parent_hash BYTEA       NOT NULL CHECK (length(parent_hash) = 32),
    time        BIGINT      NOT NULL,
    PRIMARY KEY (chain_id, number)
);

-- Decoded ChannelManager events.
CREATE TABLE chain_events (
    id            BIGSERIAL   PRIMARY KEY,
    chain_id      NUMERIC(78) NOT NULL,
    contract      BYTEA       NOT NULL,
    block_number  BIGINT      NOT NULL,
    block_hash    BYTEA       NOT NULL,
    tx_hash       BYTEA       NOT NULL,
    log_index     INTEGER     NOT NULL,
    name          TEXT        NOT NULL,
    user_addr     BYTEA,
    sender        BYTEA,
    side          SMALLINT,
    nonce         NUMERIC(78),
    onchain_nonce NUMERIC(78),
    deadline      NUMERIC(78),
    digest        BYTEA,
    fields        JSONB       NOT NULL,
    confirmed     BOOLEAN     NOT NULL DEFAULT FALSE,
    UNIQUE (chain_id, block_hash, log_index)
);
CREATE INDEX chain_events_channel ON chain_events (contract, user_addr, block_number, log_index);
CREATE INDEX chain_events_block ON chain_events (chain_id, block_number);
CREATE INDEX chain_events_unconfirmed ON chain_events (chain_id, block_number) WHERE NOT confirmed;

-- The on-chain view of each channel, derived from its events.
CREATE TABLE channels (
    contract      BYTEA       NOT NULL,
    user_addr     BYTEA       NOT NULL,
    status        TEXT        NOT NULL,
    nonce         NUMERIC(78) NOT NULL,
    onchain_nonce NUMERIC(78) NOT NULL,
    deadline      NUMERIC(78) NOT NULL DEFAULT 0,
    last_block    BIGINT      NOT NULL,
    PRIMARY KEY (contract, user_addr)
);

-- The latest co-signed state deposited for each channel.
CREATE TABLE channel_states (
    contract    BYTEA       NOT NULL,
    user_addr   BYTEA       NOT NULL,
    nonce       NUMERIC(78) NOT NULL,
    digest      BYTEA       NOT NULL,
    state       JSONB       NOT NULL,
    sig_hub     BYTEA       NOT NULL,
    sig_user    BYTEA       NOT NULL,
    received_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    superseded  BOOLEAN     NOT NULL DEFAULT FALSE,
    PRIMARY KEY (contract, user_addr)
);

-- Receipts the tower signed, one per accepted state.
CREATE TABLE receipts (
    contract  BYTEA       NOT NULL,
    user_addr BYTEA       NOT NULL,
    nonce     NUMERIC(78) NOT NULL,
    digest    BYTEA       NOT NULL,
    issued_at BIGINT      NOT NULL,
    tower     BYTEA       NOT NULL,
    signature BYTEA       NOT NULL,
    PRIMARY KEY (contract, user_addr, nonce)
);

-- Where the indexer stopped, per chain.
CREATE TABLE indexer_cursor (
    chain_id   NUMERIC(78) PRIMARY KEY,
    number     BIGINT      NOT NULL,
    hash       BYTEA       NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- +goose Down
DROP TABLE indexer_cursor;
DROP TABLE receipts;
DROP TABLE channel_states;
DROP TABLE channels;
DROP TABLE chain_events;
DROP TABLE indexed_blocks;
DROP TABLE watched_contracts;
