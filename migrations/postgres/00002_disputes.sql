-- +goose Up
-- Every transaction the tower means to send. The idempotency key (contract, user, nonce,
-- kind) makes queueing the same answer twice a no-op; the account nonce is assigned once,
-- under the sender_accounts row lock, right before the first signature.
CREATE TABLE outbox (
    id             BIGSERIAL   PRIMARY KEY,
    chain_id       NUMERIC(78) NOT NULL,
    contract       BYTEA       NOT NULL CHECK (length(contract) = 20),
    user_addr      BYTEA       NOT NULL CHECK (length(user_addr) = 20),
    nonce          NUMERIC(78) NOT NULL,
    kind           TEXT        NOT NULL CHECK (kind IN ('challenge', 'settle')),
    sender         BYTEA       NOT NULL CHECK (length(sender) = 20),
    calldata       BYTEA       NOT NULL,
    deadline       BIGINT      NOT NULL, -- unix seconds by which it must be included
    window_start   BIGINT      NOT NULL, -- unix seconds when the window opened (fee urgency)
    not_before     BIGINT      NOT NULL DEFAULT 0, -- unix block time before which it is not sent
    status         TEXT        NOT NULL CHECK (status IN
                       ('queued', 'sent', 'included', 'confirmed', 'reverted', 'cancelled', 'failed')),
    account_nonce  BIGINT,
    gas_limit      BIGINT,
    tx_hash        BYTEA,      -- the attempt that was included
    block_number   BIGINT,
    block_hash     BYTEA,
    succeeded      BOOLEAN,    -- the included receipt's status
    last_error     TEXT        NOT NULL DEFAULT '',
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (contract, user_addr, nonce, kind),
    UNIQUE (chain_id, sender, account_nonce)
);
CREATE INDEX outbox_active ON outbox (chain_id, sender, deadline) WHERE status IN ('queued', 'sent', 'included');

-- Every signed transaction for an outbox entry: its fees and raw bytes, written before it
-- is broadcast, so that a restart re-broadcasts exactly what may already be out.
CREATE TABLE outbox_attempts (
    outbox_id   BIGINT      NOT NULL REFERENCES outbox (id),
    tx_hash     BYTEA       NOT NULL PRIMARY KEY,
    fee_cap     NUMERIC(78) NOT NULL,
    tip_cap     NUMERIC(78) NOT NULL,
    raw_tx      BYTEA       NOT NULL,
    head_number BIGINT      NOT NULL, -- chain head when signed, to tell a stuck attempt
    signed_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX outbox_attempts_entry ON outbox_attempts (outbox_id, signed_at);

-- The next account nonce of each sending account, the lock that serialises assignment.
CREATE TABLE sender_accounts (
    chain_id   NUMERIC(78) NOT NULL,
    address    BYTEA       NOT NULL,
    next_nonce BIGINT      NOT NULL,
    PRIMARY KEY (chain_id, address)
);

-- Per-channel override of the deployment's settle-after-deadline setting.
CREATE TABLE settle_policy (
    contract    BYTEA   NOT NULL,
    user_addr   BYTEA   NOT NULL,
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
