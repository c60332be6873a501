/**
 * Stores orders in PostgreSQL.
 */
@NullMarked
package dev.dbaas.pipeline.intake.order.persistence;

import org.jspecify.annotations.NullMarked;
