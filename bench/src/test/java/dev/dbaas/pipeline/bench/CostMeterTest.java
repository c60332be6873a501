package dev.dbaas.pipeline.bench;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CostMeterTest {

	@Test
	void theBacklogIsGoneWhenEveryPartReadIsZero() {
		assertThat(new CostMeter.Backlog(0, 0, 0, 0).gone()).isTrue();
		// outboxes and jobs unknown (no Prometheus): the view and the lag decide
		assertThat(new CostMeter.Backlog(0, 0, -1, -1).gone()).isTrue();
	}

	@Test
	void theBacklogIsNotGoneWhileAnyPartHasWorkOrTheViewIsUnknown() {
		assertThat(new CostMeter.Backlog(1, 0, 0, 0).gone()).isFalse();
		assertThat(new CostMeter.Backlog(0, 318, 0, 0).gone()).isFalse();
		assertThat(new CostMeter.Backlog(0, 0, 42, 0).gone()).isFalse();
		assertThat(new CostMeter.Backlog(0, 0, 0, 20).gone()).isFalse();
		assertThat(new CostMeter.Backlog(-1, 0, 0, 0).gone()).isFalse();
	}

	@Test
	void saysWhichPartsAreUnknown() {
		assertThat(new CostMeter.Backlog(-1, 1_200, 0, -1))
			.hasToString("view unknown, consumer lag 1,200, outbox 0, provisioning in flight unknown");
	}

	@Test
	void readsTheProcessCpuAsMicrometerExposesIt() {
		assertThat(CostMeter.cpuSeconds("process_cpu_time_ns_total 1.2638E11\nprocess_start_time_seconds 1.7E9\n"))
			.isEqualTo(126.38);
		assertThat(CostMeter.cpuSeconds("process_cpu_time_seconds_total 12.5\n")).isEqualTo(12.5);
		assertThat(CostMeter.cpuSeconds("jvm_threads_live_threads 300\n")).isNaN();
	}

	@Test
	void anAttachedJvmServesTheUrlsOnlyIfOneOfItsTomcatThreadsIsOnTheirPorts() {
		ThreadGroups rules = ThreadGroups.forLauncher(8081, 8082, 8083);

		assertThat(CostMeter.servesTheUrls(List.of(new CostSample.ThreadTime("main", 1),
				new CostSample.ThreadTime("http-nio-127.0.0.1-8083-Poller", 1)), rules))
			.isTrue();
		assertThat(
				CostMeter.servesTheUrls(List.of(new CostSample.ThreadTime("http-nio-127.0.0.1-9081-Poller", 1)), rules))
			.isFalse();
	}

}
