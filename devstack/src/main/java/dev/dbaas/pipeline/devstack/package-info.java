/**
 * The local launcher: a real Kafka broker, a real PostgreSQL and the three services,
 * wired together in one JVM.
 */
@NullMarked
package dev.dbaas.pipeline.devstack;

import org.jspecify.annotations.NullMarked;
