/**
 * The benchmark harness: drives orders at a constant rate against a running pipeline and
 * measures raw Kafka and PostgreSQL baselines in the same run.
 */
@NullMarked
package dev.dbaas.pipeline.bench;

import org.jspecify.annotations.NullMarked;
