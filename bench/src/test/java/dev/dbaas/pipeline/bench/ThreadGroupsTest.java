package dev.dbaas.pipeline.bench;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ThreadGroupsTest {

	private final ThreadGroups groups = ThreadGroups.forStack(35137, 39133, 40411);

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = ';', textBlock = """
			http-nio-35137-exec-12; order-intake
			http-nio-35137-Poller; order-intake
			order-writer-1; order-intake
			outbox-relay; order-intake
			kafka-producer-network-thread | order-intake-producer-1; order-intake
			http-nio-39133-exec-3; provisioner
			provisioning-worker-2; provisioner
			provisioning-claimer-1; provisioner
			status-outbox-relay; provisioner
			provisioner-order-placed-0-C-1; provisioner
			kafka-coordinator-heartbeat-thread | provisioner; provisioner
			kafka-producer-network-thread | provisioner-producer-1; provisioner
			http-nio-40411-exec-64; status-service
			status-order-placed-3-C-1; status-service
			status-order-status-5-C-1; status-service
			kafka-coordinator-heartbeat-thread | status-service; status-service
			data-plane-kafka-request-handler-7; broker
			data-plane-kafka-network-thread-1-PLAINTEXT-PLAINTEXT-2; broker
			kafka-1-raft-io-thread; broker
			quorum-controller-1-event-handler; broker
			broker-1-lifecycle-manager-event-handler; broker
			group-coordinator-event-processor-0; broker
			ExpirationReaper-1-Produce; broker
			kafka-scheduler-4; broker
			executor-Fetch; broker
			bench-http-2; bench
			bench-client-16; bench
			main; bench
			HttpClient-1-SelectorManager; bench
			kafka-admin-client-thread | bench-counters; bench
			C2 CompilerThread0; jvm
			Common-Cleaner; jvm
			ThreadPoolTaskScheduler-1; other
			scheduling-1; other
			HikariPool-2:housekeeper; other
			Thread-271; other
			kafka-producer-network-thread | producer-3; other
			http-nio-8081-exec-1; other
			http-nio-127.0.0.1-35137-exec-3; order-intake
			http-nio-127.0.0.1-39133-Poller; provisioner
			http-nio-127.0.0.1-40411-exec-9; status-service
			http-nio-127.0.0.1-140411-exec-9; other
			""")
	void groupsThreadsByTheNamesTheStackGivesThem(String threadName, String group) {
		assertThat(this.groups.of(threadName)).isEqualTo(group);
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = ';', textBlock = """
			http-nio-127.0.0.1-8081-exec-1; order-intake
			http-nio-127.0.0.1-8082-exec-2; provisioner
			http-nio-127.0.0.1-8083-exec-64; status-service
			outbox-relay; order-intake
			data-plane-kafka-request-handler-1; broker
			main; other
			portal-3; other
			http-nio-127.0.0.1-8084-exec-1; other
			HttpClient-1-SelectorManager; other
			""")
	void groupsALaunchersThreadsByTheUrlsPortsAndLeavesTheLaunchersOwnToOther(String threadName, String group) {
		ThreadGroups launcher = ThreadGroups.forLauncher(8081, 8082, 8083);

		assertThat(launcher.of(threadName)).isEqualTo(group);
		assertThat(launcher.claimsBench()).isFalse();
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = ';', nullValues = "none", textBlock = """
			C2 CompilerThre; jvm
			C1 CompilerThre; jvm
			C2 CompilerThread12; jvm
			Sweeper thread; jvm
			Service Thread; jvm
			Monitor Deflati; jvm
			GC Thread#0; gc-vm
			GC Thread#13; gc-vm
			G1 Main Marker; gc-vm
			G1 Conc#0; gc-vm
			G1 Refine#1; gc-vm
			G1 Service; gc-vm
			VM Thread; gc-vm
			VM Periodic Tas; gc-vm
			java; none
			Reference Handl; none
			Common-Cleaner; none
			http-nio-127.0.; none
			GC Thread; none
			G1; none
			C3 CompilerThre; none
			""")
	void groupsTheNativeThreadsTheThreadMxBeanDoesNotShowByTheirCutNames(String nativeName, String group) {
		assertThat(ThreadGroups.ofNative(nativeName)).isEqualTo(group);
	}

	@ParameterizedTest(name = "{0}: {1}")
	@CsvSource(delimiter = ';', textBlock = """
			http-nio-127.0.0.1-35137-exec-1; true
			http-nio-40411-Poller; true
			http-nio-127.0.0.1-39133-Acceptor; true
			http-nio-127.0.0.1-9999-exec-1; false
			status-order-status-5-C-1; false
			outbox-relay; false
			""")
	void tellsTheServicesHttpThreadsFromTheirOtherThreads(String threadName, boolean http) {
		assertThat(this.groups.isHttp(threadName)).isEqualTo(http);
	}

}
