package dev.dbaas.pipeline.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import dev.dbaas.pipeline.events.AcceptedDocument;
import dev.dbaas.pipeline.events.DatabaseType;
import dev.dbaas.pipeline.events.ExistingInvoiceProfile;
import dev.dbaas.pipeline.events.NewInvoiceProfile;
import dev.dbaas.pipeline.events.OrderPlaced;
import dev.dbaas.pipeline.events.OrderStatus;
import dev.dbaas.pipeline.events.OrderStatusChanged;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class AvroEventSerdeTest {

	private final AvroEventSerializer serializer = new AvroEventSerializer();

	private final OrderPlacedDeserializer placedDeserializer = new OrderPlacedDeserializer();

	private final OrderStatusChangedDeserializer statusDeserializer = new OrderStatusChangedDeserializer();

	@Test
	void writesSingleObjectEncodingWithMarkerAndWriterFingerprint() {
		byte[] bytes = this.serializer.serialize("t", anOrderPlaced());

		assertThat(bytes[0] & 0xFF).isEqualTo(0xC3);
		assertThat(bytes[1]).isEqualTo((byte) 0x01);
		long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
		assertThat(fingerprint)
			.isEqualTo(org.apache.avro.SchemaNormalization.parsingFingerprint64(OrderPlaced.getClassSchema()));
	}

	@Test
	void roundTripsAnOrderPlacedWithBothInvoiceProfileForms() {
		OrderPlaced existing = anOrderPlaced();
		OrderPlaced fresh = OrderPlaced.newBuilder(existing)
			.setInvoiceProfile(new NewInvoiceProfile("ACME GmbH", "billing@acme.example", "Hauptstr. 1", "50667",
					"Köln", "DE", null))
			.build();

		assertThat(this.placedDeserializer.deserialize("t", this.serializer.serialize("t", existing)))
			.isEqualTo(existing);
		assertThat(this.placedDeserializer.deserialize("t", this.serializer.serialize("t", fresh))).isEqualTo(fresh);
	}

	@Test
	void roundTripsAnOrderStatusChanged() {
		OrderStatusChanged event = OrderStatusChanged.newBuilder()
			.setEventId("e-2")
			.setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
			.setOrderId("o-1")
			.setCustomerId("c-1001")
			.setStatus(OrderStatus.PROCESSING)
			.setSequence(1)
			.setStep("ALLOCATE_NODE")
			.build();

		assertThat(this.statusDeserializer.deserialize("t", this.serializer.serialize("t", event))).isEqualTo(event);
	}

	@Test
	void rejectsGarbageBytesAsNotSingleObjectEncoded() {
		byte[] garbage = "definitely not avro".getBytes(java.nio.charset.StandardCharsets.UTF_8);

		assertThatExceptionOfType(EventDecodingException.class)
			.isThrownBy(() -> this.placedDeserializer.deserialize("t", garbage))
			.satisfies(
					(ex) -> assertThat(ex.reason()).isEqualTo(EventDecodingException.Reason.NOT_SINGLE_OBJECT_ENCODED))
			.withMessageContaining("C3 01");
	}

	@Test
	void rejectsUnknownFingerprintNamingIt() {
		byte[] bytes = this.serializer.serialize("t", anOrderPlaced());
		for (int i = 2; i < 10; i++) {
			bytes[i] = (byte) 0xAB;
		}

		assertThatExceptionOfType(EventDecodingException.class)
			.isThrownBy(() -> this.placedDeserializer.deserialize("t", bytes))
			.satisfies(
					(ex) -> assertThat(ex.reason()).isEqualTo(EventDecodingException.Reason.UNKNOWN_SCHEMA_FINGERPRINT))
			.withMessageContaining("abababababababab");
	}

	@Test
	void rejectsTruncatedBodyAsCorrupt() {
		byte[] bytes = this.serializer.serialize("t", anOrderPlaced());
		byte[] truncated = java.util.Arrays.copyOf(bytes, 20);

		assertThatExceptionOfType(EventDecodingException.class)
			.isThrownBy(() -> this.placedDeserializer.deserialize("t", truncated))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(EventDecodingException.Reason.CORRUPT_PAYLOAD));
	}

	@Test
	void rejectsAnEventOfAnotherTypeAsUnknownFingerprint() {
		byte[] placed = this.serializer.serialize("t", anOrderPlaced());

		assertThatExceptionOfType(EventDecodingException.class)
			.isThrownBy(() -> this.statusDeserializer.deserialize("t", placed))
			.satisfies((ex) -> assertThat(ex.reason())
				.isEqualTo(EventDecodingException.Reason.UNKNOWN_SCHEMA_FINGERPRINT));
	}

	@Test
	void rejectsEmptyAndNullPayloads() {
		assertThatExceptionOfType(EventDecodingException.class)
			.isThrownBy(() -> this.placedDeserializer.deserialize("t", new byte[0]))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(EventDecodingException.Reason.EMPTY_PAYLOAD));
		assertThatExceptionOfType(EventDecodingException.class)
			.isThrownBy(() -> this.placedDeserializer.deserialize("t", null))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(EventDecodingException.Reason.EMPTY_PAYLOAD));
	}

	@Test
	void readsStatusEventWrittenWithAnOlderSchemaVersion() throws IOException {
		Schema older = testOnlyOlderSchema("OrderStatusChanged");
		GenericRecord old = new GenericData.Record(older);
		old.put("eventId", "e-old");
		old.put("occurredAt", 1_700_000_000_000L);
		old.put("orderId", "o-9");
		old.put("customerId", "c-1");
		old.put("status", new GenericData.EnumSymbol(older.getField("status").schema(), "FAILED"));
		old.put("sequence", 3L);
		GenericRecord failure = new GenericData.Record(older.getField("failure").schema().getTypes().get(1));
		failure.put("code", "REGION_CAPACITY_EXHAUSTED");
		failure.put("message", "DE-WEST-1 is full");
		old.put("failure", failure);
		old.put("instance", null);
		byte[] bytes = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), older).encode(old).array();

		AvroEventDeserializer<OrderStatusChanged> reader = new AvroEventDeserializer<>(OrderStatusChanged.class,
				List.of(older));
		OrderStatusChanged event = reader.deserialize("t", bytes);

		assertThat(event.getOrderId()).isEqualTo("o-9");
		assertThat(event.getStatus()).isEqualTo(OrderStatus.FAILED);
		assertThat(event.getFailure().getCode()).isEqualTo("REGION_CAPACITY_EXHAUSTED");
		assertThat(event.getStep()).as("field added later takes its default").isNull();
	}

	@Test
	void currentReaderWithoutTheOlderVersionInItsStoreRejectsIt() throws IOException {
		Schema older = testOnlyOlderSchema("OrderStatusChanged");
		GenericRecord old = new GenericData.Record(older);
		older.getFields().forEach((field) -> old.put(field.name(), null));
		old.put("eventId", "e");
		old.put("occurredAt", 0L);
		old.put("orderId", "o");
		old.put("customerId", "c");
		old.put("status", new GenericData.EnumSymbol(older.getField("status").schema(), "NEW"));
		old.put("sequence", 0L);
		byte[] bytes = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), older).encode(old).array();

		assertThatExceptionOfType(EventDecodingException.class)
			.isThrownBy(() -> this.statusDeserializer.deserialize("t", bytes))
			.satisfies((ex) -> assertThat(ex.reason())
				.isEqualTo(EventDecodingException.Reason.UNKNOWN_SCHEMA_FINGERPRINT));
	}

	private static Schema testOnlyOlderSchema(String name) throws IOException {
		try (InputStream in = AvroEventSerdeTest.class.getResourceAsStream("/evolution/" + name + ".v0-test.avsc")) {
			return new Schema.Parser().parse(in);
		}
	}

	static OrderPlaced anOrderPlaced() {
		return OrderPlaced.newBuilder()
			.setEventId("e-1")
			.setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
			.setOrderId("o-1")
			.setCustomerId("c-1001")
			.setDatabaseType(DatabaseType.MARIADB)
			.setDatabaseVersion("10.11")
			.setNodeSize("b2-4")
			.setStorageGb(50)
			.setTrustedSources(List.of("123.123.123.123/32", "222.222.222.128/28"))
			.setRegion("DE-WEST-1")
			.setInvoiceProfile(new ExistingInvoiceProfile("inv-7781"))
			.setAcceptedDocuments(List.of(new AcceptedDocument("terms-of-service", "2025-01")))
			.build();
	}

}
