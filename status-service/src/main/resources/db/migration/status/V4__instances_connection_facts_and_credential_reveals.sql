-- Instances (issue 17): the instance each order belongs to, the TLS facts of the instance
-- report, and the admin credentials the provisioner sealed for this service. The sealed
-- value is ciphertext (JWE for this service's public key): without the private key it
-- reveals nothing, and no endpoint but the reveal ever returns it.

ALTER TABLE order_view
    -- the preferred instance claim: named by an event beats derived from the order id,
    -- then the smaller id (see dev.dbaas.pipeline.status.order.InstanceClaim)
    ADD COLUMN instance_id          text,
    ADD COLUMN instance_id_named    boolean,
    -- part of the winning instance report, like instance_host and instance_port
    ADD COLUMN ssl_mode             text,
    ADD COLUMN ca_certificate       text,
    ADD COLUMN credentials_key_id   text,
    ADD COLUMN credentials_sealed   text;

-- Orders projected before instances had ids: the id every reader derives from the order id
-- (InstanceIdRule.ofLegacyOrder: 'db-' and the first 16 hex digits). Orders whose id
-- breaks the order-id rule keep none until a rebuild.
UPDATE order_view
SET instance_id = 'db-' || left(replace(order_id, '-', ''), 16), instance_id_named = false
WHERE order_id ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';

-- The instance id is written once per order (it changes only if a named id arrives after
-- a derived one), so this index leaves status updates HOT.
CREATE INDEX order_view_by_instance ON order_view (instance_id);

-- Every reveal of an instance's credentials: who and when, never the secret. Not derived
-- from the topics, so a rebuild keeps it.
CREATE TABLE instance_credential_reveal (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    instance_id text        NOT NULL,
    revealed_at timestamptz NOT NULL,
    client_id   text        NOT NULL, -- the token's client (azp, client_id or sub)
    customer_id text                  -- the token's customer; NULL for a service token
);

CREATE INDEX instance_credential_reveal_by_instance ON instance_credential_reveal (instance_id, revealed_at, id);
