/**
 * Counts the orders in flight in PostgreSQL, for admission control.
 */
@NullMarked
package dev.dbaas.pipeline.intake.admission.jdbc;

import org.jspecify.annotations.NullMarked;
