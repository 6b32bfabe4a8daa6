-- +goose Up
-- Mirror of postgres/00023_hub_payments_hot.sql: the partial indexes of hub_payments name
-- two columns derived from the status, which the store's queries name too. SQLite has no
-- HOT updates and no fillfactor; the columns are virtual (computed as read).
ALTER TABLE hub_payments ADD COLUMN open INTEGER NOT NULL GENERATED ALWAYS AS (status IN ('locked', 'forwarded', 'claimed', 'failed')) VIRTUAL;
ALTER TABLE hub_payments ADD COLUMN uncollected INTEGER NOT NULL GENERATED ALWAYS AS (status IN ('locked', 'forwarded', 'claimed')) VIRTUAL;
DROP INDEX hub_payments_open;
CREATE INDEX hub_payments_open ON hub_payments (contract, hashlock) WHERE open;
DROP INDEX hub_payments_uncollected;
CREATE INDEX hub_payments_uncollected ON hub_payments (contract, payer) WHERE uncollected;

-- +goose Down
DROP INDEX hub_payments_uncollected;
DROP INDEX hub_payments_open;
ALTER TABLE hub_payments DROP COLUMN uncollected;
ALTER TABLE hub_payments DROP COLUMN open;
CREATE INDEX hub_payments_open ON hub_payments (contract, hashlock) WHERE status IN ('locked', 'forwarded', 'claimed', 'failed');
CREATE INDEX hub_payments_uncollected ON hub_payments (contract, payer) WHERE status IN ('locked', 'forwarded', 'claimed');
