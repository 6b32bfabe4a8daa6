-- +goose Up
-- Alerts cost the database two writes each: a pending row is inserted once and updated
-- once when it is final. The delivery loop that holds its sink's lease (one row per sink in
-- alert_sinks, renewed every few seconds) decides grouping, pacing, retries and deferrals
-- in memory, so the per-row lease, retry time and owner go. A group whose summary is posted
-- while its detail is not is one row in alert_groups until the detail is out, so that a
-- restart finishes it in the same thread.
CREATE TABLE alert_sinks (
    sink     TEXT   PRIMARY KEY,
    owner    TEXT   NOT NULL,
    lease_ms BIGINT NOT NULL
);
CREATE TABLE alert_groups (
    id         BIGSERIAL PRIMARY KEY,
    sink       TEXT   NOT NULL,
    ref        TEXT   NOT NULL,
    ids        TEXT   NOT NULL, -- the members' alert_queue ids, comma-separated
    created_ms BIGINT NOT NULL
);
CREATE INDEX alert_groups_sink ON alert_groups (sink);
DROP INDEX alert_queue_pending;
CREATE INDEX alert_queue_pending ON alert_queue (sink, id) WHERE status = 'pending';
ALTER TABLE alert_queue DROP COLUMN next_ms, DROP COLUMN owner, DROP COLUMN lease_ms;

-- +goose Down
ALTER TABLE alert_queue ADD COLUMN next_ms BIGINT NOT NULL DEFAULT 0, ADD COLUMN owner TEXT NOT NULL DEFAULT '',
    ADD COLUMN lease_ms BIGINT NOT NULL DEFAULT 0;
DROP INDEX alert_queue_pending;
CREATE INDEX alert_queue_pending ON alert_queue (sink, priority DESC, id) WHERE status = 'pending';
DROP TABLE alert_groups;
DROP TABLE alert_sinks;
