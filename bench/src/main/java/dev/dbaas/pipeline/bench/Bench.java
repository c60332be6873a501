package dev.dbaas.pipeline.bench;

import java.util.List;

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
		BenchOptions options;
		try {
			if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
				System.out.println(BenchOptions.USAGE);
				return;
			}
			options = BenchOptions.parse(List.of(args));
		}
		catch (IllegalArgumentException ex) {
			System.err.println("bench: " + ex.getMessage());
			System.err.println(BenchOptions.USAGE);
			System.exit(2);
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
