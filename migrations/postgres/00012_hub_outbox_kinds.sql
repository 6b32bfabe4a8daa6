-- +goose Up
-- The hub's own transactions go through the outbox the dispute sender works through, so
-- that one account has one nonce manager: collateral updates (hub_update), secrets
-- registered before a payer's lock expires (register_secret) and lock resolutions
-- (resolve_locks). Deadline-critical kinds (challenge, register_secret) go first.
ALTER TABLE outbox DROP CONSTRAINT outbox_kind_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_kind_check
    CHECK (kind IN ('challenge', 'settle', 'hub_update', 'register_secret', 'resolve_locks'));
DROP INDEX outbox_active;
CREATE INDEX outbox_active ON outbox (chain_id, sender, (kind NOT IN ('challenge', 'register_secret')), (kind = 'settle'), deadline)
    WHERE status IN ('queued', 'sent', 'included');

-- +goose Down
DROP INDEX outbox_active;
CREATE INDEX outbox_active ON outbox (chain_id, sender, (kind = 'settle'), deadline) WHERE status IN ('queued', 'sent', 'included');
DELETE FROM outbox_attempts WHERE outbox_id IN (SELECT id FROM outbox WHERE kind NOT IN ('challenge', 'settle'));
DELETE FROM outbox WHERE kind NOT IN ('challenge', 'settle');
ALTER TABLE outbox DROP CONSTRAINT outbox_kind_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_kind_check CHECK (kind IN ('challenge', 'settle'));
