-- Issue 18: change orders (UPDATE, DELETE) of an instance, cancel of a create by a DELETE, and
-- placement of host-bound instances (docs/lifecycle.md, decision 0013).

-- The order's type and its instance version (1 = the create; rows accepted before change
-- orders existed are creates of version 1), what an UPDATE changes, whether a DELETE asked a
-- create to stop, the provisioner host the instance lives on (host-bound backends only), and
-- what a terminal job reported: the observed settings of a DONE, the usability of a FAILED change.
ALTER TABLE provisioning_job
    ADD COLUMN order_type                 text    NOT NULL DEFAULT 'CREATE'
        CHECK (order_type IN ('CREATE', 'UPDATE', 'DELETE')),
    ADD COLUMN instance_version           bigint  NOT NULL DEFAULT 1 CHECK (instance_version >= 1),
    ADD COLUMN change_storage_gb          integer CHECK (change_storage_gb > 0),
    ADD COLUMN change_node_size           text,
    ADD COLUMN change_trusted_sources     text[],
    ADD COLUMN change_deletion_protection boolean,
    ADD COLUMN cancel_requested           boolean NOT NULL DEFAULT false,
    ADD COLUMN placement_host             text,
    ADD COLUMN observed_node_size         text,
    ADD COLUMN observed_storage_gb        integer,
    ADD COLUMN observed_trusted_sources   text[],
    ADD COLUMN observed_interruption_ms   bigint,
    ADD COLUMN instance_usable            boolean;

ALTER TABLE provisioning_job DROP CONSTRAINT provisioning_job_state_check;
ALTER TABLE provisioning_job ADD CONSTRAINT provisioning_job_state_check
    CHECK (state IN ('PROCESSING', 'DONE', 'FAILED', 'CANCELLED'));

-- Connection facts only when DONE, and always for a DONE create (a DONE delete has none).
ALTER TABLE provisioning_job DROP CONSTRAINT provisioning_job_check;
ALTER TABLE provisioning_job ADD CONSTRAINT provisioning_job_facts_when_done
    CHECK (instance_host IS NULL OR state = 'DONE');
ALTER TABLE provisioning_job ADD CONSTRAINT provisioning_job_done_create_has_facts
    CHECK (state <> 'DONE' OR order_type <> 'CREATE' OR instance_host IS NOT NULL);
ALTER TABLE provisioning_job ADD CONSTRAINT provisioning_job_only_creates_cancelled
    CHECK (state <> 'CANCELLED' OR order_type = 'CREATE');
ALTER TABLE provisioning_job ADD CONSTRAINT provisioning_job_changes_of_updates
    CHECK ((order_type = 'UPDATE') = (change_storage_gb IS NOT NULL OR change_node_size IS NOT NULL
        OR change_trusted_sources IS NOT NULL OR change_deletion_protection IS NOT NULL));

-- One job per version of an instance; claimDue finds a job's predecessor (version - 1) by it.
CREATE UNIQUE INDEX provisioning_job_instance_version ON provisioning_job (instance_id, instance_version);

-- Each worker pool's heartbeat, by provisioner host (provisioner.placement.host-id). A job whose
-- instance lives on a host silent for longer than provisioner.placement.host-timeout fails with
-- INSTANCE_HOST_UNAVAILABLE.
CREATE TABLE provisioner_host (
    host_id    text        PRIMARY KEY,
    started_at timestamptz NOT NULL DEFAULT now(),
    seen_at    timestamptz NOT NULL DEFAULT now()
);

-- The simulated cloud's view of each instance, changed by the steps in the statement of their
-- effect: what VERIFY_SETTINGS and HEALTH_CHECK read back, what a delete removes and what a
-- cancelled create releases. A removed or released instance frees its region's capacity.
CREATE TABLE simulated_instance (
    instance_id          text        PRIMARY KEY,
    create_order_id      text        NOT NULL,
    region               text        NOT NULL,
    node_size            text        NOT NULL,
    storage_gb           integer,
    trusted_sources      text[],
    state                text        NOT NULL CHECK (state IN ('RUNNING', 'STOPPED', 'REMOVED', 'RELEASED')),
    last_change_order_id text,
    last_interruption_ms bigint,
    updated_at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX simulated_instance_create_order ON simulated_instance (create_order_id);
