-- +goose Up
-- When a payment was claimed, in chain time: the hub gives the payer a short grace to
-- co-sign the collection of its lock, then publishes the secret on-chain rather than wait
-- for the lock's expiry (0: claimed before this version, published at once). The index
-- serves the cap on what a payer owes the hub (HubTx.Uncollected), under the payer's lock.
ALTER TABLE hub_payments ADD COLUMN claimed_at BIGINT NOT NULL DEFAULT 0;
CREATE INDEX hub_payments_uncollected ON hub_payments (contract, payer) WHERE status IN ('locked', 'forwarded', 'claimed');

-- +goose Down
DROP INDEX hub_payments_uncollected;
ALTER TABLE hub_payments DROP COLUMN claimed_at;
