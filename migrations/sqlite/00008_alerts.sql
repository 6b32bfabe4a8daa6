-- +goose Up
-- SQLite mirror of postgres/00008_alerts.sql.
CREATE TABLE alert_queue (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    sink       TEXT    NOT NULL,
    kind       TEXT    NOT NULL,
    severity   INTEGER NOT NULL,
    priority   INTEGER NOT NULL,
    akey       TEXT    NOT NULL,
    payload    TEXT    NOT NULL,
    status     TEXT    NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'dead')),
    created_ms INTEGER NOT NULL,
    next_ms    INTEGER NOT NULL DEFAULT 0,
    owner      TEXT    NOT NULL DEFAULT '',
    lease_ms   INTEGER NOT NULL DEFAULT 0,
    attempts   INTEGER NOT NULL DEFAULT 0,
    last_error TEXT    NOT NULL DEFAULT '',
    group_ref  TEXT    NOT NULL DEFAULT '',
    ref        TEXT    NOT NULL DEFAULT '',
    done_ms    INTEGER
);
CREATE INDEX alert_queue_pending ON alert_queue (sink, priority DESC, id) WHERE status = 'pending';
CREATE INDEX alert_queue_done ON alert_queue (done_ms) WHERE status <> 'pending';

CREATE TABLE user_webhooks (
    contract   BLOB      NOT NULL CHECK (length(contract) = 20),
    user_addr  BLOB      NOT NULL CHECK (length(user_addr) = 20),
    url        TEXT      NOT NULL,
    format     TEXT      NOT NULL CHECK (format IN ('slack', 'json')),
    signed_at  INTEGER   NOT NULL,
    updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (contract, user_addr)
);

-- +goose Down
DROP TABLE user_webhooks;
DROP INDEX alert_queue_done;
DROP INDEX alert_queue_pending;
DROP TABLE alert_queue;
