package dev.dbaas.pipeline.provisioner.provisioning.outbox;

import dev.dbaas.pipeline.provisioner.support.ProvisionerDatabase;
import dev.dbaas.pipeline.testkit.PipelineEnvironment;
import dev.dbaas.pipeline.testkit.RealInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The status outbox gauges read the real table: what the outbox alert of
 * {@code ops/prometheus/alerts.yml} sees.
 */
@RealInfrastructure
class StatusOutboxMetricsIntegrationTest {

	static JdbcClient jdbc;

	@BeforeAll
	static void migrate(PipelineEnvironment env) {
		jdbc = ProvisionerDatabase.migrated(env);
	}

	@Test
	void reportsTheBacklogAndTheAgeOfTheOldestRowNotYetRelayed() {
		MeterRegistry meters = new SimpleMeterRegistry();
		new StatusOutboxMetrics(jdbc, meters);
		assertThat(meters.get("outbox.backlog").gauge().value()).isZero();
		assertThat(meters.get("outbox.oldest.unpublished.age").gauge().value()).isZero();

		insertRow("o-1", 1, "45 seconds");
		insertRow("o-1", 2, "5 seconds");
		insertRow("o-2", 1, "0 seconds");

		MeterRegistry later = new SimpleMeterRegistry();
		new StatusOutboxMetrics(jdbc, later);
		assertThat(later.get("outbox.backlog").gauge().value()).isEqualTo(3);
		assertThat(later.get("outbox.oldest.unpublished.age").gauge().value()).isCloseTo(45, within(5.0));
	}

	private static void insertRow(String orderId, long sequence, String age) {
		jdbc.sql("""
				INSERT INTO status_outbox (order_id, sequence, payload, created_at)
				VALUES (:orderId, :sequence, '\\x00'::bytea, now() - CAST(:age AS interval))
				""").param("orderId", orderId).param("sequence", sequence).param("age", age).update();
	}

}
