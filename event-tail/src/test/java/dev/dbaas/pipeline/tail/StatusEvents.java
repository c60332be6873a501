package dev.dbaas.pipeline.tail;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.dbaas.pipeline.events.DatabaseType;
import dev.dbaas.pipeline.events.Failure;
import dev.dbaas.pipeline.events.Instance;
import dev.dbaas.pipeline.events.ObservedSettings;
import dev.dbaas.pipeline.events.OrderStatus;
import dev.dbaas.pipeline.events.OrderStatusChanged;
import dev.dbaas.pipeline.events.OrderType;

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

	/**
	 * The DONE of an UPDATE that grew storage, changed the node size (a restart) and
	 * replaced the trusted sources.
	 */
	static OrderStatusChanged updateDone(String orderId, String customerId, long sequence) {
		return base(orderId, customerId, sequence, OrderStatus.DONE).setStep("VERIFY_SETTINGS")
			.setOrderType(OrderType.UPDATE)
			.setInstanceId("db-0123456789abcdef")
			.setObserved(ObservedSettings.newBuilder()
				.setNodeSize("b2-8")
				.setStorageGb(100)
				.setTrustedSources(List.of("127.0.0.4/32", "10.0.0.0/24"))
				.setInterruptionMillis(1200L)
				.build())
			.build();
	}

	/** The FAILED of a DELETE, saying whether the instance still serves. */
	static OrderStatusChanged deleteFailed(String orderId, String customerId, long sequence, boolean usable) {
		return base(orderId, customerId, sequence, OrderStatus.FAILED).setStep("STOP_SERVER")
			.setOrderType(OrderType.DELETE)
			.setInstanceId("db-0123456789abcdef")
			.setInstanceUsable(usable)
			.setFailure(Failure.newBuilder()
				.setCode("INSTANCE_HOST_UNAVAILABLE")
				.setMessage("The instance's host has been silent for 2 minutes")
				.build())
			.build();
	}

	/** The DONE of a DELETE: the data directory is gone, the port refuses connections. */
	static OrderStatusChanged deleteDone(String orderId, String customerId, long sequence) {
		return base(orderId, customerId, sequence, OrderStatus.DONE).setStep("VERIFY_DELETED")
			.setOrderType(OrderType.DELETE)
			.setInstanceId("db-0123456789abcdef")
			.build();
	}

	/** A create stopped by a DELETE of its instance. */
	static OrderStatusChanged cancelled(String orderId, String customerId, long sequence) {
		return base(orderId, customerId, sequence, OrderStatus.CANCELLED).setStep("ATTACH_STORAGE")
			.setOrderType(OrderType.CREATE)
			.setInstanceId("db-0123456789abcdef")
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
