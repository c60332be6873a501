package dev.dbaas.pipeline.tail.deadletters;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import dev.dbaas.pipeline.events.OrderPlaced;
import dev.dbaas.pipeline.events.OrderStatus;
import dev.dbaas.pipeline.events.OrderStatusChanged;
import dev.dbaas.pipeline.events.OrderType;
import dev.dbaas.pipeline.schemas.EventDecodingException;
import dev.dbaas.pipeline.schemas.OrderPlacedDeserializer;
import dev.dbaas.pipeline.schemas.OrderStatusChangedDeserializer;
import dev.dbaas.pipeline.schemas.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.jspecify.annotations.Nullable;

/**
 * Decodes dead-letter values with the schemas module's deserializers, that is with the
 * current and every released schema. Which event type a value is follows from the writer
 * fingerprint in its single-object header, so a dead-letter topic of either main topic
 * decodes without being told. A value that decodes may still be refused for a re-drive:
 * an event that belongs on the other main topic than the one it came from, or one whose
 * type or status these schemas read as {@code UNKNOWN} (a symbol of a newer writer),
 * which every consumer dead-letters again.
 *
 * <p>
 * Thread-safe.
 */
public final class Payloads {

	private final OrderPlacedDeserializer placed = new OrderPlacedDeserializer();

	private final OrderStatusChangedDeserializer status = new OrderStatusChangedDeserializer();

	/**
	 * What a dead letter's value is.
	 * @param letter the dead letter
	 * @return decoded, perhaps with a refusal, or undecodable with the reason
	 */
	public Payload read(DeadLetter letter) {
		byte[] value = letter.value();
		if (value == null || value.length == 0) {
			return new Payload.Undecodable(EventDecodingException.Reason.EMPTY_PAYLOAD.name(),
					"the dead letter has no value");
		}
		SpecificRecord event;
		try {
			event = decode(value);
		}
		catch (EventDecodingException ex) {
			return new Payload.Undecodable(ex.reason().name(), ex.getMessage());
		}
		SourcePosition source = letter.source();
		return new Payload.Decoded(event, refusalOf(event, (source != null) ? source.position().topic() : null));
	}

	private SpecificRecord decode(byte[] value) {
		try {
			return this.placed.decode(value);
		}
		catch (EventDecodingException ex) {
			if (ex.reason() != EventDecodingException.Reason.UNKNOWN_SCHEMA_FINGERPRINT) {
				throw ex;
			}
		}
		try {
			return this.status.decode(value);
		}
		catch (EventDecodingException ex) {
			if (ex.reason() != EventDecodingException.Reason.UNKNOWN_SCHEMA_FINGERPRINT) {
				throw ex;
			}
			long fingerprint = ByteBuffer.wrap(value, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
			throw new EventDecodingException(EventDecodingException.Reason.UNKNOWN_SCHEMA_FINGERPRINT,
					"written with schema fingerprint %016x, which is no released version of OrderPlaced or".formatted(
							fingerprint) + " OrderStatusChanged; is this tool older than the writer's schema release?",
					ex);
		}
	}

	private static @Nullable String refusalOf(SpecificRecord event, @Nullable String sourceTopic) {
		String expected = expectedTypeOf(sourceTopic);
		String type = event.getSchema().getName();
		if (expected != null && !expected.equals(type)) {
			return "decodes as " + type + ", but its source topic " + sourceTopic + " carries " + expected;
		}
		if (event instanceof OrderPlaced order && order.getType() == OrderType.UNKNOWN) {
			return "decodes, but its type reads as UNKNOWN: the writer used an order type these schemas do not know";
		}
		if (event instanceof OrderStatusChanged changed) {
			if (changed.getStatus() == OrderStatus.UNKNOWN) {
				return "decodes, but its status reads as UNKNOWN: the writer used a status these schemas do not know";
			}
			if (changed.getOrderType() == OrderType.UNKNOWN) {
				return "decodes, but its orderType reads as UNKNOWN: the writer used an order type these schemas do not"
						+ " know";
			}
		}
		return null;
	}

	/**
	 * The event type a source topic carries, by the pipeline's topic names (a per-test
	 * copy such as {@code dbaas.order.placed.v1.<suffix>} included).
	 */
	private static @Nullable String expectedTypeOf(@Nullable String topic) {
		if (topic == null) {
			return null;
		}
		if (topic.startsWith(Topics.ORDER_PLACED.name())) {
			return OrderPlaced.getClassSchema().getName();
		}
		if (topic.startsWith(Topics.ORDER_STATUS.name())) {
			return OrderStatusChanged.getClassSchema().getName();
		}
		return null;
	}

}
