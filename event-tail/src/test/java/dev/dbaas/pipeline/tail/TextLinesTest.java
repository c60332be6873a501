package dev.dbaas.pipeline.tail;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextLinesTest {

	final TextLines text = new TextLines();

	@Test
	void showsADoneUpdateWithItsObservedSettingsOnOneLine() {
		String line = this.text.event(record("o-4"), StatusEvents.updateDone("o-4", "c-1", 5));

		assertThat(line).startsWith("2026-11-25T15:37:31.847Z DONE       UPDATE order o-4 customer c-1")
			.contains("instance db-0123456789abcdef #5 VERIFY_SETTINGS")
			.contains(
					"observed nodeSize=b2-8 storageGb=100 trustedSources=127.0.0.4/32,10.0.0.0/24 interruption=1200ms")
			.endsWith("(dbaas.order.status.v1-3@42)")
			.doesNotContain("\n");
	}

	@Test
	void saysWhetherAFailedChangeLeftTheInstanceUsable() {
		assertThat(this.text.event(record("o-5"), StatusEvents.deleteFailed("o-5", "c-1", 3, false)))
			.contains("FAILED     DELETE order o-5")
			.contains("failure INSTANCE_HOST_UNAVAILABLE: The instance's host has been silent for 2 minutes")
			.contains("instance NOT usable");
		assertThat(this.text.event(record("o-5"), StatusEvents.deleteFailed("o-5", "c-1", 3, true)))
			.contains("instance still usable");
	}

	@Test
	void showsAnEventWithoutOrderTypeAsACreateAndACancelledCreate() {
		assertThat(this.text.event(record("o-3"), StatusEvents.done("o-3", "c-1", 7)))
			.contains("DONE       CREATE order o-3")
			.contains("at db-o-3.de-west-1.dbaas.internal:3306 (MARIADB 10.11)");
		assertThat(this.text.event(record("o-6"), StatusEvents.cancelled("o-6", "c-1", 3)))
			.contains("CANCELLED  CREATE order o-6");
	}

	@Test
	void showsAnUndecodableRecordWithItsReasonKeyAndPosition() {
		ConsumerRecord<String, byte[]> record = new ConsumerRecord<>("dbaas.order.status.v1", 3, 42,
				Instant.parse("2026-11-25T15:37:30Z").toEpochMilli(), TimestampType.CREATE_TIME, 0, 12, "poison-1",
				"not an event".getBytes(StandardCharsets.UTF_8), new RecordHeaders(), Optional.empty());

		assertThat(this.text.undecodable(record, "NOT_SINGLE_OBJECT_ENCODED", "no marker"))
			.isEqualTo("2026-11-25T15:37:30Z UNDECODABLE NOT_SINGLE_OBJECT_ENCODED key poison-1 12 bytes: no marker"
					+ " (dbaas.order.status.v1-3@42)");
	}

	private static ConsumerRecord<String, byte[]> record(String key) {
		return new ConsumerRecord<>("dbaas.order.status.v1", 3, 42,
				Instant.parse("2026-11-25T15:37:30Z").toEpochMilli(), TimestampType.CREATE_TIME, 0, 0, key, new byte[0],
				new RecordHeaders(), Optional.empty());
	}

}
