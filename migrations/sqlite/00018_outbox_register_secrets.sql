-- +goose Up
-- SQLite mirror of postgres/00018_outbox_register_secrets.sql: the hub's batched secret
-- registrations (register_secrets), deadline-critical. SQLite cannot alter a CHECK
-- constraint, so outbox is rebuilt (and outbox_attempts with it), as in version 12.
CREATE TABLE outbox_new (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    chain_id       TEXT    NOT NULL,
    contract       BLOB    NOT NULL CHECK (length(contract) = 20),
    user_addr      BLOB    NOT NULL CHECK (length(user_addr) = 20),
    nonce          TEXT    NOT NULL,
    kind           TEXT    NOT NULL CHECK (kind IN ('challenge', 'settle', 'hub_update', 'register_secret', 'register_secrets', 'resolve_locks')),
    arm            INTEGER NOT NULL DEFAULT 0,
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
    UNIQUE (contract, user_addr, nonce, kind, arm),
    UNIQUE (chain_id, sender, account_nonce)
);
INSERT INTO outbox_new (id, chain_id, contract, user_addr, nonce, kind, arm, sender, calldata, deadline, window_start, not_before,
    status, account_nonce, gas_limit, tx_hash, block_number, block_hash, succeeded, last_error, created_at, updated_at)
SELECT id, chain_id, contract, user_addr, nonce, kind, arm, sender, calldata, deadline, window_start, not_before,
    status, account_nonce, gas_limit, tx_hash, block_number, block_hash, succeeded, last_error, created_at, updated_at
FROM outbox;

CREATE TABLE outbox_attempts_new (
    outbox_id   INTEGER   NOT NULL REFERENCES outbox_new (id),
    tx_hash     BLOB      NOT NULL PRIMARY KEY,
    fee_cap     TEXT      NOT NULL,
    tip_cap     TEXT      NOT NULL,
    raw_tx      BLOB      NOT NULL,
    head_number INTEGER   NOT NULL,
    signed_at   TIMESTAMP NOT NULL
);
INSERT INTO outbox_attempts_new SELECT outbox_id, tx_hash, fee_cap, tip_cap, raw_tx, head_number, signed_at FROM outbox_attempts;

DROP TABLE outbox_attempts;
DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;
ALTER TABLE outbox_attempts_new RENAME TO outbox_attempts;
CREATE INDEX outbox_active ON outbox (chain_id, sender, (kind NOT IN ('challenge', 'register_secret', 'register_secrets')), (kind = 'settle'), deadline)
    WHERE status IN ('queued', 'sent', 'included');
CREATE INDEX outbox_attempts_entry ON outbox_attempts (outbox_id, signed_at);

-- +goose Down
CREATE TABLE outbox_new (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    chain_id       TEXT    NOT NULL,
    contract       BLOB    NOT NULL CHECK (length(contract) = 20),
    user_addr      BLOB    NOT NULL CHECK (length(user_addr) = 20),
    nonce          TEXT    NOT NULL,
    kind           TEXT    NOT NULL CHECK (kind IN ('challenge', 'settle', 'hub_update', 'register_secret', 'resolve_locks')),
    arm            INTEGER NOT NULL DEFAULT 0,
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
    UNIQUE (contract, user_addr, nonce, kind, arm),
    UNIQUE (chain_id, sender, account_nonce)
);
INSERT INTO outbox_new (id, chain_id, contract, user_addr, nonce, kind, arm, sender, calldata, deadline, window_start, not_before,
    status, account_nonce, gas_limit, tx_hash, block_number, block_hash, succeeded, last_error, created_at, updated_at)
SELECT id, chain_id, contract, user_addr, nonce, kind, arm, sender, calldata, deadline, window_start, not_before,
    status, account_nonce, gas_limit, tx_hash, block_number, block_hash, succeeded, last_error, created_at, updated_at
FROM outbox WHERE kind <> 'register_secrets';

CREATE TABLE outbox_attempts_new (
    outbox_id   INTEGER   NOT NULL REFERENCES outbox_new (id),
    tx_hash     BLOB      NOT NULL PRIMARY KEY,
    fee_cap     TEXT      NOT NULL,
    tip_cap     TEXT      NOT NULL,
    raw_tx      BLOB      NOT NULL,
    head_number INTEGER   NOT NULL,
    signed_at   TIMESTAMP NOT NULL
);
INSERT INTO outbox_attempts_new SELECT outbox_id, tx_hash, fee_cap, tip_cap, raw_tx, head_number, signed_at FROM outbox_attempts
WHERE outbox_id IN (SELECT id FROM outbox_new);

DROP TABLE outbox_attempts;
DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;
ALTER TABLE outbox_attempts_new RENAME TO outbox_attempts;
CREATE INDEX outbox_active ON outbox (chain_id, sender, (kind NOT IN ('challenge', 'register_secret')), (kind = 'settle'), deadline)
    WHERE status IN ('queued', 'sent', 'included');
CREATE INDEX outbox_attempts_entry ON outbox_attempts (outbox_id, signed_at);
