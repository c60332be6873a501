/**
 * Throughput benchmark of the provisioner fleet (run with {@code -Pbenchmark}).
 */
@NullMarked
package dev.dbaas.pipeline.provisioner.benchmark;

import org.jspecify.annotations.NullMarked;
