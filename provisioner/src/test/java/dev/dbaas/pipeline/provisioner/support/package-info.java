/**
 * Test fixtures: orders, a producer for the order topic, a follower of the status topic,
 * and a window into the simulated backend's call log.
 */
@NullMarked
package dev.dbaas.pipeline.provisioner.support;

import org.jspecify.annotations.NullMarked;
