package dev.dbaas.pipeline.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * Finds the JVM of a launcher running on this machine, so that the CPU per order can be
 * split by service against it as against a stack in the bench's own JVM: the one given
 * with {@code --stack-pid}, else the one local JVM whose display name contains
 * {@value #LAUNCHER_NAME} in its command ({@link #isLauncher}). Then attaches to it
 * ({@link AttachedJvm}); any reason not to (none or several launchers, no
 * {@code jdk.attach} in this runtime, attach refused) is printed once and the bench
 * measures the stack's CPU from its Prometheus as before.
 *
 * <p>
 * Stateless and thread-safe.
 */
final class StackJvmSearch {

	/**
	 * What the launcher's display name contains ({@code devstack/target/devstack.jar}).
	 */
	static final String LAUNCHER_NAME = "devstack";

	private StackJvmSearch() {
	}

	/**
	 * A local JVM.
	 *
	 * @param pid its process id
	 * @param displayName its main class or jar and arguments, possibly empty
	 */
	record Candidate(long pid, String displayName) {

		Candidate {
			if (pid <= 0) {
				throw new IllegalArgumentException("pid must be positive, got " + pid);
			}
			displayName = (displayName != null) ? displayName : "";
		}

	}

	/**
	 * The outcome of the search.
	 *
	 * @param jvm the JVM to attach to, or {@code null} if none
	 * @param how how it was chosen, or why none was
	 */
	record Choice(@Nullable Candidate jvm, String how) {

	}

	/**
	 * Chooses the stack's JVM.
	 * @param jvms the local JVMs
	 * @param stackPid the pid of {@code --stack-pid}, or {@code 0} to search
	 * @param selfPid the bench's own pid, never chosen by the search
	 * @return the choice
	 */
	static Choice choose(List<Candidate> jvms, long stackPid, long selfPid) {
		if (stackPid > 0) {
			Candidate given = jvms.stream()
				.filter((jvm) -> jvm.pid() == stackPid)
				.findFirst()
				.orElse(new Candidate(stackPid, ""));
			return new Choice(given, "given with --stack-pid");
		}
		List<Candidate> launchers = jvms.stream()
			.filter((jvm) -> jvm.pid() != selfPid && isLauncher(jvm.displayName()))
			.toList();
		if (launchers.size() == 1) {
			return new Choice(launchers.get(0), "the one local JVM named " + LAUNCHER_NAME);
		}
		if (launchers.isEmpty()) {
			return new Choice(null, "no local JVM's display name contains " + LAUNCHER_NAME
					+ " (is the launcher on another machine?); give its pid with --stack-pid=PID");
		}
		return new Choice(null,
				String.format(Locale.ROOT, "%d local JVMs are named %s (pids %s); choose one with --stack-pid=PID",
						launchers.size(), LAUNCHER_NAME,
						launchers.stream().map((jvm) -> String.valueOf(jvm.pid())).collect(Collectors.joining(", "))));
	}

	/**
	 * Finds the stack's JVM and attaches to it.
	 * @param stackPid the pid of {@code --stack-pid}, or {@code 0} to search
	 * @param out the console: says which JVM, or why none
	 * @return the reader of its threads, or {@code null} if none (said why on
	 * {@code out})
	 */
	static @Nullable JvmThreads attach(long stackPid, PrintStream out) {
		try {
			Choice choice = choose(AttachedJvm.list(), stackPid, ProcessHandle.current().pid());
			Candidate jvm = choice.jvm();
			if (jvm == null) {
				out.println("bench: per-service CPU not measured: " + choice.how());
				return null;
			}
			String description = "pid " + jvm.pid()
					+ (jvm.displayName().isEmpty() ? "" : " (" + abbreviated(jvm.displayName()) + ")") + ", "
					+ choice.how();
			JvmThreads threads = AttachedJvm.connect(jvm.pid(), description);
			out.println("bench: stack JVM attached for per-thread CPU: " + description);
			return threads;
		}
		catch (LinkageError ex) {
			out.println("bench: per-service CPU not measured: this Java runtime has no jdk.attach module (" + ex
					+ "); run the bench on a full JDK");
		}
		catch (IOException | RuntimeException ex) {
			out.println("bench: per-service CPU not measured: attaching to the stack's JVM failed (" + ex + ")");
		}
		return null;
	}

	/**
	 * Whether a display name is the launcher's: its command (the jar or main class,
	 * before the arguments) names {@value #LAUNCHER_NAME} in its last path segment, e.g.
	 * {@code devstack/target/devstack.jar} or {@code dev.dbaas.pipeline.devstack.Main};
	 * not a JVM that only has it in a directory, such as a test JVM of the devstack
	 * module ({@code .../devstack/target/surefire/surefirebooter.jar}).
	 * @param displayName the display name
	 * @return whether it is a launcher
	 */
	static boolean isLauncher(String displayName) {
		String command = displayName.strip().split("\\s+", 2)[0];
		String lastSegment = command.substring(command.lastIndexOf('/') + 1);
		return lastSegment.contains(LAUNCHER_NAME);
	}

	private static String abbreviated(String displayName) {
		int firstSpace = displayName.indexOf(' ');
		return (firstSpace < 0) ? displayName : displayName.substring(0, firstSpace) + " ...";
	}

}
