/**
 * Idempotency keys: scoped to the authenticated client and a customer, remembered with a
 * request fingerprint and the original outcome.
 */
@NullMarked
package dev.dbaas.pipeline.intake.idempotency;

import org.jspecify.annotations.NullMarked;
