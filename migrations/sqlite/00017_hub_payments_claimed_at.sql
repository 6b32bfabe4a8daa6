-- +goose Up
-- Mirror of postgres/00017_hub_payments_claimed_at.sql: a payment's claim time in chain
-- time, and the index of what a payer has not paid the hub yet.
ALTER TABLE hub_payments ADD COLUMN claimed_at INTEGER NOT NULL DEFAULT 0;
CREATE INDEX hub_payments_uncollected ON hub_payments (contract, payer) WHERE status IN ('locked', 'forwarded', 'claimed');

-- +goose Down
DROP INDEX hub_payments_uncollected;
ALTER TABLE hub_payments DROP COLUMN claimed_at;
