/**
 * PostgreSQL adapter of the queries: reads of the view tables the projection writes.
 */
@NullMarked
package dev.dbaas.pipeline.status.query.jdbc;

import org.jspecify.annotations.NullMarked;
