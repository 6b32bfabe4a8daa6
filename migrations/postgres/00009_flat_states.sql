-- +goose Up
-- A channel's storage stays flat in its updates: only its latest state is kept, with the
-- receipt the tower issued for that state beside it (a receipt of an older state is worth
-- nothing once a newer one is held, so the receipts table goes), and the state is stored
-- compactly: the user and the nonce once, in their columns; fixed-size fields as bytes; the
-- rest in the store's compact encoding (sqlstore's state codec) instead of JSON repeating
-- them. Rows deposited
-- before this version keep their JSON (state_json) until the channel's next deposit.
-- Eight-byte columns come first, so that no padding is stored between them, and pages
-- keep a tenth free so that a new deposit replaces its row in place (a HOT update).
CREATE TABLE channel_states_v9 (
    received_at       TIMESTAMPTZ NOT NULL,
    receipt_issued_at BIGINT,
    contract          BYTEA       NOT NULL CHECK (length(contract) = 20),
    user_addr         BYTEA       NOT NULL CHECK (length(user_addr) = 20),
    nonce             NUMERIC(78) NOT NULL,
    digest            BYTEA       NOT NULL CHECK (length(digest) = 32),
    sig_hub           BYTEA       NOT NULL,
    sig_user          BYTEA       NOT NULL,
    receipt_tower     BYTEA,
    receipt_sig       BYTEA,
    state             BYTEA,
    state_json        JSONB,
    superseded        BOOLEAN     NOT NULL DEFAULT FALSE,
    CHECK ((state IS NULL) <> (state_json IS NULL)),
    PRIMARY KEY (contract, user_addr)
) WITH (fillfactor = 70);

INSERT INTO channel_states_v9 (received_at, receipt_issued_at, contract, user_addr, nonce, digest, sig_hub, sig_user,
    receipt_tower, receipt_sig, state_json, superseded)
SELECT s.received_at, r.issued_at, s.contract, s.user_addr, s.nonce, s.digest, s.sig_hub, s.sig_user,
    r.tower, r.signature, s.state, s.superseded
FROM channel_states s
LEFT JOIN receipts r ON r.contract = s.contract AND r.user_addr = s.user_addr AND r.nonce = s.nonce;

DROP TABLE receipts;
DROP TABLE channel_states;
ALTER TABLE channel_states_v9 RENAME TO channel_states;
ALTER INDEX channel_states_v9_pkey RENAME TO channel_states_pkey;

-- +goose Down
-- A state stored compactly has no JSON form here: going down fails (state NOT NULL)
-- rather than dropping it.
CREATE TABLE channel_states_v8 (
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
INSERT INTO channel_states_v8 (contract, user_addr, nonce, digest, state, sig_hub, sig_user, received_at, superseded)
SELECT contract, user_addr, nonce, digest, state_json, sig_hub, sig_user, received_at, superseded FROM channel_states;
DROP TABLE channel_states;
ALTER TABLE channel_states_v8 RENAME TO channel_states;
ALTER INDEX channel_states_v8_pkey RENAME TO channel_states_pkey;
