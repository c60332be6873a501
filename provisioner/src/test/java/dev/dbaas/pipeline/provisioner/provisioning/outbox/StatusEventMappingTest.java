package dev.dbaas.pipeline.provisioner.provisioning.outbox;

import java.time.Instant;
import java.util.List;

import dev.dbaas.pipeline.events.DatabaseType;
import dev.dbaas.pipeline.events.OrderStatus;
import dev.dbaas.pipeline.events.OrderStatusChanged;
import dev.dbaas.pipeline.provisioner.provisioning.DatabaseEngine;
import dev.dbaas.pipeline.provisioner.provisioning.EngineType;
import dev.dbaas.pipeline.provisioner.provisioning.Failure;
import dev.dbaas.pipeline.provisioner.provisioning.FailureCode;
import dev.dbaas.pipeline.provisioner.provisioning.InstanceFacts;
import dev.dbaas.pipeline.provisioner.provisioning.ObservedSettings;
import dev.dbaas.pipeline.provisioner.provisioning.OrderId;
import dev.dbaas.pipeline.provisioner.provisioning.OrderType;
import dev.dbaas.pipeline.provisioner.provisioning.ProvisioningEvent.DatabaseProvisioned;
import dev.dbaas.pipeline.provisioner.provisioning.ProvisioningEvent.ProvisioningCancelled;
import dev.dbaas.pipeline.provisioner.provisioning.ProvisioningEvent.ProvisioningFailed;
import dev.dbaas.pipeline.provisioner.provisioning.ProvisioningEvent.ProvisioningStarted;
import dev.dbaas.pipeline.provisioner.provisioning.ProvisioningStep;
import dev.dbaas.pipeline.provisioner.provisioning.SealedCredentials;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StatusEventMappingTest {

	private static final OrderId ORDER = new OrderId("order-1");

	private static final String INSTANCE = "db-0123456789abcdef";

	private static final Instant AT = Instant.parse("2026-11-25T10:00:00Z");

	@Test
	void mapsAStartedProvisioningToProcessingAtItsFirstStep() {
		OrderStatusChanged wire = StatusEventMapping.toStatusChanged(new ProvisioningStarted(ORDER, INSTANCE, "c-1", 1,
				AT, ProvisioningStep.ALLOCATE_NODE, OrderType.CREATE));

		assertThat(wire.getStatus()).isEqualTo(OrderStatus.PROCESSING);
		assertThat(wire.getSequence()).isEqualTo(1);
		assertThat(wire.getStep()).isEqualTo("ALLOCATE_NODE");
		assertThat(wire.getOccurredAt()).isEqualTo(AT);
		assertThat(wire.getInstance()).isNull();
		assertThat(wire.getFailure()).isNull();
		assertThat(wire.getInstanceId()).isEqualTo(INSTANCE);
		assertThat(wire.getCredentials()).isNull();
		assertThat(wire.getOrderType()).isEqualTo(dev.dbaas.pipeline.events.OrderType.CREATE);
		assertThat(wire.getObserved()).isNull();
		assertThat(wire.getInstanceUsable()).isNull();
	}

	@Test
	void mapsAProvisionedDatabaseToDoneWithConnectionFactsOnly() {
		InstanceFacts facts = new InstanceFacts("db.example", 5432, new DatabaseEngine(EngineType.POSTGRESQL, "17"));

		OrderStatusChanged wire = StatusEventMapping.toStatusChanged(new DatabaseProvisioned(ORDER, INSTANCE, "c-1", 7,
				AT, ProvisioningStep.HEALTH_CHECK, facts, new SealedCredentials("key-1", "sealed.jwe"),
				new ObservedSettings("b2-4", 50, List.of("127.0.0.2/32"), null), OrderType.CREATE));

		assertThat(wire.getStatus()).isEqualTo(OrderStatus.DONE);
		assertThat(wire.getInstance().getHost()).isEqualTo("db.example");
		assertThat(wire.getInstance().getPort()).isEqualTo(5432);
		assertThat(wire.getInstance().getDatabaseType()).isEqualTo(DatabaseType.POSTGRESQL);
		assertThat(wire.getInstance().getDatabaseVersion()).isEqualTo("17");
		assertThat(wire.getInstanceId()).isEqualTo(INSTANCE);
		assertThat(wire.getCredentials().getKeyId()).isEqualTo("key-1");
		assertThat(wire.getCredentials().getSealed()).isEqualTo("sealed.jwe");
		assertThat(wire.getObserved().getNodeSize()).isEqualTo("b2-4");
		assertThat(wire.getObserved().getStorageGb()).isEqualTo(50);
		assertThat(wire.getObserved().getTrustedSources()).containsExactly("127.0.0.2/32");
		assertThat(wire.getObserved().getInterruptionMillis()).isNull();
		assertThat(wire.getOrderType()).isEqualTo(dev.dbaas.pipeline.events.OrderType.CREATE);
	}

	@Test
	void mapsAnAppliedUpdateToDoneWithTheObservedSettingsAndTheInterruption() {
		OrderStatusChanged wire = StatusEventMapping
			.toStatusChanged(new DatabaseProvisioned(ORDER, INSTANCE, "c-1", 4, AT, ProvisioningStep.VERIFY_SETTINGS,
					null, null, new ObservedSettings("b2-8", 100, List.of("127.0.0.4/32"), 812L), OrderType.UPDATE));

		assertThat(wire.getStatus()).isEqualTo(OrderStatus.DONE);
		assertThat(wire.getOrderType()).isEqualTo(dev.dbaas.pipeline.events.OrderType.UPDATE);
		assertThat(wire.getInstance()).isNull();
		assertThat(wire.getCredentials()).isNull();
		assertThat(wire.getObserved().getNodeSize()).isEqualTo("b2-8");
		assertThat(wire.getObserved().getStorageGb()).isEqualTo(100);
		assertThat(wire.getObserved().getInterruptionMillis()).isEqualTo(812L);
	}

	@Test
	void mapsAFailedChangeToFailedSayingWhetherTheInstanceIsUsable() {
		Failure failure = new Failure(FailureCode.INSTANCE_HOST_UNAVAILABLE, "Host gone.");

		OrderStatusChanged wire = StatusEventMapping.toStatusChanged(new ProvisioningFailed(ORDER, INSTANCE, "c-1", 2,
				AT, ProvisioningStep.STOP_SERVER, failure, false, OrderType.DELETE));

		assertThat(wire.getStatus()).isEqualTo(OrderStatus.FAILED);
		assertThat(wire.getOrderType()).isEqualTo(dev.dbaas.pipeline.events.OrderType.DELETE);
		assertThat(wire.getInstanceUsable()).isFalse();
		assertThat(wire.getFailure().getCode()).isEqualTo("INSTANCE_HOST_UNAVAILABLE");
	}

	@Test
	void mapsACancelledCreateToCancelled() {
		OrderStatusChanged wire = StatusEventMapping.toStatusChanged(new ProvisioningCancelled(ORDER, INSTANCE, "c-1",
				3, AT, ProvisioningStep.CONFIGURE_FIREWALL, OrderType.CREATE));

		assertThat(wire.getStatus()).isEqualTo(OrderStatus.CANCELLED);
		assertThat(wire.getOrderType()).isEqualTo(dev.dbaas.pipeline.events.OrderType.CREATE);
		assertThat(wire.getStep()).isEqualTo("CONFIGURE_FIREWALL");
		assertThat(wire.getFailure()).isNull();
		assertThat(wire.getInstance()).isNull();
	}

	@Test
	void mapsAFailureToFailedWithItsCodeAndMessage() {
		Failure failure = new Failure(FailureCode.REGION_CAPACITY_EXHAUSTED, "Region FULL-1 is full.");

		OrderStatusChanged wire = StatusEventMapping.toStatusChanged(new ProvisioningFailed(ORDER, INSTANCE, "c-1", 2,
				AT, ProvisioningStep.ALLOCATE_NODE, failure, null, OrderType.CREATE));

		assertThat(wire.getStatus()).isEqualTo(OrderStatus.FAILED);
		assertThat(wire.getFailure().getCode()).isEqualTo("REGION_CAPACITY_EXHAUSTED");
		assertThat(wire.getFailure().getMessage()).isEqualTo("Region FULL-1 is full.");
		assertThat(wire.getInstanceUsable()).isNull();
	}

	@Test
	void givesAReSentEventTheSameEventId() {
		assertThat(StatusEventMapping.eventId(ORDER, 3))
			.isEqualTo(StatusEventMapping.eventId(new OrderId("order-1"), 3))
			.isNotEqualTo(StatusEventMapping.eventId(ORDER, 4));
	}

}
