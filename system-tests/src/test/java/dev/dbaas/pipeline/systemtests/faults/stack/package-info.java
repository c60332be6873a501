/**
 * The pipeline under test: Kafka and PostgreSQL from the test kit, each service as an
 * operating-system process of its own so that it can be killed with {@code kill -9}.
 */
@NullMarked
package dev.dbaas.pipeline.systemtests.faults.stack;

import org.jspecify.annotations.NullMarked;
