package dev.dbaas.pipeline.provisioner.provisioning.workers;

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
 * The past-deadline gauges read the real job store: only PROCESSING jobs whose deadline
 * has passed count, which is what the deadline alert of {@code ops/prometheus/alerts.yml}
 * sees.
 */
@RealInfrastructure
class DeadlineMetricsIntegrationTest {

	static JdbcClient jdbc;

	@BeforeAll
	static void migrate(PipelineEnvironment env) {
		jdbc = ProvisionerDatabase.migrated(env);
	}

	@Test
	void countsProcessingJobsPastTheirDeadlineAndHowLongTheOldestIsOverdue() {
		MeterRegistry meters = new SimpleMeterRegistry();
		new DeadlineMetrics(jdbc, meters);
		assertThat(meters.get("provisioning.jobs.past.deadline").gauge().value()).isZero();
		assertThat(meters.get("provisioning.oldest.past.deadline").gauge().value()).isZero();

		insertJob("overdue-long", "PROCESSING", "-120 seconds");
		insertJob("overdue-short", "PROCESSING", "-10 seconds");
		insertJob("in-time", "PROCESSING", "30 minutes");
		insertJob("failed-long-ago", "FAILED", "-1 hour");

		MeterRegistry later = new SimpleMeterRegistry();
		new DeadlineMetrics(jdbc, later);
		assertThat(later.get("provisioning.jobs.past.deadline").gauge().value()).isEqualTo(2);
		assertThat(later.get("provisioning.oldest.past.deadline").gauge().value()).isCloseTo(120, within(5.0));
	}

	private static void insertJob(String orderId, String state, String deadlineFromNow) {
		jdbc.sql("""
				INSERT INTO provisioning_job (order_id, customer_id, database_type, database_version, node_size,
				    storage_gb, trusted_sources, region, state, step, attempt, sequence, started_at, due_at, deadline,
				    failure_code, failure_message)
				VALUES (:orderId, 'c-1', 'MARIADB', '10.11', 'b2-4', 50, ARRAY['123.123.123.123/32'], 'DE-WEST-1',
				    :state, 'INSTALL_ENGINE', 0, 4, now() - interval '1 hour', now() + interval '1 hour',
				    now() + CAST(:deadline AS interval), CAST(:failureCode AS text), CAST(:failureMessage AS text))
				""")
			.param("orderId", orderId)
			.param("state", state)
			.param("deadline", deadlineFromNow)
			.param("failureCode", "FAILED".equals(state) ? "PROVISIONING_TIMEOUT" : null)
			.param("failureMessage", "FAILED".equals(state) ? "timed out" : null)
			.update();
	}

}
