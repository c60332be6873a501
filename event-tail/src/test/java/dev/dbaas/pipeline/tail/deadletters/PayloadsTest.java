package dev.dbaas.pipeline.tail.deadletters;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import dev.dbaas.pipeline.events.OrderStatus;
import dev.dbaas.pipeline.events.OrderStatusChanged;
import dev.dbaas.pipeline.events.OrderType;
import dev.dbaas.pipeline.schemas.AvroEventSerializer;
import dev.dbaas.pipeline.testkit.Events;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PayloadsTest {

	final Payloads payloads = new Payloads();

	final AvroEventSerializer avro = new AvroEventSerializer();

	@Test
	void decodesAnOrderPlacedOfAnyTypeFromThePlacedTopic() {
		Payload payload = read("dbaas.order.placed.v1",
				this.avro.encode(Events.anOrderPlaced().setType(OrderType.DELETE).build()));

		assertThat(payload).isInstanceOfSatisfying(Payload.Decoded.class, (decoded) -> {
			assertThat(decoded.type()).isEqualTo("OrderPlaced");
			assertThat(decoded.refusal()).isNull();
		});
		assertThat(payload.redrivable()).isTrue();
	}

	@Test
	void decodesAStatusEventByItsFingerprintWhateverTheTopicIsCalled() {
		Payload payload = read("some.other.topic", this.avro.encode(status(OrderStatus.CANCELLED, OrderType.CREATE)));

		assertThat(payload).isInstanceOfSatisfying(Payload.Decoded.class,
				(decoded) -> assertThat(decoded.type()).isEqualTo("OrderStatusChanged"));
		assertThat(payload.redrivable()).isTrue();
	}

	@Test
	void refusesAnEventThatBelongsOnTheOtherTopic() {
		Payload payload = read("dbaas.order.placed.v1.test-suffix",
				this.avro.encode(status(OrderStatus.DONE, OrderType.UPDATE)));

		assertThat(payload).isInstanceOfSatisfying(Payload.Decoded.class,
				(decoded) -> assertThat(decoded.refusal()).isEqualTo("decodes as OrderStatusChanged, but its source"
						+ " topic dbaas.order.placed.v1.test-suffix carries OrderPlaced"));
		assertThat(payload.redrivable()).isFalse();
	}

	@Test
	void refusesTypesAndStatusesThatReadAsUnknown() {
		assertThat(read("dbaas.order.placed.v1",
				this.avro.encode(Events.anOrderPlaced().setType(OrderType.UNKNOWN).build())))
			.isInstanceOfSatisfying(Payload.Decoded.class,
					(decoded) -> assertThat(decoded.refusal()).startsWith("decodes, but its type reads as UNKNOWN"));
		assertThat(read("dbaas.order.status.v1", this.avro.encode(status(OrderStatus.UNKNOWN, OrderType.CREATE))))
			.isInstanceOfSatisfying(Payload.Decoded.class,
					(decoded) -> assertThat(decoded.refusal()).startsWith("decodes, but its status reads as UNKNOWN"));
		assertThat(read("dbaas.order.status.v1", this.avro.encode(status(OrderStatus.DONE, OrderType.UNKNOWN))))
			.isInstanceOfSatisfying(Payload.Decoded.class, (decoded) -> assertThat(decoded.refusal())
				.startsWith("decodes, but its orderType reads as UNKNOWN"));
	}

	@Test
	void saysWhyBytesDoNotDecode() {
		byte[] unknownFingerprint = ByteBuffer.allocate(20)
			.order(ByteOrder.LITTLE_ENDIAN)
			.put((byte) 0xC3)
			.put((byte) 0x01)
			.putLong(0x1234_5678_9abc_def0L)
			.array();
		byte[] event = this.avro.encode(Events.anOrderPlaced().build());
		byte[] truncated = Arrays.copyOf(event, 14);

		assertThat(read("dbaas.order.placed.v1", "not an event".getBytes(StandardCharsets.UTF_8)))
			.isEqualTo(new Payload.Undecodable("NOT_SINGLE_OBJECT_ENCODED",
					"NOT_SINGLE_OBJECT_ENCODED: OrderPlaced payload of 12 bytes does not start with the single-object"
							+ " marker C3 01"));
		assertThat(read("dbaas.order.placed.v1", unknownFingerprint))
			.isEqualTo(new Payload.Undecodable("UNKNOWN_SCHEMA_FINGERPRINT",
					"UNKNOWN_SCHEMA_FINGERPRINT: written with schema fingerprint 123456789abcdef0, which is no released"
							+ " version of OrderPlaced or OrderStatusChanged; is this tool older than the writer's"
							+ " schema release?"));
		assertThat(read("dbaas.order.placed.v1", truncated)).isInstanceOfSatisfying(Payload.Undecodable.class,
				(undecodable) -> assertThat(undecodable.reason()).isEqualTo("CORRUPT_PAYLOAD"));
		assertThat(read("dbaas.order.placed.v1", null))
			.isEqualTo(new Payload.Undecodable("EMPTY_PAYLOAD", "the dead letter has no value"));
	}

	private Payload read(String sourceTopic, byte @Nullable [] value) {
		return this.payloads.read(new DeadLetter(new RecordPosition(sourceTopic + ".dlt", 0, 0), null, "k", value,
				List.of(), new SourcePosition(new RecordPosition(sourceTopic, 0, 0), null, null), null, null, null));
	}

	private static OrderStatusChanged status(OrderStatus status, OrderType type) {
		return OrderStatusChanged.newBuilder()
			.setEventId("e-1")
			.setOccurredAt(Instant.parse("2026-11-25T15:37:26.847Z"))
			.setOrderId("o-1")
			.setCustomerId("c-1")
			.setStatus(status)
			.setSequence(1)
			.setOrderType(type)
			.build();
	}

}
