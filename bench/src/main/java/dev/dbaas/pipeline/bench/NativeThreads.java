package dev.dbaas.pipeline.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * The CPU time of every native thread of a process on Linux, Java or not, from
 * {@code /proc/<pid>/task/<tid>/stat}: what the {@code ThreadMXBean} cannot show, the
 * JVM's GC and VM threads (they are not Java threads) and the threads it hides from it
 * (the JIT's compiler threads, the {@code Service Thread}). Each thread's name is its
 * {@code comm}, which Linux cuts to {@value #NAME_LENGTH} characters
 * ({@code C2 CompilerThre}, {@code VM Periodic Tas}); {@link ThreadGroups#ofNative} says
 * which of them the bench counts.
 *
 * <p>
 * Immutable and thread-safe; every call reads {@code /proc} anew.
 */
final class NativeThreads {

	/**
	 * Linux keeps this many characters of a thread's name ({@code TASK_COMM_LEN - 1}).
	 */
	static final int NAME_LENGTH = 15;

	/**
	 * Clock ticks per second when {@code getconf CLK_TCK} cannot say: Linux reports
	 * {@code /proc} times in {@code USER_HZ}, which is 100 on every architecture a JVM of
	 * the launcher runs on (x86, arm64); only some old ones (alpha, ia64) differ.
	 */
	static final long DEFAULT_TICKS_PER_SECOND = 100;

	private final Path tasks;

	private final long ticksPerSecond;

	/**
	 * @param tasks the process's {@code task} directory, e.g. {@code /proc/4324/task}
	 * @param ticksPerSecond the kernel's clock ticks per second ({@code USER_HZ})
	 */
	NativeThreads(Path tasks, long ticksPerSecond) {
		if (ticksPerSecond <= 0) {
			throw new IllegalArgumentException("Clock ticks per second must be positive, got " + ticksPerSecond);
		}
		this.tasks = tasks;
		this.ticksPerSecond = ticksPerSecond;
	}

	/**
	 * The native threads of a process, if this machine shows them.
	 * @param proc where {@code /proc} is mounted
	 * @param pid the process
	 * @return the reader, or {@code null} if {@code <proc>/<pid>/task} cannot be read
	 * (not Linux, another user's process behind {@code hidepid}, the process gone)
	 */
	static @Nullable NativeThreads of(Path proc, long pid) {
		Path tasks = proc.resolve(String.valueOf(pid)).resolve("task");
		if (!Files.isDirectory(tasks) || !Files.isReadable(tasks)) {
			return null;
		}
		NativeThreads threads = new NativeThreads(tasks, ticksPerSecond());
		return (threads.threadTimes() != null) ? threads : null;
	}

	/**
	 * Every thread's CPU time now. A thread that ends while it is read is left out.
	 * @return by thread id (the kernel's tid), or {@code null} if the task directory
	 * cannot be listed any more
	 */
	@Nullable Map<Long, CostSample.ThreadTime> threadTimes() {
		Map<Long, CostSample.ThreadTime> times = new HashMap<>();
		try (Stream<Path> threads = Files.list(this.tasks)) {
			for (Path thread : (Iterable<Path>) threads::iterator) {
				read(thread).ifPresent((stat) -> times.put(stat.tid(),
						new CostSample.ThreadTime(stat.name(), stat.cpuNanos(this.ticksPerSecond))));
			}
		}
		catch (IOException | UncheckedIOException ex) {
			return null;
		}
		return times;
	}

	private static Optional<Stat> read(Path thread) {
		try {
			return Stat.parse(Files.readString(thread.resolve("stat"), StandardCharsets.UTF_8));
		}
		catch (IOException | UncheckedIOException ex) {
			// the thread ended since the directory was listed (NoSuchFileException)
			return Optional.empty();
		}
	}

	/**
	 * The kernel's clock ticks per second, from {@code getconf CLK_TCK} (the JDK has no
	 * API for {@code sysconf(_SC_CLK_TCK)}).
	 * @return the ticks, or {@value #DEFAULT_TICKS_PER_SECOND} if {@code getconf} does
	 * not answer with a positive number within 5 s
	 */
	static long ticksPerSecond() {
		try {
			Process getconf = new ProcessBuilder(List.of("getconf", "CLK_TCK")).redirectErrorStream(true).start();
			try (BufferedReader out = new BufferedReader(
					new InputStreamReader(getconf.getInputStream(), StandardCharsets.UTF_8))) {
				String line = out.readLine();
				if (getconf.waitFor(5, TimeUnit.SECONDS) && getconf.exitValue() == 0 && line != null
						&& line.strip().matches("\\d+")) {
					long ticks = Long.parseLong(line.strip());
					return (ticks > 0) ? ticks : DEFAULT_TICKS_PER_SECOND;
				}
			}
			finally {
				getconf.destroy();
			}
		}
		catch (IOException | RuntimeException ex) {
			// no getconf on this machine: Linux's USER_HZ is 100
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return DEFAULT_TICKS_PER_SECOND;
	}

	/**
	 * One line of {@code /proc/<pid>/task/<tid>/stat}.
	 *
	 * @param tid the thread's id (field 1)
	 * @param name its {@code comm} (field 2, without the parentheses), at most
	 * {@value #NAME_LENGTH} characters
	 * @param userTicks CPU time in user mode, clock ticks ({@code utime}, field 14)
	 * @param systemTicks CPU time in kernel mode, clock ticks ({@code stime}, field 15)
	 */
	record Stat(long tid, String name, long userTicks, long systemTicks) {

		/**
		 * Parses a stat line ({@link StatLine}).
		 * @param line the file's content
		 * @return the fields, or empty if the line is not a stat line
		 */
		static Optional<Stat> parse(String line) {
			return StatLine.parse(line, 14, 15)
				.map((stat) -> new Stat(stat.id(), stat.name(), stat.value(0), stat.value(1)));
		}

		/**
		 * The thread's CPU time.
		 * @param ticksPerSecond the kernel's clock ticks per second
		 * @return user plus kernel time, nanoseconds
		 */
		long cpuNanos(long ticksPerSecond) {
			return (this.userTicks + this.systemTicks) * 1_000_000_000L / ticksPerSecond;
		}

	}

}
