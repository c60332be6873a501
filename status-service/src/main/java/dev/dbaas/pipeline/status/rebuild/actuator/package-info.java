/**
 * Actuator adapter of the rebuild.
 */
@NullMarked
package dev.dbaas.pipeline.status.rebuild.actuator;

import org.jspecify.annotations.NullMarked;
