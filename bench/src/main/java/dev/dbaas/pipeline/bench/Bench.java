package dev.dbaas.pipeline.bench;

import dev.dbaas.pipeline.devstack.CommandLine;
import dev.dbaas.pipeline.devstack.OneLoggingConfiguration;

/**
 * The benchmark harness's command line: {@code --help} prints the usage, options that do
 * not parse print it to standard error with exit status 2, otherwise a {@link BenchRun}
 * runs the selected scenarios against a stack (its own, or one given by URLs), prints the
 * figures beside their same-run baselines and ratios, and writes the JSON report; the
 * exit status is 1 if a scenario failed.
 */
public final class Bench {

	/** The JDK's setting of the common pool's parallelism. */
	static final String COMMON_POOL_PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

	private Bench() {
	}

	/**
	 * The JDK's HttpClient hands every answer of {@code sendAsync} to
	 * {@code CompletableFuture}'s default executor, and with a common pool of parallelism
	 * 1 (a machine with fewer than three cores) that executor starts a new thread per
	 * task: one thread per HTTP answer, most of the load generator's CPU. A parallelism
	 * of at least 2 makes it the common pool. Set only when the stack runs in another
	 * process, so that the bench's own stack runs as the launcher does; it takes effect
	 * only before anything in this JVM first uses the common pool.
	 */
	static void asyncAnswersWithoutAThreadEach() {
		if (System.getProperty(COMMON_POOL_PARALLELISM) == null && Machine.cores() < 3) {
			System.setProperty(COMMON_POOL_PARALLELISM, "2");
		}
	}

	public static void main(String[] args) {
		// One Logback configuration for all service contexts, as in the launcher.
		OneLoggingConfiguration.install();
		BenchOptions options = CommandLine.parseOrExit("bench", args, BenchOptions.USAGE, BenchOptions::parse);
		if (options == null) {
			return;
		}
		if (!options.startStack()) {
			asyncAnswersWithoutAThreadEach();
		}
		int status;
		try {
			status = new BenchRun(options, System.out).run(String.join(" ", args));
		}
		catch (Exception ex) {
			System.err.println("bench: " + ex);
			ex.printStackTrace();
			status = 1;
		}
		System.exit(status);
	}

}
