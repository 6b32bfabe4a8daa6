-- +goose Up
-- SQLite mirror of postgres/00003_hub.sql.
CREATE TABLE hub_states (
    contract   BLOB      NOT NULL,
    user_addr  BLOB      NOT NULL,
    nonce      TEXT      NOT NULL,
    kind       TEXT      NOT NULL,
    detail     TEXT      NOT NULL,
    state      TEXT      NOT NULL,
    locks      TEXT      NOT NULL,
    sig_hub    BLOB      NOT NULL,
    sig_user   BLOB,
    created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (contract, user_addr, nonce)
);

CREATE TABLE hub_channels (
    contract       BLOB      NOT NULL,
    user_addr      BLOB      NOT NULL,
    latest_nonce   TEXT      NOT NULL,
    cosigned_nonce TEXT      NOT NULL,
    updated_at     TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (contract, user_addr)
);

CREATE TABLE hub_payments (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    contract      BLOB      NOT NULL,
    hashlock      BLOB      NOT NULL,
    payer         BLOB      NOT NULL,
    payee         BLOB      NOT NULL,
    amount_wei    TEXT      NOT NULL,
    amount_token  TEXT      NOT NULL,
    payer_expiry  INTEGER   NOT NULL,
    payee_expiry  INTEGER   NOT NULL,
    sealed_secret BLOB      NOT NULL,
    secret        BLOB,
    status        TEXT      NOT NULL,
    created_at    TIMESTAMP NOT NULL,
    updated_at    TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    UNIQUE (contract, hashlock)
);
CREATE INDEX hub_payments_payer ON hub_payments (contract, payer, id);
CREATE INDEX hub_payments_payee ON hub_payments (contract, payee, id);
CREATE INDEX hub_payments_open ON hub_payments (status) WHERE status IN ('locked', 'forwarded', 'claimed');

CREATE TABLE hub_auth_nonces (
    nonce      BLOB      PRIMARY KEY,
    user_addr  BLOB      NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used       BOOLEAN   NOT NULL DEFAULT FALSE
);

CREATE TABLE hub_user_keys (
    user_addr BLOB PRIMARY KEY,
    pubkey    BLOB NOT NULL
);

-- +goose Down
DROP TABLE hub_user_keys;
DROP TABLE hub_auth_nonces;
DROP TABLE hub_payments;
DROP TABLE hub_channels;
DROP TABLE hub_states;
