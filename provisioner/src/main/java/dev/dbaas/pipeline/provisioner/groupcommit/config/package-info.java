/**
 * Spring wiring of the provisioner's group commit: its writers and their metrics.
 */
@NullMarked
package dev.dbaas.pipeline.provisioner.groupcommit.config;

import org.jspecify.annotations.NullMarked;
