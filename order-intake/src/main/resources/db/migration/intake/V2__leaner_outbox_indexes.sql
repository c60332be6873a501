-- Publishing updates published_at, which is in the partial indexes' predicates, so every
-- update writes a new entry into every index of the table. Keep only what the relay and the
-- clean-up read: eventId is a random UUID made by the intake and needs no unique index, and
-- the clean-up walks the primary key from its oldest end instead of a published_at index.
ALTER TABLE outbox DROP CONSTRAINT outbox_event_id_key;
DROP INDEX outbox_published_idx;
