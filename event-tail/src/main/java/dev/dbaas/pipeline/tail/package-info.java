/**
 * Follows the status topic and prints its events as JSON lines, for ops and their
 * alerting.
 */
@NullMarked
package dev.dbaas.pipeline.tail;

import org.jspecify.annotations.NullMarked;
