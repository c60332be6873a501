/**
 * Test fixtures: orders, the order and status topics of a test class (opened and closed
 * around its tests by {@link dev.dbaas.pipeline.provisioner.support.ProvisionerTopics}),
 * provisioner instances, the migrated schema, and a window into the simulated backend's
 * call log.
 */
@NullMarked
package dev.dbaas.pipeline.provisioner.support;

import org.jspecify.annotations.NullMarked;
