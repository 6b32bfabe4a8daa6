-- +goose Up
-- Every state the hub signed for its channels, with the user's signature once given.
-- The states above a channel's cosigned nonce are the hub's proposals awaiting the user.
CREATE TABLE hub_states (
    contract   BYTEA       NOT NULL,
    user_addr  BYTEA       NOT NULL,
    nonce      NUMERIC(78) NOT NULL,
    kind       TEXT        NOT NULL,
    detail     JSONB       NOT NULL, -- the update's parameters, for the other side to recompute it
    state      JSONB       NOT NULL,
    locks      JSONB       NOT NULL,
    sig_hub    BYTEA       NOT NULL,
    sig_user   BYTEA,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (contract, user_addr, nonce)
);

-- One row per channel: the lock that serialises its updates, and where its states stand.
CREATE TABLE hub_channels (
    contract       BYTEA       NOT NULL,
    user_addr      BYTEA       NOT NULL,
    latest_nonce   NUMERIC(78) NOT NULL,
    cosigned_nonce NUMERIC(78) NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (contract, user_addr)
);

-- Payments routed through the hub.
CREATE TABLE hub_payments (
    id            BIGSERIAL   PRIMARY KEY,
    contract      BYTEA       NOT NULL,
    hashlock      BYTEA       NOT NULL,
    payer         BYTEA       NOT NULL,
    payee         BYTEA       NOT NULL,
    amount_wei    NUMERIC(78) NOT NULL,
    amount_token  NUMERIC(78) NOT NULL,
    payer_expiry  BIGINT      NOT NULL,
    payee_expiry  BIGINT      NOT NULL,
    sealed_secret BYTEA       NOT NULL, -- the secret encrypted to the payee; the hub cannot read it
    secret        BYTEA,
    status        TEXT        NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (contract, hashlock)
);
CREATE INDEX hub_payments_payer ON hub_payments (contract, payer, id);
CREATE INDEX hub_payments_payee ON hub_payments (contract, payee, id);
CREATE INDEX hub_payments_open ON hub_payments (status) WHERE status IN ('locked', 'forwarded', 'claimed');

-- Single-use, expiring nonces users sign to authenticate requests.
CREATE TABLE hub_auth_nonces (
    nonce      BYTEA       PRIMARY KEY,
    user_addr  BYTEA       NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    used       BOOLEAN     NOT NULL DEFAULT FALSE
);

-- Users' public keys, learned from their signed requests, so that a payer can seal a
-- payment's secret to its payee (the payer checks the key against the payee's address).
CREATE TABLE hub_user_keys (
    user_addr BYTEA PRIMARY KEY,
    pubkey    BYTEA NOT NULL
);

-- +goose Down
DROP TABLE hub_user_keys;
DROP TABLE hub_auth_nonces;
DROP TABLE hub_payments;
DROP TABLE hub_channels;
DROP TABLE hub_states;
