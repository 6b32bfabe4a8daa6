-- +goose Up
-- SQLite mirror of postgres/00009_flat_states.sql: the latest state only, its receipt
-- beside it, compactly encoded; rows deposited before keep their JSON (state_json) until
-- the channel's next deposit. The table is its primary key's b-tree (WITHOUT ROWID): no
-- separate index repeats the contract and the user.
CREATE TABLE channel_states_v9 (
    contract          BLOB      NOT NULL CHECK (length(contract) = 20),
    user_addr         BLOB      NOT NULL CHECK (length(user_addr) = 20),
    nonce             TEXT      NOT NULL,
    digest            BLOB      NOT NULL CHECK (length(digest) = 32),
    sig_hub           BLOB      NOT NULL,
    sig_user          BLOB      NOT NULL,
    received_at       TIMESTAMP NOT NULL,
    superseded        BOOLEAN   NOT NULL DEFAULT FALSE,
    receipt_issued_at INTEGER,
    receipt_tower     BLOB,
    receipt_sig       BLOB,
    state             BLOB,
    state_json        TEXT,
    CHECK ((state IS NULL) <> (state_json IS NULL)),
    PRIMARY KEY (contract, user_addr)
) WITHOUT ROWID;

INSERT INTO channel_states_v9 (contract, user_addr, nonce, digest, sig_hub, sig_user, received_at, superseded,
    receipt_issued_at, receipt_tower, receipt_sig, state_json)
SELECT s.contract, s.user_addr, s.nonce, s.digest, s.sig_hub, s.sig_user, s.received_at, s.superseded,
    r.issued_at, r.tower, r.signature, s.state
FROM channel_states s
LEFT JOIN receipts r ON r.contract = s.contract AND r.user_addr = s.user_addr AND r.nonce = s.nonce;

DROP TABLE receipts;
DROP TABLE channel_states;
ALTER TABLE channel_states_v9 RENAME TO channel_states;

-- +goose Down
CREATE TABLE channel_states_v8 (
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
INSERT INTO channel_states_v8 (contract, user_addr, nonce, digest, state, sig_hub, sig_user, received_at, superseded)
SELECT contract, user_addr, nonce, digest, state_json, sig_hub, sig_user, received_at, superseded FROM channel_states;
DROP TABLE channel_states;
ALTER TABLE channel_states_v8 RENAME TO channel_states;
