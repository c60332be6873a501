/**
 * Provisioning domain: a job drives one ordered database through its steps on a pluggable
 * {@link dev.dbaas.pipeline.provisioner.provisioning.ProvisioningBackend} and emits a
 * status event for every change. Free of Spring, Kafka, JDBC and Avro.
 */
@NullMarked
package dev.dbaas.pipeline.provisioner.provisioning;

import org.jspecify.annotations.NullMarked;
