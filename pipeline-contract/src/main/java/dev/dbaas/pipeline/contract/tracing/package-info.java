/**
 * Trace context and log context every service carries the same way: the W3C
 * {@code traceparent} of a record, its trace id and order id in the MDC.
 */
@NullMarked
package dev.dbaas.pipeline.contract.tracing;

import org.jspecify.annotations.NullMarked;
