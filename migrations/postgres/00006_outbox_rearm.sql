-- +goose Up
-- An idempotency key (contract, user, nonce, kind) may be armed again: a challenge that
-- was cancelled (its exit reorged out), reverted or failed must not block a later one for
-- the same state, so the key gains an arm number and each new arm is a new row. At most
-- one arm of a key stands at a time (store.Intents.Enqueue decides which do).
ALTER TABLE outbox ADD COLUMN arm INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbox DROP CONSTRAINT outbox_contract_user_addr_nonce_kind_key;
ALTER TABLE outbox ADD CONSTRAINT outbox_key_arm UNIQUE (contract, user_addr, nonce, kind, arm);

-- Challenges go out before settlements whatever their deadlines.
DROP INDEX outbox_active;
CREATE INDEX outbox_active ON outbox (chain_id, sender, (kind = 'settle'), deadline) WHERE status IN ('queued', 'sent', 'included');

-- Before this version an entry could be given up ('failed') while holding an account
-- nonce it never signed, leaving a gap every later transaction waits behind. Such entries
-- are queued again: the sender now fills a nonce that cannot be used any more with a
-- zero-value transaction to itself.
UPDATE outbox SET status = 'queued', last_error = 'account nonce to be filled (given up before version 6)'
WHERE status = 'failed' AND account_nonce IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM outbox_attempts a WHERE a.outbox_id = outbox.id);

-- +goose Down
DROP INDEX outbox_active;
CREATE INDEX outbox_active ON outbox (chain_id, sender, deadline) WHERE status IN ('queued', 'sent', 'included');
DELETE FROM outbox_attempts WHERE outbox_id IN (SELECT id FROM outbox WHERE arm > 0);
DELETE FROM outbox WHERE arm > 0;
ALTER TABLE outbox DROP CONSTRAINT outbox_key_arm;
ALTER TABLE outbox ADD CONSTRAINT outbox_contract_user_addr_nonce_kind_key UNIQUE (contract, user_addr, nonce, kind);
ALTER TABLE outbox DROP COLUMN arm;
