/**
 * The fault scenarios of issues 8 and 20, one test class each (the two on a replicated
 * Kafka share one), against real Kafka, real PostgreSQL and the services as processes.
 * Every scenario is tagged {@code profile-only}: they run with {@code -Pfaults}, not in
 * the plain {@code verify} (decision 0052).
 */
@NullMarked
package dev.dbaas.pipeline.systemtests.faults;

import org.jspecify.annotations.NullMarked;
