-- The order view: current state, distinct transitions, and the events already applied.
-- The merge rules live in dev.dbaas.pipeline.status.order.OrderView; the upserts in
-- JdbcProjectionStore repeat them in SQL.

CREATE TABLE order_view (
    order_id          text        PRIMARY KEY,
    customer_id       text        NOT NULL,
    -- the winning transition (highest status rank, then sequence, then event id)
    status            text        NOT NULL CHECK (status IN ('NEW', 'PROCESSING', 'DONE', 'FAILED')),
    status_rank       smallint    NOT NULL,
    status_sequence   bigint      NOT NULL, -- -1: the NEW that OrderPlaced stands for
    status_event_id   uuid        NOT NULL,
    status_at         timestamptz NOT NULL,
    step              text,
    failure_code      text,
    failure_message   text,
    -- the earliest placement; all NULL until OrderPlaced arrives
    placed_event_id   uuid,
    placed_at         timestamptz,
    database_type     text,
    database_version  text,
    node_size         text,
    storage_gb        integer,
    region            text,
    trusted_sources   text[],
    -- the instance report with the highest sequence
    instance_host     text,
    instance_port     integer,
    instance_sequence bigint,
    instance_event_id uuid,
    last_sequence     bigint      NOT NULL, -- highest status-event sequence, -1 if none
    ordered_at        timestamptz NOT NULL, -- earliest event time: the placement time once known
    updated_at        timestamptz NOT NULL  -- latest event time
) WITH (fillfactor = 50);

-- Keyset pagination, newest first, with and without filters. No index covers the status
-- columns on purpose: status changes then touch no indexed column, so PostgreSQL can
-- update the row in place (HOT) without writing an entry into every index, provided the
-- page has room for the new version: rows of a page are updated close together, hence
-- half of each page is left free. See docs/decisions/0020-status-view-merge-in-sql.md.
CREATE INDEX order_view_listing ON order_view (ordered_at DESC, order_id DESC);
CREATE INDEX order_view_by_customer ON order_view (customer_id, ordered_at DESC, order_id DESC);

CREATE TABLE order_history (
    order_id        text        NOT NULL,
    status          text        NOT NULL,
    step            text        NOT NULL, -- '' when the event named no step
    sequence        bigint      NOT NULL,
    event_id        uuid        NOT NULL,
    at              timestamptz NOT NULL,
    failure_code    text,
    failure_message text,
    PRIMARY KEY (order_id, status, step)
);

CREATE TABLE processed_event (
    event_id     uuid        PRIMARY KEY,
    processed_at timestamptz NOT NULL DEFAULT now()
);
