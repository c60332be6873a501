-- State of the simulated cloud backend. A real backend keeps this on its side; the
-- simulation keeps it here so that tests can prove what the backend did.

-- What the backend created for each (order, step), or the permanent rejection it answered.
-- The primary key is the backend's idempotency key: a step is executed at most once.
CREATE TABLE simulated_resource (
    order_id        text        NOT NULL,
    step            text        NOT NULL,
    region          text        NOT NULL,
    outcome         text        NOT NULL CHECK (outcome IN ('COMPLETED', 'REJECTED')),
    detail          text        NOT NULL,
    failure_code    text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (order_id, step)
);

-- Every call the backend received, with what it did: EXECUTED (the step's effect happened
-- now), REPLAYED (answered from an earlier execution), TRANSIENT_ERROR, REJECTED.
CREATE TABLE backend_calls (
    id        bigserial   PRIMARY KEY,
    order_id  text        NOT NULL,
    step      text        NOT NULL,
    attempt   integer     NOT NULL,
    outcome   text        NOT NULL,
    caller    text        NOT NULL,
    called_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX backend_calls_order_step ON backend_calls (order_id, step);
