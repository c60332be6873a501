package dev.dbaas.pipeline.contract.tracing;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import static org.assertj.core.api.Assertions.assertThat;

class RecordLogContextTest {

	@AfterEach
	void clearMdc() {
		MDC.clear();
	}

	@Test
	void putsTheOrderIdAndTheTraceIdOfTheTraceparentHeaderIntoTheMdcUntilClosed() {
		MDC.put("orderId", "outer");

		try (RecordLogContext context = RecordLogContext
			.about(record("o-1", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"))) {
			assertThat(MDC.get("orderId")).isEqualTo("o-1");
			assertThat(MDC.get("traceId")).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
		}

		assertThat(MDC.get("orderId")).isEqualTo("outer");
		assertThat(MDC.get("traceId")).isNull();
	}

	@Test
	void leavesTheTraceIdOutWithoutAWellFormedHeader() {
		assertThat(RecordLogContext.traceIdOf(record("o-1", null))).isNull();
		assertThat(RecordLogContext.traceIdOf(record("o-1", "not a traceparent"))).isNull();
		assertThat(RecordLogContext.traceIdOf(record("o-1", "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01")))
			.as("upper case is not W3C")
			.isNull();
	}

	private static ConsumerRecord<String, String> record(String key, String traceparent) {
		ConsumerRecord<String, String> record = new ConsumerRecord<>("dbaas.order.status.v1", 0, 0, key, "value");
		if (traceparent != null) {
			record.headers().add("traceparent", traceparent.getBytes(StandardCharsets.US_ASCII));
		}
		return record;
	}

}
