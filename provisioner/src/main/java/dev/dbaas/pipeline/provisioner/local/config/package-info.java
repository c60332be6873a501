/**
 * Spring wiring of the local backend, selected by {@code provisioner.backend=local}.
 */
@NullMarked
package dev.dbaas.pipeline.provisioner.local.config;

import org.jspecify.annotations.NullMarked;
