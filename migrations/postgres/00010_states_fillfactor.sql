-- +goose Up
-- Keep 40% of each channel_states page free, so that a channel's next deposit replaces
-- its row on the same page (a HOT update, pruned without VACUUM) and the table does not
-- grow with updates. Pages written before this keep their layout until rewritten.
ALTER TABLE channel_states SET (fillfactor = 60);

-- +goose Down
ALTER TABLE channel_states SET (fillfactor = 70);
