/**
 * Carries an order's trace across the job store: captured when the order is accepted,
 * continued by the worker that drives it and by the status events it causes.
 */
@NullMarked
package dev.dbaas.pipeline.provisioner.tracing;

import org.jspecify.annotations.NullMarked;
