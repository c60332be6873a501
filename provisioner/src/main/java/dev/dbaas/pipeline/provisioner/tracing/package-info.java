/**
 * Carries an order's trace across the job store: the worker that drives a job continues
 * the trace stored with it (the helper itself is the contract's {@code OrderTraces}).
 */
@NullMarked
package dev.dbaas.pipeline.provisioner.tracing;

import org.jspecify.annotations.NullMarked;
