/**
 * Stores idempotency keys in PostgreSQL, serialises concurrent use with advisory locks,
 * and expires them.
 */
@NullMarked
package dev.dbaas.pipeline.intake.idempotency.jdbc;

import org.jspecify.annotations.NullMarked;
