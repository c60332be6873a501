package dev.dbaas.pipeline.tail;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The options of one command line, read by the rules every command of the tool shares:
 * options are {@code --name=value} or {@code --name value}, flags take no value, an
 * option given twice is an error unless it may be repeated. Immutable.
 */
public final class CommandLine {

	private final Map<String, List<String>> values;

	private final Set<String> flags;

	private CommandLine(Map<String, List<String>> values, Set<String> flags) {
		this.values = values;
		this.flags = flags;
	}

	/**
	 * Reads a command line.
	 * @param args the arguments
	 * @param valueOptions names (without {@code --}) of the options that take a value
	 * @param repeatable those of them that may be given more than once
	 * @param flagOptions names of the options that take no value
	 * @return the options given
	 * @throws BadArguments naming the first problem
	 */
	public static CommandLine parse(List<String> args, Set<String> valueOptions, Set<String> repeatable,
			Set<String> flagOptions) {
		Map<String, List<String>> values = new LinkedHashMap<>();
		Set<String> flags = new LinkedHashSet<>();
		for (int i = 0; i < args.size(); i++) {
			String arg = args.get(i);
			if (!arg.startsWith("--") || arg.length() == 2) {
				throw new BadArguments("unexpected argument '" + arg + "'; options start with --");
			}
			int equals = arg.indexOf('=');
			String name = (equals < 0) ? arg.substring(2) : arg.substring(2, equals);
			if (flagOptions.contains(name)) {
				if (equals >= 0) {
					throw new BadArguments("--" + name + " takes no value");
				}
				flags.add(name);
				continue;
			}
			if (!valueOptions.contains(name)) {
				throw new BadArguments("unknown option --" + name);
			}
			String value;
			if (equals >= 0) {
				value = arg.substring(equals + 1);
			}
			else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
				value = args.get(++i);
			}
			else {
				throw new BadArguments("--" + name + " needs a value");
			}
			if (value.isBlank()) {
				throw new BadArguments("--" + name + " needs a value");
			}
			List<String> given = values.computeIfAbsent(name, (key) -> new ArrayList<>());
			if (!given.isEmpty() && !repeatable.contains(name)) {
				throw new BadArguments("--" + name + " is given more than once");
			}
			given.add(value.trim());
		}
		return new CommandLine(values, flags);
	}

	/**
	 * The value of an option that is given at most once.
	 * @param name the option's name, without {@code --}
	 * @return its value, or {@code null} if it is not given
	 */
	public @Nullable String value(String name) {
		List<String> given = this.values.get(name);
		return (given != null) ? given.get(0) : null;
	}

	/**
	 * The value of an option, or a default.
	 * @param name the option's name, without {@code --}
	 * @param fallback the default
	 * @return its value, or the default if it is not given
	 */
	public String value(String name, String fallback) {
		String value = value(name);
		return (value != null) ? value : fallback;
	}

	/**
	 * Every value of a repeatable option, in the order given.
	 * @param name the option's name, without {@code --}
	 * @return the values; empty if the option is not given
	 */
	public List<String> values(String name) {
		return List.copyOf(this.values.getOrDefault(name, List.of()));
	}

	/**
	 * Whether a flag is given.
	 * @param name the flag's name, without {@code --}
	 * @return {@code true} if it is on the command line
	 */
	public boolean flag(String name) {
		return this.flags.contains(name);
	}

}
