package dev.dbaas.pipeline.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * The CPU the machine spent outside the stack's JVM, from Linux's {@code /proc}: the
 * PostgreSQL server's processes and the whole machine. The JVM's counters say nothing of
 * either, and on a small machine the database server's share of the cores is what the
 * JVM's figures leave unexplained.
 * <ul>
 * <li>the PostgreSQL server: its postmaster (the parent of a backend of the bench's own
 * connection, {@code pg_backend_pid()}), its own CPU, the CPU of the children it has
 * reaped ({@code cutime}, {@code cstime}: backends and workers that ended) and that of
 * every live child. A backend that ends between two readings moves from the live children
 * into {@code cutime}, so the sum stays cumulative. Only when the server runs on this
 * machine, in the bench's PID namespace, and the postmaster's process is the backend's
 * parent;</li>
 * <li>the machine: every CPU's busy time in the first line of {@code /proc/stat}
 * ({@code user}, {@code nice}, {@code system}, {@code irq}, {@code softirq}; not
 * {@code idle}, {@code iowait} and {@code steal}, the time a hypervisor gave to other
 * machines), whatever runs.</li>
 * </ul>
 * Times come in clock ticks ({@code USER_HZ}, 10 ms on Linux). Immutable and thread-safe;
 * every read reads {@code /proc} anew.
 *
 * @param postgresNanos CPU of the PostgreSQL server's processes so far, or {@code -1}
 * when not read
 * @param machineNanos busy CPU of the whole machine, summed over its CPUs, or {@code -1}
 * when not read
 */
record HostCpu(long postgresNanos, long machineNanos) {

	/** Neither read. */
	static final HostCpu NOT_READ = new HostCpu(-1, -1);

	/**
	 * Reads both now.
	 * @param proc where {@code /proc} is mounted
	 * @param backendPid the process of one of the PostgreSQL server's backends, as the
	 * server reports it, or {@code -1} when not known
	 * @param ticksPerSecond the kernel's clock ticks per second
	 * @return the reading; a part that cannot be read is {@code -1}
	 */
	static HostCpu read(Path proc, long backendPid, long ticksPerSecond) {
		long postgres = (backendPid > 0) ? postgresTicks(proc, backendPid) : -1;
		long machine = machineTicks(proc);
		return new HostCpu((postgres >= 0) ? postgres * 1_000_000_000L / ticksPerSecond : -1,
				(machine >= 0) ? machine * 1_000_000_000L / ticksPerSecond : -1);
	}

	/**
	 * The PostgreSQL server's CPU in ticks: its postmaster's own and reaped children's,
	 * and every live child's.
	 * @return ticks, or {@code -1} if the backend, its parent or the process list cannot
	 * be read, or the parent is not named as the backend is
	 */
	static long postgresTicks(Path proc, long backendPid) {
		Optional<ProcStat> backend = ProcStat.of(proc.resolve(String.valueOf(backendPid)));
		if (backend.isEmpty()) {
			return -1;
		}
		long postmasterPid = backend.get().parentPid();
		Optional<ProcStat> postmaster = ProcStat.of(proc.resolve(String.valueOf(postmasterPid)));
		if (postmaster.isEmpty() || !postmaster.get().name().equals(backend.get().name())) {
			return -1;
		}
		long ticks = postmaster.get().ownTicks() + postmaster.get().reapedChildrenTicks();
		try (Stream<Path> processes = Files.list(proc)) {
			for (Path process : (Iterable<Path>) processes::iterator) {
				String pid = process.getFileName().toString();
				if (pid.chars().allMatch(Character::isDigit) && !pid.equals(String.valueOf(postmasterPid))) {
					Optional<ProcStat> child = ProcStat.of(process);
					if (child.isPresent() && child.get().parentPid() == postmasterPid) {
						ticks += child.get().ownTicks();
					}
				}
			}
		}
		catch (IOException | UncheckedIOException ex) {
			return -1;
		}
		return ticks;
	}

	/**
	 * The machine's busy time in ticks, from the first line of {@code /proc/stat}.
	 * @return ticks, or {@code -1} if it cannot be read
	 */
	static long machineTicks(Path proc) {
		try (Stream<String> lines = Files.lines(proc.resolve("stat"), StandardCharsets.US_ASCII)) {
			return lines.findFirst().map(HostCpu::busyTicks).orElse(-1L);
		}
		catch (IOException | UncheckedIOException ex) {
			return -1;
		}
	}

	/**
	 * The busy ticks of the {@code cpu} line of {@code /proc/stat}: {@code user},
	 * {@code nice}, {@code system}, {@code irq} and {@code softirq} (fields 1, 2, 3, 6,
	 * 7; {@code guest} is already in {@code user}).
	 * @param line e.g. {@code cpu  4705 356 584 3699 23 23 0 0 0 0}
	 * @return ticks, or {@code -1} if the line is not the {@code cpu} line
	 */
	static long busyTicks(String line) {
		String[] fields = line.strip().split("\\s+");
		if (fields.length < 9 || !fields[0].equals("cpu")) {
			return -1;
		}
		try {
			long busy = 0;
			for (int field : new int[] { 1, 2, 3, 6, 7 }) {
				busy += Long.parseLong(fields[field]);
			}
			return busy;
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	/**
	 * What the bench needs of {@code /proc/<pid>/stat}.
	 *
	 * @param name the process's {@code comm}
	 * @param parentPid its parent ({@code ppid}, field 4)
	 * @param userTicks {@code utime} (field 14)
	 * @param systemTicks {@code stime} (field 15)
	 * @param childUserTicks {@code cutime} (field 16): children waited for
	 * @param childSystemTicks {@code cstime} (field 17)
	 */
	record ProcStat(String name, long parentPid, long userTicks, long systemTicks, long childUserTicks,
			long childSystemTicks) {

		static Optional<ProcStat> of(Path process) {
			try {
				return parse(Files.readString(process.resolve("stat"), StandardCharsets.UTF_8));
			}
			catch (IOException | UncheckedIOException ex) {
				// not there, or ended since the directory was listed
				return Optional.empty();
			}
		}

		/**
		 * Parses a stat line ({@link StatLine}).
		 * @param line the file's content
		 * @return the fields, or empty if the line is not a stat line
		 */
		static Optional<ProcStat> parse(String line) {
			return StatLine.parse(line, 4, 14, 15, 16, 17)
				.map((stat) -> new ProcStat(stat.name(), stat.value(0), stat.value(1), stat.value(2), stat.value(3),
						stat.value(4)));
		}

		long ownTicks() {
			return this.userTicks + this.systemTicks;
		}

		long reapedChildrenTicks() {
			return this.childUserTicks + this.childSystemTicks;
		}

	}

	/**
	 * The difference of a part between two readings.
	 * @param before the start, or {@code null}
	 * @param after the end, or {@code null}
	 * @param postgres the server's part if {@code true}, else the machine's
	 * @return nanoseconds, or {@code NaN} if not read at both ends or gone backwards (the
	 * server restarted)
	 */
	static double between(@Nullable HostCpu before, @Nullable HostCpu after, boolean postgres) {
		if (before == null || after == null) {
			return Double.NaN;
		}
		long start = postgres ? before.postgresNanos() : before.machineNanos();
		long end = postgres ? after.postgresNanos() : after.machineNanos();
		return (start >= 0 && end >= start) ? end - start : Double.NaN;
	}

}
