package dev.dbaas.pipeline.schemas;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;
import org.jspecify.annotations.Nullable;

/**
 * Kafka serializer that writes any generated event with Avro single-object encoding: the
 * marker {@code 0xC3 0x01}, the CRC-64-AVRO fingerprint of the writer schema, then the
 * binary body. Every record is self-describing without a schema registry.
 *
 * <p>
 * Thread-safe: one instance may serve a shared producer.
 */
public class AvroEventSerializer implements Serializer<SpecificRecord> {

	static {
		EventSchemas.trustEventClasses();
	}

	private final Map<Schema, BinaryMessageEncoder<SpecificRecord>> encoders = new ConcurrentHashMap<>();

	@Override
	public byte @Nullable [] serialize(String topic, @Nullable SpecificRecord event) {
		if (event == null) {
			return null;
		}
		return encode(event);
	}

	/**
	 * Encodes an event outside Kafka, e.g. into an outbox row.
	 * @param event the event
	 * @return the single-object-encoded bytes
	 */
	public byte[] encode(SpecificRecord event) {
		BinaryMessageEncoder<SpecificRecord> encoder = this.encoders.computeIfAbsent(event.getSchema(),
				(schema) -> new BinaryMessageEncoder<>(SpecificData.getForSchema(schema), schema));
		try {
			ByteBuffer buffer = encoder.encode(event);
			byte[] bytes = new byte[buffer.remaining()];
			buffer.get(bytes);
			return bytes;
		}
		catch (IOException | RuntimeException ex) {
			throw new SerializationException(
					"Cannot encode " + event.getSchema().getFullName() + ": " + ex.getMessage(), ex);
		}
	}

}
