-- Every order creates (or, later, changes) one database instance. Orders and idempotency keys
-- from before instance ids carry none; readers derive it from the order id
-- (dev.dbaas.pipeline.contract.instance.InstanceIdRule.ofLegacyOrder).
ALTER TABLE orders ADD COLUMN instance_id text;
ALTER TABLE idempotency_keys ADD COLUMN instance_id text;
CREATE INDEX orders_instance_idx ON orders (instance_id);
