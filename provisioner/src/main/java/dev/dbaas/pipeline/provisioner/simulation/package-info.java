/**
 * The default {@code ProvisioningBackend}: a simulation of the real cloud steps with
 * latency, failures, transient errors and region capacity as knobs. It keeps its state,
 * and a record of every call it received, in the provisioner's database.
 */
@NullMarked
package dev.dbaas.pipeline.provisioner.simulation;

import org.jspecify.annotations.NullMarked;
