-- +goose Up
-- The hub registers withheld payers' secrets in batches, one registerSecrets call for
-- many (register_secrets), deadline-critical like a single registration.
ALTER TABLE outbox DROP CONSTRAINT outbox_kind_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_kind_check
    CHECK (kind IN ('challenge', 'settle', 'hub_update', 'register_secret', 'register_secrets', 'resolve_locks'));
DROP INDEX outbox_active;
CREATE INDEX outbox_active ON outbox (chain_id, sender, (kind NOT IN ('challenge', 'register_secret', 'register_secrets')), (kind = 'settle'), deadline)
    WHERE status IN ('queued', 'sent', 'included');

-- +goose Down
DROP INDEX outbox_active;
CREATE INDEX outbox_active ON outbox (chain_id, sender, (kind NOT IN ('challenge', 'register_secret')), (kind = 'settle'), deadline)
    WHERE status IN ('queued', 'sent', 'included');
DELETE FROM outbox_attempts WHERE outbox_id IN (SELECT id FROM outbox WHERE kind = 'register_secrets');
DELETE FROM outbox WHERE kind = 'register_secrets';
ALTER TABLE outbox DROP CONSTRAINT outbox_kind_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_kind_check
    CHECK (kind IN ('challenge', 'settle', 'hub_update', 'register_secret', 'resolve_locks'));
