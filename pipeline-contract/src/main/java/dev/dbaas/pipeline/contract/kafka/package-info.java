/**
 * What every service agrees on at the Kafka edge: the topic binding, the header names and
 * the dead-letter recoverer.
 */
@NullMarked
package dev.dbaas.pipeline.contract.kafka;

import org.jspecify.annotations.NullMarked;
