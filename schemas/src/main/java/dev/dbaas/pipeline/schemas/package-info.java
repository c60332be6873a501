/**
 * Event contracts of the pipeline: the topics, the Avro single-object-encoding Kafka
 * serde and the store of released schema versions.
 */
@NullMarked
package dev.dbaas.pipeline.schemas;

import org.jspecify.annotations.NullMarked;
