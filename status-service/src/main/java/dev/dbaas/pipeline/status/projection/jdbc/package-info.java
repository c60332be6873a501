/**
 * PostgreSQL adapter of the projection: multi-row upserts over {@code unnest} arrays that
 * merge like the domain does.
 */
@NullMarked
package dev.dbaas.pipeline.status.projection.jdbc;

import org.jspecify.annotations.NullMarked;
