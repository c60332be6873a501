/**
 * The portal backend's side: orders placed at a steady rate, each retried with its
 * Idempotency-Key until order-intake gives a definite answer, and every answer counted.
 */
@NullMarked
package dev.dbaas.pipeline.systemtests.faults.load;

import org.jspecify.annotations.NullMarked;
