-- Change orders (issue 18, docs/lifecycle.md): every OrderPlaced has a type and its place
-- among the instance's orders; a status may be CANCELLED (a create stopped by a DELETE);
-- terminal status events say whether the instance is still usable and what the backend
-- observed. The merge rules stay in dev.dbaas.pipeline.status.order.OrderView; the
-- upsert in JdbcProjectionStore repeats them: the placement columns come with the
-- earliest placement, the status columns with the winning status event.
--
-- No new index: the new columns change with the placement or the status, so status
-- updates stay HOT (docs/decisions/0020-status-view-merge-in-sql.md).

ALTER TABLE order_view DROP CONSTRAINT order_view_status_check;
ALTER TABLE order_view ADD CONSTRAINT order_view_status_check
    CHECK (status IN ('NEW', 'PROCESSING', 'DONE', 'FAILED', 'CANCELLED'));

ALTER TABLE order_view
    -- part of the earliest placement; NULL until OrderPlaced arrives. Placements of events
    -- written before change orders existed are creates of version 1 (set below).
    ADD COLUMN order_type                 text CHECK (order_type IN ('CREATE', 'UPDATE', 'DELETE')),
    ADD COLUMN instance_version           bigint,
    ADD COLUMN requested_by               text,
    ADD COLUMN deletion_protection        boolean,
    -- what an UPDATE changes; each NULL when unchanged
    ADD COLUMN change_storage_gb          integer,
    ADD COLUMN change_node_size           text,
    ADD COLUMN change_trusted_sources     text[],
    ADD COLUMN change_deletion_protection boolean,
    -- part of the winning status event
    ADD COLUMN status_order_type          text CHECK (status_order_type IN ('CREATE', 'UPDATE', 'DELETE')),
    ADD COLUMN instance_usable            boolean,
    ADD COLUMN observed_node_size         text,
    ADD COLUMN observed_storage_gb        integer,
    ADD COLUMN observed_trusted_sources   text[],
    ADD COLUMN observed_interruption_ms   bigint;

UPDATE order_view SET order_type = 'CREATE', instance_version = 1, deletion_protection = false
WHERE placed_event_id IS NOT NULL;
