package dev.dbaas.pipeline.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class NativeThreadsTest {

	/**
	 * A line as Linux wrote it for a launcher's C2 compiler thread (utime 5,400 ticks).
	 */
	private static final String C2_LINE = "9131 (C2 CompilerThre) R 9115 9115 9003 0 -1 4194368 38520 0 0 0 5400 37"
			+ " 0 0 20 0 67 0 2470813 9192128512 24683 18446744073709551615 1 1 0 0 0 0 4 0 16391 0 0 0 -1 1 0 0 0 0 0"
			+ " 0 0 0 0 0 0 0\n";

	@Test
	void readsTheNameAndTheUserAndSystemTicksOfAStatLine() {
		NativeThreads.Stat stat = NativeThreads.Stat.parse(C2_LINE).orElseThrow();

		assertThat(stat).isEqualTo(new NativeThreads.Stat(9131, "C2 CompilerThre", 5400, 37));
		assertThat(stat.cpuNanos(100)).isEqualTo(54_370_000_000L);
		assertThat(stat.cpuNanos(250)).isEqualTo(21_748_000_000L);
	}

	@Test
	void theNameEndsAtTheLastParenthesisSoThatItMayHoldSpacesAndParentheses() {
		NativeThreads.Stat stat = NativeThreads.Stat
			.parse("77 (a) b (c) d) S 1 77 77 0 -1 4194368 2 0 0 0 12 3 0 0 20 0 1 0 99 0 0")
			.orElseThrow();

		assertThat(stat.tid()).isEqualTo(77);
		assertThat(stat.name()).isEqualTo("a) b (c) d");
		assertThat(stat.userTicks()).isEqualTo(12);
		assertThat(stat.systemTicks()).isEqualTo(3);
	}

	@Test
	void anEmptyNameIsAName() {
		assertThat(NativeThreads.Stat.parse("5 () S 1 5 5 0 -1 0 0 0 0 0 7 8 0 0 20 0 1 0 9"))
			.hasValue(new NativeThreads.Stat(5, "", 7, 8));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "9131 C2 CompilerThre R 9115", "(java) S 1 2 3 4 5 6 7 8 9 10 11 12 13",
			"9131 (java) S 1 2 3 4 5 6 7 8 9 10", "9131 (java) S 1 2 3 4 5 6 7 8 9 10 x 12 13",
			"x9131 (java) S 1 2 3 4 5 6 7 8 9 10 11 12 13", "9131 )java( S 1 2 3 4 5 6 7 8 9 10 11 12 13" })
	void refusesWhatIsNotAStatLine(String line) {
		assertThat(NativeThreads.Stat.parse(line)).isEmpty();
	}

	@Test
	void readsEveryThreadOfATaskDirectoryAndSkipsOneThatEndedMeanwhile(@TempDir Path proc) throws IOException {
		Path tasks = Files.createDirectories(proc.resolve("4324").resolve("task"));
		stat(tasks, 9131, C2_LINE);
		stat(tasks, 9120, "9120 (GC Thread#0) S 9115 9115 9003 0 -1 4194368 758 0 0 0 240 11 0 0 20 0 67 0 1");
		// listed, but the thread ended before its stat was read
		Files.createDirectories(tasks.resolve("9200"));

		NativeThreads threads = new NativeThreads(tasks, 100);

		assertThat(threads.threadTimes())
			.isEqualTo(Map.of(9131L, new CostSample.ThreadTime("C2 CompilerThre", 54_370_000_000L), 9120L,
					new CostSample.ThreadTime("GC Thread#0", 2_510_000_000L)));
	}

	@Test
	void aProcessWhoseTasksCannotBeReadHasNoNativeThreads(@TempDir Path proc) {
		assertThat(NativeThreads.of(proc, 4324)).isNull();
	}

	@Test
	@EnabledOnOs(OS.LINUX)
	void readsTheCompilerAndGcThreadsOfThisJvmFromProc() {
		NativeThreads threads = NativeThreads.of(Path.of("/proc"), ProcessHandle.current().pid());

		assertThat(threads).isNotNull();
		Map<Long, CostSample.ThreadTime> times = threads.threadTimes();
		assertThat(times).isNotNull();
		assertThat(times.values()).extracting(CostSample.ThreadTime::name)
			.contains("VM Thread")
			.anyMatch((name) -> name.startsWith("C2 CompilerThre") || name.startsWith("C1 CompilerThre"))
			.allMatch((name) -> name.length() <= NativeThreads.NAME_LENGTH);
		assertThat(NativeThreads.ticksPerSecond()).isPositive();
	}

	private static void stat(Path tasks, long tid, String line) throws IOException {
		Files.writeString(Files.createDirectories(tasks.resolve(String.valueOf(tid))).resolve("stat"), line);
	}

}
