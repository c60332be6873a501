package dev.dbaas.pipeline.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class HostCpuTest {

	@TempDir
	Path proc;

	/**
	 * A stat line: pid, name, parent, and utime, stime, cutime, cstime (fields 14-17).
	 */
	private static String stat(long pid, String name, long parent, long utime, long stime, long cutime, long cstime) {
		return pid + " (" + name + ") S " + parent + " " + pid + " " + pid + " 0 -1 4194560 100 0 0 0 " + utime + " "
				+ stime + " " + cutime + " " + cstime + " 20 0 1 0 12345 200000000 5000 18446744073709551615\n";
	}

	private void process(long pid, String line) throws IOException {
		Path dir = Files.createDirectories(this.proc.resolve(String.valueOf(pid)));
		Files.writeString(dir.resolve("stat"), line);
	}

	@Test
	void theServerIsItsPostmasterItsReapedChildrenAndEveryLiveChild() throws IOException {
		process(4926, stat(4926, "postgres", 1, 50, 20, 300, 100));
		process(5058, stat(5058, "postgres", 4926, 1_000, 200, 0, 0));
		process(5059, stat(5059, "postgres", 4926, 400, 100, 7, 7));
		process(6000, stat(6000, "java", 1, 90_000, 5_000, 0, 0));
		process(6001, stat(6001, "postgres", 6000, 80, 0, 0, 0));
		Files.writeString(this.proc.resolve("stat"), "cpu  4705 356 584 3699 23 23 10 5 0 0\ncpu0 1 2 3 4 5 6 7 8\n");

		HostCpu cpu = HostCpu.read(this.proc, 5059, 100);

		// postmaster 70 + reaped 400 + children 1,200 and 500 (their own cutime is not
		// theirs to add)
		assertThat(cpu.postgresNanos()).isEqualTo(2_170 * 10_000_000L);
		// user + nice + system + irq + softirq; not idle, iowait and steal
		assertThat(cpu.machineNanos()).isEqualTo((4705 + 356 + 584 + 23 + 10) * 10_000_000L);
	}

	@Test
	void aBackendWhoseParentIsNotNamedAsItIsNotAServerOfThisMachine() throws IOException {
		process(6000, stat(6000, "java", 1, 90_000, 5_000, 0, 0));
		process(6001, stat(6001, "postgres", 6000, 80, 0, 0, 0));

		assertThat(HostCpu.postgresTicks(this.proc, 6001)).isEqualTo(-1);
		assertThat(HostCpu.postgresTicks(this.proc, 7777)).isEqualTo(-1);
		assertThat(HostCpu.read(this.proc, 6001, 100)).isEqualTo(HostCpu.NOT_READ);
	}

	@Test
	void aBackendThatEndsMovesIntoThePostmastersReapedTimeAndTheSumStaysCumulative() throws IOException {
		process(4926, stat(4926, "postgres", 1, 50, 20, 300, 100));
		process(5058, stat(5058, "postgres", 4926, 1_000, 200, 0, 0));
		process(5059, stat(5059, "postgres", 4926, 400, 100, 0, 0));
		HostCpu before = HostCpu.read(this.proc, 5059, 100);

		// 5058 used 30 ticks more, then ended and was reaped; 5059 used 10 more
		Files.delete(this.proc.resolve("5058").resolve("stat"));
		Files.delete(this.proc.resolve("5058"));
		process(4926, stat(4926, "postgres", 1, 50, 20, 300 + 1_030, 100 + 200));
		process(5059, stat(5059, "postgres", 4926, 410, 100, 0, 0));
		HostCpu after = HostCpu.read(this.proc, 5059, 100);

		assertThat(HostCpu.between(before, after, true)).isEqualTo(40 * 10_000_000.0);
		assertThat(HostCpu.between(before, after, false)).isNaN();
	}

	@Test
	void aServerThatRestartedOrWasNotReadIsNotMeasured() {
		assertThat(HostCpu.between(new HostCpu(5_000, 10), new HostCpu(4_000, 20), true)).isNaN();
		assertThat(HostCpu.between(new HostCpu(5_000, 10), new HostCpu(4_000, 20), false)).isEqualTo(10.0);
		assertThat(HostCpu.between(null, new HostCpu(4_000, 20), false)).isNaN();
		assertThat(HostCpu.between(HostCpu.NOT_READ, new HostCpu(4_000, 20), true)).isNaN();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "cpu0 1 2 3 4 5 6 7 8", "cpu 1 2 3", "cpu 1 2 3 4 5 6 x 8", "intr 1 2 3 4 5 6 7 8" })
	void refusesWhatIsNotTheCpuLine(String line) {
		assertThat(HostCpu.busyTicks(line)).isEqualTo(-1);
	}

	@Test
	void parsesTheFieldsItNeedsOfAStatLine() {
		assertThat(HostCpu.ProcStat.parse(stat(42, "post (gres)", 7, 1, 2, 3, 4)))
			.hasValue(new HostCpu.ProcStat("post (gres)", 7, 1, 2, 3, 4));
		assertThat(HostCpu.ProcStat.parse("42 (x) S 7 1 2 3")).isEmpty();
	}

	@Test
	@EnabledOnOs(OS.LINUX)
	void theMachinesBusyTimeGrowsWhileThisJvmWorks() {
		long before = HostCpu.machineTicks(Path.of("/proc"));
		long until = System.nanoTime() + 300_000_000L;
		long spin = 0;
		while (System.nanoTime() < until) {
			spin += Long.numberOfTrailingZeros(spin + System.nanoTime());
		}
		long after = HostCpu.machineTicks(Path.of("/proc"));

		assertThat(spin).isPositive();
		assertThat(before).isPositive();
		// 300 ms of one core, in 10 ms ticks, less what the scheduler rounds away
		assertThat(after - before).isGreaterThanOrEqualTo(15);
	}

}
