/**
 * The instances table in PostgreSQL, locked row by row for changes.
 */
@NullMarked
package dev.dbaas.pipeline.intake.instance.jdbc;

import org.jspecify.annotations.NullMarked;
