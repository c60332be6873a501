package dev.dbaas.pipeline.bench;

import java.util.Arrays;
import java.util.Optional;

/**
 * A line of Linux's {@code /proc/<pid>/stat} or {@code /proc/<pid>/task/<tid>/stat}, with
 * the numeric fields a reader asked for. The name (field 2) is the text between the first
 * {@code (} and the <em>last</em> {@code )}: a process or thread may put spaces and
 * parentheses in its name, and nothing after the name can contain a {@code )}. Field 3
 * (the state) is the first after the name. Immutable.
 */
final class StatLine {

	private final long id;

	private final String name;

	private final long[] values;

	private StatLine(long id, String name, long[] values) {
		this.id = id;
		this.name = name;
		this.values = values;
	}

	/**
	 * Parses a stat line.
	 * @param line the file's content
	 * @param fields the numbers of the numeric fields wanted, each 4 or more (as in
	 * {@code man proc}: 4 is {@code ppid}, 14 {@code utime})
	 * @return the line, or empty if it is not a stat line or one of those fields is not a
	 * number
	 */
	static Optional<StatLine> parse(String line, int... fields) {
		int open = line.indexOf('(');
		int close = line.lastIndexOf(')');
		if (open < 1 || close < open) {
			return Optional.empty();
		}
		String[] rest = line.substring(close + 1).strip().split("\\s+");
		int last = Arrays.stream(fields).max().orElse(3);
		if (rest.length < last - 2) {
			return Optional.empty();
		}
		try {
			long[] values = new long[fields.length];
			for (int i = 0; i < fields.length; i++) {
				values[i] = Long.parseLong(rest[fields[i] - 3]);
			}
			return Optional.of(new StatLine(Long.parseLong(line.substring(0, open).strip()),
					line.substring(open + 1, close), values));
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
	}

	/**
	 * The process's or thread's id (field 1).
	 * @return the id
	 */
	long id() {
		return this.id;
	}

	/**
	 * Its {@code comm} (field 2), without the parentheses.
	 * @return the name
	 */
	String name() {
		return this.name;
	}

	/**
	 * A field asked for.
	 * @param index its position among the fields given to {@link #parse}
	 * @return its value
	 */
	long value(int index) {
		return this.values[index];
	}

}
