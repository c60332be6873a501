package dev.dbaas.pipeline.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Attaches to a real second JVM (started by the test, like a launcher started next to the
 * bench) and reads its threads, as the bench does with a running launcher.
 */
class AttachedJvmTest {

	private Process launcher;

	@AfterEach
	void stopTheSecondJvm() throws InterruptedException {
		if (this.launcher != null) {
			this.launcher.destroy();
			this.launcher.waitFor();
		}
	}

	@Test
	void readsTheCpuOfEveryNamedThreadOfAnotherJvmAndGroupsItLikeTheBenchsOwn() throws Exception {
		this.launcher = startBusyJvm();
		long pid = this.launcher.pid();

		try (JvmThreads threads = AttachedJvm.connect(pid, "pid " + pid)) {
			ThreadGroups groups = ThreadGroups.forLauncher(8081, 8082, 8083);
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(threads.threadTimes().values()).anySatisfy((thread) -> {
					assertThat(thread.name()).isEqualTo("http-nio-127.0.0.1-8081-exec-1");
					assertThat(groups.of(thread.name())).isEqualTo(ThreadGroups.INTAKE);
					assertThat(thread.cpuNanos()).isPositive();
				}));
			assertThat(threads.processCpuNanos()).isPositive();
			assertThat(threads.description()).isEqualTo("pid " + pid);
		}
	}

	@Test
	@EnabledOnOs(OS.LINUX)
	void readsTheNativeThreadsTheThreadMxBeanHidesAndTheJitCompilationTimeOfAnotherJvm() throws Exception {
		this.launcher = startBusyJvm();
		long pid = this.launcher.pid();

		try (JvmThreads threads = AttachedJvm.connect(pid, "pid " + pid)) {
			assertThat(threads.readsNativeThreads()).isTrue();
			assertThat(threads.nativeThreadTimes()).isNotNull()
				.extractingFromEntries((thread) -> ThreadGroups.ofNative(thread.getValue().name()))
				.contains(ThreadGroups.JVM, ThreadGroups.GC_VM);
			assertThat(threads.threadTimes().values()).extracting(CostSample.ThreadTime::name)
				.noneMatch((name) -> name.startsWith("C2 CompilerThread") || name.startsWith("C1 CompilerThread"));
			assertThat(threads.compileMillis()).isNotNegative();
		}
	}

	@Test
	void readsTheCompileQueuesOfAnotherJvm() throws Exception {
		this.launcher = startBusyJvm();
		long pid = this.launcher.pid();

		try (JvmThreads threads = AttachedJvm.connect(pid, "pid " + pid)) {
			CompileQueue queue = threads.compileQueue();

			// started without flags: tiered, with a C1 and a C2 queue
			assertThat(queue.readsC2()).isTrue();
			assertThat(queue.c1()).isNotNegative();
			assertThat(queue.compiling()).isNotNegative();
		}
	}

	@Test
	void listsTheOtherJvmAmongTheLocalOnes() throws Exception {
		this.launcher = startBusyJvm();

		assertThat(AttachedJvm.list()).extracting(StackJvmSearch.Candidate::pid).contains(this.launcher.pid());
	}

	private static Process startBusyJvm() throws IOException {
		String java = ProcessHandle.current().info().command().orElse("java");
		Process process = new ProcessBuilder(
				List.of(java, "-cp", System.getProperty("java.class.path"), BusyJvm.class.getName()))
			.redirectErrorStream(true)
			.start();
		BufferedReader lines = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
		assertThat(lines.readLine()).isEqualTo("ready");
		return process;
	}

	/** A JVM with one busy thread named like order-intake's Tomcat worker. */
	static final class BusyJvm {

		public static void main(String[] args) throws IOException {
			Thread busy = new Thread(() -> {
				long sum = 0;
				while (!Thread.currentThread().isInterrupted()) {
					sum += System.nanoTime() % 7;
					if (sum % 1_000_000 == 0) {
						Thread.onSpinWait();
					}
				}
			}, "http-nio-127.0.0.1-8081-exec-1");
			busy.setDaemon(true);
			busy.start();
			System.out.println("ready");
			System.out.flush();
			// lives until the test closes its end of the pipe or destroys it
			while (System.in.read() >= 0) {
				Thread.onSpinWait();
			}
		}

	}

}
