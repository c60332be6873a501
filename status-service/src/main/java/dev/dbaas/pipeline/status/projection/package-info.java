/**
 * Projection: applies order events to the view, each event once, in one transaction per
 * batch.
 */
@NullMarked
package dev.dbaas.pipeline.status.projection;

import org.jspecify.annotations.NullMarked;
