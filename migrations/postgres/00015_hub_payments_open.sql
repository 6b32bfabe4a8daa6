-- +goose Up
-- The index of open payments served no query: the sweep's (OpenPayments: contract = $1
-- AND status IN ('locked', 'forwarded', 'claimed', 'failed')) also asks for failed
-- payments, which the index left out, so the sweep read every payment the hub ever routed
-- through the index by payer or payee. Keyed by the payment and covering the statuses the
-- sweep asks for, it holds only what is still open.
DROP INDEX hub_payments_open;
CREATE INDEX hub_payments_open ON hub_payments (contract, hashlock) WHERE status IN ('locked', 'forwarded', 'claimed', 'failed');

-- +goose Down
DROP INDEX hub_payments_open;
CREATE INDEX hub_payments_open ON hub_payments (status) WHERE status IN ('locked', 'forwarded', 'claimed');
