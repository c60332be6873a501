-- Idempotency keys are scoped to the authenticated client as well as the customer: two
-- clients acting for one customer never see each other's keys. Rows from before
-- authentication keep client_id '' and expire within the retention.
ALTER TABLE idempotency_keys ADD COLUMN client_id text NOT NULL DEFAULT '';
ALTER TABLE idempotency_keys DROP CONSTRAINT idempotency_keys_pkey;
ALTER TABLE idempotency_keys ADD PRIMARY KEY (client_id, customer_id, idempotency_key);
ALTER TABLE idempotency_keys ALTER COLUMN client_id DROP DEFAULT;
