-- +goose Up
-- Mirror of postgres/00015_hub_payments_open.sql: the index of open payments is keyed by
-- the payment and covers the statuses the sweep asks for, failed included.
DROP INDEX hub_payments_open;
CREATE INDEX hub_payments_open ON hub_payments (contract, hashlock) WHERE status IN ('locked', 'forwarded', 'claimed', 'failed');

-- +goose Down
DROP INDEX hub_payments_open;
CREATE INDEX hub_payments_open ON hub_payments (status) WHERE status IN ('locked', 'forwarded', 'claimed');
