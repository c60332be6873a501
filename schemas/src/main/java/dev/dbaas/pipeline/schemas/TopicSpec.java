package dev.dbaas.pipeline.schemas;

import java.util.Objects;

/**
 * A Kafka topic of the pipeline: its name, partition count and what its records carry.
 *
 * @param name topic name, never blank
 * @param partitions partition count, at least 1
 * @param key what the record key holds
 * @param value schema (or description) of the record value
 */
public record TopicSpec(String name, int partitions, String key, String value) {

	public TopicSpec {
		Objects.requireNonNull(name, "name");
		if (name.isBlank()) {
			throw new IllegalArgumentException("topic name must not be blank");
		}
		if (partitions < 1) {
			throw new IllegalArgumentException("topic " + name + " needs at least one partition, got " + partitions);
		}
	}

	/**
	 * Returns the same topic under another name, e.g. a per-test-class copy.
	 * @param suffix appended to the name
	 * @return the renamed topic
	 */
	public TopicSpec withSuffix(String suffix) {
		return new TopicSpec(this.name + suffix, this.partitions, this.key, this.value);
	}

}
