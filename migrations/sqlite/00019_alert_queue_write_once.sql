-- +goose Up
-- Mirror of postgres/00019_alert_queue_write_once.sql.
CREATE TABLE alert_sinks (
    sink     TEXT    PRIMARY KEY,
    owner    TEXT    NOT NULL,
    lease_ms INTEGER NOT NULL
);
CREATE TABLE alert_groups (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    sink       TEXT    NOT NULL,
    ref        TEXT    NOT NULL,
    ids        TEXT    NOT NULL,
    created_ms INTEGER NOT NULL
);
CREATE INDEX alert_groups_sink ON alert_groups (sink);
DROP INDEX alert_queue_pending;
CREATE INDEX alert_queue_pending ON alert_queue (sink, id) WHERE status = 'pending';
ALTER TABLE alert_queue DROP COLUMN next_ms;
ALTER TABLE alert_queue DROP COLUMN owner;
ALTER TABLE alert_queue DROP COLUMN lease_ms;

-- +goose Down
ALTER TABLE alert_queue ADD COLUMN next_ms INTEGER NOT NULL DEFAULT 0;
ALTER TABLE alert_queue ADD COLUMN owner TEXT NOT NULL DEFAULT '';
ALTER TABLE alert_queue ADD COLUMN lease_ms INTEGER NOT NULL DEFAULT 0;
DROP INDEX alert_queue_pending;
CREATE INDEX alert_queue_pending ON alert_queue (sink, priority DESC, id) WHERE status = 'pending';
DROP TABLE alert_groups;
DROP TABLE alert_sinks;
