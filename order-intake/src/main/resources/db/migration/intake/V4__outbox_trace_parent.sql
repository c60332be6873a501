-- The W3C traceparent of the request that wrote the row, sent as the record's traceparent
-- header, so that the consumers continue the order's trace. NULL for rows written without a
-- trace (before this migration, or without a tracer); those records go out without the header.
ALTER TABLE outbox ADD COLUMN trace_parent text;
