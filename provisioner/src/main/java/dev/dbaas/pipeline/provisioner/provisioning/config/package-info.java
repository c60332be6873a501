/**
 * Spring wiring of provisioning: the domain, its store, the worker pool and the
 * dead-letter handling.
 */
@NullMarked
package dev.dbaas.pipeline.provisioner.provisioning.config;

import org.jspecify.annotations.NullMarked;
