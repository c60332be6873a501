/**
 * The pipeline under test: Kafka (one broker from the test kit, or a replicated cluster
 * from Kafka's own test kit) and PostgreSQL, each service as an operating-system process
 * of its own so that it can be killed with {@code kill -9}.
 */
@NullMarked
package dev.dbaas.pipeline.systemtests.faults.stack;

import org.jspecify.annotations.NullMarked;
