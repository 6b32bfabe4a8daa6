-- +goose Up
-- A leader's term, per process group (the hub's processes sharing this database): the
-- process that takes the advisory lock begins a new term here before it writes, and every
-- channel write checks, in its own transaction, that its term is still the current one, so
-- a leader that lost its lease and woke up cannot write a state its successor also writes.
-- addr is where the leader's API answers, for followers to name to wallets.
CREATE TABLE leader_terms (
    name     TEXT   PRIMARY KEY,
    term     BIGINT NOT NULL,
    addr     TEXT   NOT NULL,
    since_ms BIGINT NOT NULL
);

-- +goose Down
DROP TABLE leader_terms;
