/**
 * Materializes order and status events into a queryable PostgreSQL view.
 */
@NullMarked
package dev.dbaas.pipeline.status;

import org.jspecify.annotations.NullMarked;
