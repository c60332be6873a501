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

	private Bench() {
	}

	public static void main(String[] args) {
		// One Logback configuration for all service contexts, as in the launcher.
		OneLoggingConfiguration.install();
		BenchOptions options = CommandLine.parseOrExit("bench", args, BenchOptions.USAGE, BenchOptions::parse);
		if (options == null) {
			return;
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
