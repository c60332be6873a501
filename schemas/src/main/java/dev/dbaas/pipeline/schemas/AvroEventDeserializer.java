package dev.dbaas.pipeline.schemas;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.jspecify.annotations.Nullable;

/**
 * Kafka deserializer for Avro single-object-encoded events. Data written with the current
 * or any released version of the schema is resolved to the current generated class.
 *
 * <p>
 * Never returns {@code null} for a non-null payload: bad bytes raise an
 * {@link EventDecodingException} naming the reason. Wrap it in spring-kafka's
 * {@code ErrorHandlingDeserializer} so that a poison record reaches the dead-letter topic
 * instead of stalling the partition.
 *
 * <p>
 * Thread-safe.
 *
 * @param <T> the generated event class
 */
public class AvroEventDeserializer<T extends SpecificRecord> implements Deserializer<T> {

	private static final int HEADER_LENGTH = 10;

	private final Class<T> type;

	private final BinaryMessageDecoder<T> decoder;

	/**
	 * Creates a deserializer that knows the current and every released version of the
	 * type.
	 * @param type the generated event class
	 */
	public AvroEventDeserializer(Class<T> type) {
		this(type, List.of());
	}

	/**
	 * Creates a deserializer that also resolves the given extra writer schemas, e.g. a
	 * version not released yet.
	 * @param type the generated event class
	 * @param extraWriterSchemas additional writer schemas to accept
	 */
	public AvroEventDeserializer(Class<T> type, List<Schema> extraWriterSchemas) {
		this.type = type;
		this.decoder = new BinaryMessageDecoder<>(SpecificData.getForClass(type), EventSchemas.current(type),
				EventSchemas.storeFor(type));
		extraWriterSchemas.forEach(this.decoder::addSchema);
	}

	@Override
	public T deserialize(String topic, byte @Nullable [] data) {
		if (data == null || data.length == 0) {
			throw new EventDecodingException(EventDecodingException.Reason.EMPTY_PAYLOAD,
					"expected a " + this.type.getSimpleName() + " on topic " + topic + " but the value is empty", null);
		}
		return decode(data);
	}

	/**
	 * Decodes an event outside Kafka.
	 * @param data single-object-encoded bytes
	 * @return the event, never {@code null}
	 * @throws EventDecodingException if the bytes are not a decodable event of this type
	 */
	public T decode(byte[] data) {
		String what = this.type.getSimpleName();
		if (data.length < HEADER_LENGTH || (data[0] & 0xFF) != 0xC3 || data[1] != 0x01) {
			throw new EventDecodingException(EventDecodingException.Reason.NOT_SINGLE_OBJECT_ENCODED,
					what + " payload of " + data.length + " bytes does not start with the single-object marker C3 01",
					null);
		}
		try {
			return this.decoder.decode(ByteBuffer.wrap(data));
		}
		catch (MissingSchemaException ex) {
			throw new EventDecodingException(EventDecodingException.Reason.UNKNOWN_SCHEMA_FINGERPRINT,
					what + " written with unknown schema fingerprint " + fingerprintOf(data)
							+ "; is the reader older than the writer's schema release?",
					ex);
		}
		catch (BadHeaderException ex) {
			throw new EventDecodingException(EventDecodingException.Reason.NOT_SINGLE_OBJECT_ENCODED,
					what + " payload has a bad single-object header: " + ex.getMessage(), ex);
		}
		catch (IOException | AvroRuntimeException | IndexOutOfBoundsException | NegativeArraySizeException
				| ClassCastException ex) {
			throw new EventDecodingException(EventDecodingException.Reason.CORRUPT_PAYLOAD,
					what + " body does not decode with its writer schema " + fingerprintOf(data) + ": " + ex, ex);
		}
	}

	private static String fingerprintOf(byte[] data) {
		long fingerprint = ByteBuffer.wrap(data, 2, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
		return String.format("%016x", fingerprint);
	}

}
