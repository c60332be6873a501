package dev.dbaas.pipeline.devstack;

import java.io.PrintStream;
import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * How the project's commands ({@code devstack.jar}, {@code bench.jar}) read their
 * options: {@code --help} or {@code -h} prints the usage to standard output and runs
 * nothing; options the parser refuses with an {@link IllegalArgumentException} print
 * {@code <command>: <reason>} and the usage to standard error, and the JVM exits with
 * status 2.
 */
public final class CommandLine {

	private CommandLine() {
	}

	/**
	 * Parses the options, or answers {@code --help} or a mistake.
	 * @param <T> the options type
	 * @param command the command's name in error messages, e.g. {@code devstack}
	 * @param args the arguments
	 * @param usage the usage text
	 * @param parser parses the arguments; throws {@link IllegalArgumentException} on a
	 * mistake
	 * @return the options, or {@code null} after {@code --help}
	 */
	public static <T> @Nullable T parseOrExit(String command, String[] args, String usage,
			Function<List<String>, T> parser) {
		try {
			return parse(List.of(args), usage, parser, System.out);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(command + ": " + ex.getMessage());
			System.err.println(usage);
			System.exit(2);
			return null;
		}
	}

	/**
	 * Parses the options, or prints the usage for {@code --help}.
	 * @param <T> the options type
	 * @param args the arguments
	 * @param usage the usage text
	 * @param parser parses the arguments
	 * @param out where the usage goes
	 * @return the options, or {@code null} after {@code --help}
	 * @throws IllegalArgumentException if the parser refuses the arguments
	 */
	static <T> @Nullable T parse(List<String> args, String usage, Function<List<String>, T> parser, PrintStream out) {
		if (args.contains("--help") || args.contains("-h")) {
			out.println(usage);
			return null;
		}
		return parser.apply(args);
	}

}
