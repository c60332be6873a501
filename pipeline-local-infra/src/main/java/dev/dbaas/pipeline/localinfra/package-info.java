/**
 * Real Kafka (KRaft) and PostgreSQL servers run from this JVM, for the local launcher,
 * the benchmarks and the test kit.
 */
@NullMarked
package dev.dbaas.pipeline.localinfra;

import org.jspecify.annotations.NullMarked;
