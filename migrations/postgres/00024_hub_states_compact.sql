-- +goose Up
-- The hub's states are stored compactly, as the tower's have been since version 9: the
-- state and its locks in the store's compact encoding (sqlstore's state codec; the user
-- and the nonce are the row's columns), not as JSONB, which PostgreSQL parsed on every
-- insert and the hub decoded on every read. Whether the state's timeout is zero (a final
-- state, which a dispute takes) is a column of its own, final, for the reconciler's
-- query. The detail stays JSONB: it is small and read as it is.
--
-- Rows written before this version keep their JSON (state_json, locks_json; final NULL)
-- and are read from it: the hub never rewrites a state, and converting them here would
-- rewrite every row of a table that only grows (the JSON cannot be decoded in SQL) under
-- the migration's lock. Every step below changes the catalog only: no row is read or
-- written, whatever the table's size. The check is NOT VALID for the same reason: it
-- holds for every row written or updated from now on, and the old rows meet it anyway.
ALTER TABLE hub_states RENAME COLUMN state TO state_json;
ALTER TABLE hub_states RENAME COLUMN locks TO locks_json;
ALTER TABLE hub_states
    ALTER COLUMN state_json DROP NOT NULL,
    ALTER COLUMN locks_json DROP NOT NULL,
    ADD COLUMN final BOOLEAN,
    ADD COLUMN state BYTEA,
    ADD COLUMN locks BYTEA, -- NULL: no locks
    ADD CONSTRAINT hub_states_one_form CHECK (CASE WHEN state IS NULL
        THEN state_json IS NOT NULL AND locks_json IS NOT NULL AND final IS NULL AND locks IS NULL
        ELSE state_json IS NULL AND locks_json IS NULL AND final IS NOT NULL END) NOT VALID;

-- +goose Down
-- A state stored compactly has no JSON form here: going down fails (state_json NOT
-- NULL) rather than dropping it.
ALTER TABLE hub_states DROP CONSTRAINT hub_states_one_form;
ALTER TABLE hub_states ALTER COLUMN state_json SET NOT NULL, ALTER COLUMN locks_json SET NOT NULL;
ALTER TABLE hub_states DROP COLUMN locks, DROP COLUMN state, DROP COLUMN final;
ALTER TABLE hub_states RENAME COLUMN locks_json TO locks;
ALTER TABLE hub_states RENAME COLUMN state_json TO state;
