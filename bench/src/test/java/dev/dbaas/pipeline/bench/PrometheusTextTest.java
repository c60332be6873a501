package dev.dbaas.pipeline.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PrometheusTextTest {

	private static final String TEXT = """
			# HELP outbox_backlog Events not yet relayed
			# TYPE outbox_backlog gauge
			outbox_backlog{application="provisioner"} 12.0
			outbox_backlog_seconds{application="provisioner"} 99.0
			process_cpu_time_seconds_total 41.5
			status_orders{status="NEW"} 3.0
			status_orders{status="PROCESSING"} 4.0
			status_orders{status="DONE"} 900.0
			""";

	@Test
	void sumsEverySampleOfOneMetricOnly() {
		assertThat(PrometheusText.sum(TEXT, "outbox_backlog", null)).isEqualTo(12.0);
		assertThat(PrometheusText.sum(TEXT, "process_cpu_time_seconds_total", null)).isEqualTo(41.5);
		assertThat(PrometheusText.sum(TEXT, "status_orders", null)).isEqualTo(907.0);
	}

	@Test
	void filtersByLabel() {
		assertThat(PrometheusText.sum(TEXT, "status_orders", "status=\"PROCESSING\"")).isEqualTo(4.0);
	}

	@Test
	void aMissingMetricIsNotANumber() {
		assertThat(PrometheusText.sum(TEXT, "provisioning_in_flight", null)).isNaN();
	}

}
