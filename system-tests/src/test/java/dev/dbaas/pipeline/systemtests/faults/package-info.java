/**
 * The fault scenarios of issue 8, one test class each, against real Kafka, real
 * PostgreSQL and the services as processes. Scenarios tagged {@code profile-only} run
 * with {@code -Pfaults}.
 */
@NullMarked
package dev.dbaas.pipeline.systemtests.faults;

import org.jspecify.annotations.NullMarked;
