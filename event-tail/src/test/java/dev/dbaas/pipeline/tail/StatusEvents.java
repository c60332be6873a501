package dev.dbaas.pipeline.tail;

import java.time.Instant;
import java.util.UUID;

import dev.dbaas.pipeline.events.DatabaseType;
import dev.dbaas.pipeline.events.Failure;
import dev.dbaas.pipeline.events.Instance;
import dev.dbaas.pipeline.events.OrderStatus;
import dev.dbaas.pipeline.events.OrderStatusChanged;

/**
 * Status events as the provisioner publishes them.
 */
final class StatusEvents {

	static final Instant AT = Instant.parse("2026-11-25T15:37:26.847Z");

	private StatusEvents() {
	}

	static OrderStatusChanged processing(String orderId, String customerId, long sequence, String step) {
		return base(orderId, customerId, sequence, OrderStatus.PROCESSING).setStep(step).build();
	}

	static OrderStatusChanged done(String orderId, String customerId, long sequence) {
		return base(orderId, customerId, sequence, OrderStatus.DONE).setStep("HEALTH_CHECK")
			.setInstance(Instance.newBuilder()
				.setHost("db-" + orderId + ".de-west-1.dbaas.internal")
				.setPort(3306)
				.setDatabaseType(DatabaseType.MARIADB)
				.setDatabaseVersion("10.11")
				.build())
			.build();
	}

	static OrderStatusChanged failed(String orderId, String customerId, long sequence, String code) {
		return base(orderId, customerId, sequence, OrderStatus.FAILED).setStep("ALLOCATE_NODE")
			.setFailure(Failure.newBuilder().setCode(code).setMessage("Region DE-NORTH-2 has no capacity left").build())
			.build();
	}

	private static OrderStatusChanged.Builder base(String orderId, String customerId, long sequence,
			OrderStatus status) {
		return OrderStatusChanged.newBuilder()
			.setEventId(UUID.nameUUIDFromBytes((orderId + "/" + sequence).getBytes()).toString())
			.setOccurredAt(AT.plusSeconds(sequence))
			.setOrderId(orderId)
			.setCustomerId(customerId)
			.setStatus(status)
			.setSequence(sequence);
	}

}
