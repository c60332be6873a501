-- Orders as accepted by the intake. The provisioner owns what happens next.
CREATE TABLE orders (
    id                 uuid PRIMARY KEY,
    customer_id        text        NOT NULL,
    status             text        NOT NULL,
    database_type      text        NOT NULL,
    database_version   text        NOT NULL,
    node_size          text        NOT NULL,
    storage_gb         integer     NOT NULL CHECK (storage_gb > 0),
    trusted_sources    text[]      NOT NULL,
    region             text        NOT NULL,
    invoice_profile    jsonb       NOT NULL,
    accepted_documents jsonb       NOT NULL,
    placed_at          timestamptz NOT NULL
);

CREATE INDEX orders_customer_idx ON orders (customer_id, placed_at);

-- Idempotency keys, scoped to the customer. A row exists only for a committed order;
-- concurrent requests with the same key are told apart with a transaction-scoped
-- advisory lock, not with a row.
CREATE TABLE idempotency_keys (
    customer_id         text        NOT NULL,
    idempotency_key     text        NOT NULL,
    request_fingerprint text        NOT NULL,
    order_id            uuid        NOT NULL,
    placed_at           timestamptz NOT NULL,
    expires_at          timestamptz NOT NULL,
    PRIMARY KEY (customer_id, idempotency_key)
);

CREATE INDEX idempotency_keys_expiry_idx ON idempotency_keys (expires_at);

-- Transactional outbox: written in the transaction of the business change, relayed to
-- Kafka by OutboxRelay, claimed with FOR UPDATE SKIP LOCKED.
CREATE TABLE outbox (
    id           bigserial PRIMARY KEY,
    event_id     uuid        NOT NULL UNIQUE,
    topic        text        NOT NULL,
    message_key  text        NOT NULL,
    payload      bytea       NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
    published_at timestamptz
);

-- The relay only ever reads unpublished rows: keep that index small.
CREATE INDEX outbox_unpublished_idx ON outbox (id) WHERE published_at IS NULL;
CREATE INDEX outbox_unpublished_key_idx ON outbox (message_key, id) WHERE published_at IS NULL;
CREATE INDEX outbox_published_idx ON outbox (published_at) WHERE published_at IS NOT NULL;
