/**
 * The fault scenarios of issues 8 and 20, one test class each (the two on a replicated
 * Kafka share one), against real Kafka, real PostgreSQL and the services as processes.
 * Scenarios tagged {@code profile-only} run with {@code -Pfaults}.
 */
@NullMarked
package dev.dbaas.pipeline.systemtests.faults;

import org.jspecify.annotations.NullMarked;
