/**
 * REST API that validates DBaaS orders and publishes them through a transactional outbox.
 */
@NullMarked
package dev.dbaas.pipeline.intake;

import org.jspecify.annotations.NullMarked;
