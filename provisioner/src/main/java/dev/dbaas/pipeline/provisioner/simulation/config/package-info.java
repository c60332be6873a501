/**
 * Spring wiring of the simulated backend, selected by
 * {@code provisioner.backend=simulation} (the default).
 */
@NullMarked
package dev.dbaas.pipeline.provisioner.simulation.config;

import org.jspecify.annotations.NullMarked;
