-- The W3C trace context (traceparent) of the OrderPlaced record that created the job, so that
-- the workers' logs and every status event of the order continue that trace. NULL for jobs
-- accepted without tracing.
ALTER TABLE provisioning_job ADD COLUMN trace_parent text;
ALTER TABLE status_outbox ADD COLUMN trace_parent text;
