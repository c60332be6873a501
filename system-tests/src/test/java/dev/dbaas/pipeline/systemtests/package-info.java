/**
 * Tests of the whole system: the pipeline end to end through the launcher and a browser,
 * and the checks that keep the compose files, alert rules and Kafka ACLs in step with it.
 */
@NullMarked
package dev.dbaas.pipeline.systemtests;

import org.jspecify.annotations.NullMarked;
