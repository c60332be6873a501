-- Change orders (docs/lifecycle.md). Every order of an instance is a row of orders with the
-- instance's complete desired settings after it; rows from before are creates (version 1).
ALTER TABLE orders ADD COLUMN type text NOT NULL DEFAULT 'CREATE'
    CHECK (type IN ('CREATE', 'UPDATE', 'DELETE'));
ALTER TABLE orders ADD COLUMN instance_version bigint NOT NULL DEFAULT 1 CHECK (instance_version >= 1);
ALTER TABLE orders ADD COLUMN deletion_protection boolean NOT NULL DEFAULT false;
-- An UPDATE's changed settings ({"storageGb", "nodeSize", "trustedSources", "deletionProtection"}, each optional).
ALTER TABLE orders ADD COLUMN changes jsonb;
-- The client id of the token that placed the order; NULL for rows from before.
ALTER TABLE orders ADD COLUMN requested_by text;
-- One order per version of an instance: two change orders can never both take the next one.
CREATE UNIQUE INDEX orders_instance_version_idx ON orders (instance_id, instance_version)
    WHERE instance_id IS NOT NULL;

-- The instances order-intake placed orders for: the desired settings after the newest accepted
-- order, which order (if any) is not terminal yet, and what a pending UPDATE replaced (restored
-- when it fails). Written in the transaction that places an order (creates and changes, locked
-- FOR UPDATE by a change), and by the consumer of dbaas.order.status.v1 for terminal statuses.
CREATE TABLE instances (
    instance_id                  text PRIMARY KEY,
    customer_id                  text    NOT NULL,
    version                      bigint  NOT NULL CHECK (version >= 1),
    state                        text    NOT NULL CHECK (state IN ('ACTIVE', 'FAILED', 'DELETED')),
    node_size                    text    NOT NULL,
    storage_gb                   integer NOT NULL CHECK (storage_gb > 0),
    trusted_sources              text[]  NOT NULL,
    deletion_protection          boolean NOT NULL,
    pending_order_id             uuid,
    pending_order_type           text CHECK (pending_order_type IN ('CREATE', 'UPDATE', 'DELETE')),
    previous_node_size           text,
    previous_storage_gb          integer,
    previous_trusted_sources     text[],
    previous_deletion_protection boolean,
    CHECK ((pending_order_id IS NULL) = (pending_order_type IS NULL)),
    CHECK ((previous_node_size IS NULL) = (previous_storage_gb IS NULL)
        AND (previous_node_size IS NULL) = (previous_trusted_sources IS NULL)
        AND (previous_node_size IS NULL) = (previous_deletion_protection IS NULL))
);

-- Instances of orders from before this migration: version 1, their create pending. The consumer
-- of dbaas.order.status.v1 (a new group, from the earliest offset) settles them.
INSERT INTO instances (instance_id, customer_id, version, state, node_size, storage_gb, trusted_sources,
                       deletion_protection, pending_order_id, pending_order_type)
SELECT instance_id, customer_id, 1, 'ACTIVE', node_size, storage_gb, trusted_sources, false, id, 'CREATE'
FROM orders
WHERE instance_id IS NOT NULL;
