-- The simulated cloud's secret store: the admin credential that the CREATE_ADMIN_CREDENTIALS
-- step generates for each database. Only its reference (<orderId>/admin) ever leaves the
-- backend; events, logs and API responses must never carry the value (tests check this).
CREATE TABLE simulated_secret (
    order_id    text        NOT NULL,
    name        text        NOT NULL,
    value       text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (order_id, name)
);
