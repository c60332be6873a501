/**
 * Gauges over the instances: how many are in each state, and how long the oldest pending
 * change has been waiting.
 */
@NullMarked
package dev.dbaas.pipeline.status.instance.metrics;

import org.jspecify.annotations.NullMarked;
