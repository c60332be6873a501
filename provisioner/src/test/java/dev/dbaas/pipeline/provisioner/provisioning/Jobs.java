package dev.dbaas.pipeline.provisioner.provisioning;

import java.time.Instant;
import java.util.List;

/**
 * Fixtures for domain tests.
 */
final class Jobs {

	static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

	private Jobs() {
	}

	static DatabaseOrder anOrder() {
		return anOrder("order-1");
	}

	static DatabaseOrder anOrder(String orderId) {
		return new DatabaseOrder(new OrderId(orderId), instanceOf(orderId), "c-1001",
				new DatabaseEngine(EngineType.MARIADB, "10.11"), "b2-4", 50, List.of("123.123.123.123/32"),
				new Region("DE-WEST-1"));
	}

	/** A stable instance id for any order id, whether or not it is a UUID. */
	static String instanceOf(String orderId) {
		return "db-" + String.format("%016x", orderId.hashCode() & 0xffffffffL);
	}

	static InstanceFacts anInstance() {
		return new InstanceFacts("db-1.de-west-1.dbaas.internal", 3306,
				new DatabaseEngine(EngineType.MARIADB, "10.11"));
	}

	/** A job that completed every step before the health check. */
	static ProvisioningJob atHealthCheck() {
		ProvisioningJob job = ProvisioningJob.accept(anOrder(), NOW, java.time.Duration.ofMinutes(30)).job();
		while (job.step() != ProvisioningStep.HEALTH_CHECK) {
			job = job.completeStep(job.step(), null, NOW).job();
		}
		return job;
	}

}
