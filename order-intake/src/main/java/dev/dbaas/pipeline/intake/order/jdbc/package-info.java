/**
 * Stores orders in PostgreSQL.
 */
@NullMarked
package dev.dbaas.pipeline.intake.order.jdbc;

import org.jspecify.annotations.NullMarked;
