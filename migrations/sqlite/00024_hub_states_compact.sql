-- +goose Up
-- Mirror of postgres/00024_hub_states_compact.sql: the hub's states and their locks in
-- the compact encoding, final beside them; rows written before keep their JSON
-- (state_json, locks_json; final NULL). SQLite cannot drop a NOT NULL in place, so the
-- table is rebuilt, copying the rows as they are.
CREATE TABLE hub_states_v24 (
    contract   BLOB      NOT NULL,
    user_addr  BLOB      NOT NULL,
    nonce      TEXT      NOT NULL,
    kind       TEXT      NOT NULL,
    detail     TEXT      NOT NULL,
    state_json TEXT,
    locks_json TEXT,
    sig_hub    BLOB      NOT NULL,
    sig_user   BLOB,
    created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    final      BOOLEAN,
    state      BLOB,
    locks      BLOB,
    CHECK (CASE WHEN state IS NULL
        THEN state_json IS NOT NULL AND locks_json IS NOT NULL AND final IS NULL AND locks IS NULL
        ELSE state_json IS NULL AND locks_json IS NULL AND final IS NOT NULL END),
    PRIMARY KEY (contract, user_addr, nonce)
);
INSERT INTO hub_states_v24 (contract, user_addr, nonce, kind, detail, state_json, locks_json, sig_hub, sig_user, created_at)
SELECT contract, user_addr, nonce, kind, detail, state, locks, sig_hub, sig_user, created_at FROM hub_states;
DROP TABLE hub_states;
ALTER TABLE hub_states_v24 RENAME TO hub_states;

-- +goose Down
-- A state stored compactly has no JSON form here: going down fails (state NOT NULL)
-- rather than dropping it.
CREATE TABLE hub_states_v23 (
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
INSERT INTO hub_states_v23 (contract, user_addr, nonce, kind, detail, state, locks, sig_hub, sig_user, created_at)
SELECT contract, user_addr, nonce, kind, detail, state_json, locks_json, sig_hub, sig_user, created_at FROM hub_states;
DROP TABLE hub_states;
ALTER TABLE hub_states_v23 RENAME TO hub_states;
