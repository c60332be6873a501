package dev.dbaas.pipeline.systemtests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The first table under a heading of a Markdown file, as rows of trimmed cells (header
 * and separator left out). Fails the calling test when the heading or the table is
 * missing, so that a renamed section cannot make a drift test pass on nothing.
 */
final class MarkdownTable {

	static final Path README = Path.of("..", "README.md");

	private static final Pattern LINK = Pattern.compile("\\[([^\\]]*)\\]\\(([^)]*)\\)");

	private static final Pattern CODE = Pattern.compile("^`([^`]*)`$");

	private final Path file;

	private final String heading;

	private final List<List<String>> rows;

	private MarkdownTable(Path file, String heading, List<List<String>> rows) {
		this.file = file;
		this.heading = heading;
		this.rows = rows;
	}

	static MarkdownTable under(Path file, String heading) throws IOException {
		List<String> lines = Files.readAllLines(file);
		int start = lines.indexOf(heading);
		assertThat(start).as("%s has a section %s", file, heading).isNotNegative();
		List<List<String>> rows = new ArrayList<>();
		boolean inTable = false;
		for (int i = start + 1; i < lines.size(); i++) {
			String line = lines.get(i).strip();
			if (line.startsWith("#")) {
				break;
			}
			if (line.startsWith("|")) {
				inTable = true;
				rows.add(cells(line));
			}
			else if (inTable) {
				break;
			}
		}
		assertThat(rows).as("%s: a table under %s, with a header, a separator and rows", file, heading)
			.hasSizeGreaterThan(2);
		return new MarkdownTable(file, heading, List.copyOf(rows.subList(2, rows.size())));
	}

	List<List<String>> rows() {
		return this.rows;
	}

	String describe() {
		return this.file + " (" + this.heading + ")";
	}

	/**
	 * The link of a cell such as {@code [0001](docs/decisions/0001-x.md)}: text and
	 * target.
	 */
	static String[] link(String cell) {
		Matcher matcher = LINK.matcher(cell);
		return matcher.find() ? new String[] { matcher.group(1), matcher.group(2) } : new String[0];
	}

	/**
	 * The text of a cell that is one code span, such as {@code `24h`}; null otherwise.
	 */
	static String code(String cell) {
		Matcher matcher = CODE.matcher(cell);
		return matcher.matches() ? matcher.group(1) : null;
	}

	private static List<String> cells(String line) {
		String inner = line.substring(1, line.endsWith("|") ? line.length() - 1 : line.length());
		return Arrays.stream(inner.split("(?<!\\\\)\\|", -1)).map(String::strip).toList();
	}

}
