package dev.dbaas.pipeline.tail;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

import dev.dbaas.pipeline.events.OrderStatusChanged;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JsonLinesTest {

	final JsonLines json = new JsonLines();

	@Test
	void printsAFailedEventWithItsFailureAndWhereItWasRead() {
		String line = this.json.event(record("o-2", new byte[0]),
				StatusEvents.failed("o-2", "c-2", 2, "REGION_CAPACITY_EXHAUSTED"));

		assertThat(line).isEqualTo("{\"orderId\":\"o-2\",\"customerId\":\"c-2\",\"status\":\"FAILED\",\"sequence\":2,"
				+ "\"step\":\"ALLOCATE_NODE\",\"occurredAt\":\"2026-11-25T15:37:28.847Z\"," + "\"eventId\":\""
				+ StatusEvents.failed("o-2", "c-2", 2, "X").getEventId() + "\",\"orderType\":\"CREATE\","
				+ "\"failure\":{\"code\":\"REGION_CAPACITY_EXHAUSTED\",\"message\":\"Region DE-NORTH-2 has no capacity left\"},"
				+ "\"kafka\":{\"topic\":\"dbaas.order.status.v1\",\"partition\":3,\"offset\":42,"
				+ "\"timestamp\":\"2026-11-25T15:37:30Z\"}}");
	}

	@Test
	void printsADoneEventWithItsInstanceAndNoFailure() {
		String line = this.json.event(record("o-3", new byte[0]), StatusEvents.done("o-3", "c-1", 7));

		assertThat(line).contains("\"status\":\"DONE\"")
			.contains("\"instance\":{\"host\":\"db-o-3.de-west-1.dbaas.internal\",\"port\":3306,"
					+ "\"databaseType\":\"MARIADB\",\"databaseVersion\":\"10.11\"}")
			.doesNotContain("failure")
			.doesNotContain("\n");
	}

	@Test
	void printsTheOrderTypeOfAnEventWrittenBeforeChangeOrdersAsCreate() {
		OrderStatusChanged event = StatusEvents.done("o-3", "c-1", 7);

		assertThat(event.getOrderType()).isNull();
		assertThat(this.json.event(record("o-3", new byte[0]), event)).contains("\"orderType\":\"CREATE\"")
			.doesNotContain("instanceUsable")
			.doesNotContain("observed");
	}

	@Test
	void printsTheObservedSettingsOfADoneUpdate() {
		String line = this.json.event(record("o-4", new byte[0]), StatusEvents.updateDone("o-4", "c-1", 5));

		assertThat(line).contains("\"status\":\"DONE\"")
			.contains("\"orderType\":\"UPDATE\",\"instanceId\":\"db-0123456789abcdef\"")
			.contains("\"observed\":{\"nodeSize\":\"b2-8\",\"storageGb\":100,"
					+ "\"trustedSources\":[\"127.0.0.4/32\",\"10.0.0.0/24\"],\"interruptionMillis\":1200}")
			.doesNotContain("instanceUsable");
	}

	@Test
	void printsWhetherTheInstanceIsStillUsableAfterAFailedDelete() {
		String line = this.json.event(record("o-5", new byte[0]), StatusEvents.deleteFailed("o-5", "c-1", 3, false));

		assertThat(line).contains("\"status\":\"FAILED\"")
			.contains("\"orderType\":\"DELETE\"")
			.contains("\"instanceUsable\":false")
			.contains("\"failure\":{\"code\":\"INSTANCE_HOST_UNAVAILABLE\"");
	}

	@Test
	void printsACancelledCreate() {
		assertThat(this.json.event(record("o-6", new byte[0]), StatusEvents.cancelled("o-6", "c-1", 3)))
			.contains("\"status\":\"CANCELLED\"")
			.contains("\"orderType\":\"CREATE\"");
	}

	@Test
	void printsTheTraceContextOfTheRecord() {
		ConsumerRecord<String, byte[]> record = record("o-3", new byte[0]);
		record.headers()
			.add("traceparent",
					"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01".getBytes(StandardCharsets.US_ASCII));

		assertThat(this.json.event(record, StatusEvents.done("o-3", "c-1", 7)))
			.endsWith("\"traceparent\":\"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\"}}");
	}

	@Test
	void printsAnUndecodableRecordAsAnErrorObject() {
		String line = this.json.undecodable(record("poison-1", "not \"avro\"".getBytes(StandardCharsets.UTF_8)),
				"NOT_SINGLE_OBJECT_ENCODED", "payload does not start with C3 01");

		assertThat(line).isEqualTo("{\"error\":\"UNDECODABLE\",\"reason\":\"NOT_SINGLE_OBJECT_ENCODED\","
				+ "\"message\":\"payload does not start with C3 01\",\"key\":\"poison-1\",\"bytes\":10,"
				+ "\"kafka\":{\"topic\":\"dbaas.order.status.v1\",\"partition\":3,\"offset\":42,"
				+ "\"timestamp\":\"2026-11-25T15:37:30Z\"}}");
	}

	private static ConsumerRecord<String, byte[]> record(String key, byte[] value) {
		return new ConsumerRecord<>("dbaas.order.status.v1", 3, 42,
				Instant.parse("2026-11-25T15:37:30Z").toEpochMilli(), TimestampType.CREATE_TIME, 0, value.length, key,
				value, new RecordHeaders(), Optional.empty());
	}

}
