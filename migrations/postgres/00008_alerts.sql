-- +goose Up
-- The durable alert queue: every alert a delivery loop (operator Slack, user webhooks) must
-- deliver, written before Send returns, so a crash loses none. A loop claims pending rows
-- with a lease (owner, lease_ms) so replicas sharing the database never deliver one twice,
-- and marks each row delivered as soon as the message carrying it is accepted. Times used
-- in comparisons are unix milliseconds, so both dialects order them alike.
CREATE TABLE alert_queue (
    id         BIGSERIAL PRIMARY KEY,
    sink       TEXT     NOT NULL,
    kind       TEXT     NOT NULL,
    severity   SMALLINT NOT NULL,
    priority   SMALLINT NOT NULL,            -- higher first: critical kinds jump the queue
    akey       TEXT     NOT NULL,            -- the alert's de-duplication key
    payload    TEXT     NOT NULL,            -- the alert, JSON
    status     TEXT     NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'dead')),
    created_ms BIGINT   NOT NULL,
    next_ms    BIGINT   NOT NULL DEFAULT 0,  -- not attempted before (retry backoff)
    owner      TEXT     NOT NULL DEFAULT '', -- the delivery loop holding the lease
    lease_ms   BIGINT   NOT NULL DEFAULT 0,  -- until when
    attempts   INTEGER  NOT NULL DEFAULT 0,
    last_error TEXT     NOT NULL DEFAULT '',
    group_ref  TEXT     NOT NULL DEFAULT '', -- its group's summary is posted (Slack ts or marker)
    ref        TEXT     NOT NULL DEFAULT '', -- the message that delivered it (Slack ts)
    done_ms    BIGINT                        -- delivered or given up
);
CREATE INDEX alert_queue_pending ON alert_queue (sink, priority DESC, id) WHERE status = 'pending';
CREATE INDEX alert_queue_done ON alert_queue (done_ms) WHERE status <> 'pending';

-- A channel user's incoming webhook for alerts about its own channel, registered by a
-- request the user signed. A removal keeps the row with an empty url, so that replaying an
-- older registration stays refused (signed_at only grows).
CREATE TABLE user_webhooks (
    contract   BYTEA       NOT NULL CHECK (length(contract) = 20),
    user_addr  BYTEA       NOT NULL CHECK (length(user_addr) = 20),
    url        TEXT        NOT NULL,
    format     TEXT        NOT NULL CHECK (format IN ('slack', 'json')),
    signed_at  BIGINT      NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (contract, user_addr)
);

-- +goose Down
DROP TABLE user_webhooks;
DROP INDEX alert_queue_done;
DROP INDEX alert_queue_pending;
DROP TABLE alert_queue;
