-- +goose Up
-- Mirror of postgres/00010_states_fillfactor.sql: SQLite has no fillfactor; the version
-- exists so both dialects stay at the same schema version.
SELECT 1;

-- +goose Down
SELECT 1;
