package dev.dbaas.pipeline.provisioner.provisioning.messaging;

import dev.dbaas.pipeline.schemas.AvroEventSerializer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;
import org.jspecify.annotations.Nullable;

/**
 * Value serializer of the provisioner's producer: bytes go out as they are (outbox
 * payloads, and the original bytes of an undecodable record on its way to the dead-letter
 * topic); a decoded event that could not be handled is written back in Avro single-object
 * encoding. Thread-safe.
 */
public class RecordValueSerializer implements Serializer<Object> {

	private final AvroEventSerializer avro = new AvroEventSerializer();

	@Override
	public byte @Nullable [] serialize(String topic, @Nullable Object value) {
		if (value == null) {
			return null;
		}
		if (value instanceof byte[] bytes) {
			return bytes;
		}
		if (value instanceof SpecificRecord event) {
			return this.avro.encode(event);
		}
		throw new SerializationException("Cannot write a " + value.getClass().getName() + " to topic " + topic);
	}

}
