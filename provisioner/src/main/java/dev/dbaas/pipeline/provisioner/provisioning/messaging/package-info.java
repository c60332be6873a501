/**
 * Kafka edge of provisioning: the {@code OrderPlaced} listener, its mapping to the
 * domain, and dead-lettering of records that cannot be handled.
 */
@NullMarked
package dev.dbaas.pipeline.provisioner.provisioning.messaging;

import org.jspecify.annotations.NullMarked;
