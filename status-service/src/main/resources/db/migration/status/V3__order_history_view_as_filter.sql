-- order_history as a filter instead of DISTINCT ON: the same rows (per order, status and
-- step the event with the lowest (sequence, at, event_id); event ids are unique per order,
-- so there are no ties), but any condition on order_id, including a join or
-- "order_id IN (SELECT ...)", now reaches the primary key of order_event instead of
-- sorting the whole table first; DISTINCT ON only let plain conditions through.
CREATE OR REPLACE VIEW order_history AS
SELECT e.order_id, e.status, e.step, e.sequence, e.event_id, e.at, e.failure_code, e.failure_message
FROM order_event e
WHERE NOT EXISTS (
    SELECT 1 FROM order_event earlier
    WHERE earlier.order_id = e.order_id AND earlier.status = e.status AND earlier.step = e.step
      AND (earlier.sequence, earlier.at, earlier.event_id) < (e.sequence, e.at, e.event_id));
