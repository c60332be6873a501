package dev.dbaas.pipeline.tail;

/**
 * The topic to tail does not exist on the broker (or the broker does not say so).
 */
public class TopicNotFound extends RuntimeException {

	public TopicNotFound(String topic, String bootstrapServers) {
		super("topic '" + topic + "' does not exist on " + bootstrapServers);
	}

}
