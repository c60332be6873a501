-- One row per accepted order: where its provisioning stands and who drives it now.
CREATE TABLE provisioning_job (
    order_id         text        PRIMARY KEY,
    customer_id      text        NOT NULL,
    database_type    text        NOT NULL,
    database_version text        NOT NULL,
    node_size        text        NOT NULL,
    storage_gb       integer     NOT NULL CHECK (storage_gb > 0),
    trusted_sources  text[]      NOT NULL,
    region           text        NOT NULL,
    state            text        NOT NULL CHECK (state IN ('PROCESSING', 'DONE', 'FAILED')),
    step             text        NOT NULL,
    attempt          integer     NOT NULL CHECK (attempt >= 0),
    sequence         bigint      NOT NULL CHECK (sequence >= 1),
    started_at       timestamptz NOT NULL,
    due_at           timestamptz NOT NULL,
    deadline         timestamptz NOT NULL,
    instance_host    text,
    instance_port    integer,
    failure_code     text,
    failure_message  text,
    -- The lease: which worker drives the job, the fencing token of its claim, and when the
    -- claim lapses unless renewed. All three are NULL while nobody holds the job.
    lease_owner      text,
    lease_token      text,
    lease_expires_at timestamptz,
    CHECK ((state = 'DONE') = (instance_host IS NOT NULL)),
    CHECK ((state = 'FAILED') = (failure_code IS NOT NULL))
);

-- Workers look for due, unfinished jobs; finished ones stay out of the index.
CREATE INDEX provisioning_job_due ON provisioning_job (due_at) WHERE state = 'PROCESSING';
CREATE INDEX provisioning_job_deadline ON provisioning_job (deadline) WHERE state = 'PROCESSING';
CREATE INDEX provisioning_job_lease_token ON provisioning_job (lease_token) WHERE lease_token IS NOT NULL;

-- Status events written in the transaction of their state change; the relay publishes and
-- deletes them in id order, which is sequence order per order.
CREATE TABLE status_outbox (
    id         bigserial   PRIMARY KEY,
    order_id   text        NOT NULL,
    sequence   bigint      NOT NULL,
    payload    bytea       NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (order_id, sequence)
);
