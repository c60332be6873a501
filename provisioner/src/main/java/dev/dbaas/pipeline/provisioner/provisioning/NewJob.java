package dev.dbaas.pipeline.provisioner.provisioning;

import org.jspecify.annotations.Nullable;

/**
 * A job to add, with the trace context of the record that placed its order.
 *
 * @param accepted the new job and its {@code ProvisioningStarted} event
 * @param traceParent the W3C {@code traceparent} to store with the job (and send on with
 * its status events), or {@code null} without a trace
 */
public record NewJob(Transition accepted, @Nullable String traceParent) {
}
