-- Admission control (decision 0046) counts the orders in flight, the instances with a pending
-- order, every few hundred milliseconds: this index holds only those rows, so the count reads
-- as many entries as there are orders in flight, however many instances the table keeps.
CREATE INDEX instances_pending_idx ON instances (pending_order_id) WHERE pending_order_id IS NOT NULL;
