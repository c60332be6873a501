package dev.dbaas.pipeline.systemtests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's decision table must not drift from {@code docs/decisions/}: every record
 * has a row whose link names it, and every row links to a record that exists.
 */
class DecisionTableDriftTest {

	private static final Path DECISIONS = Path.of("..", "docs", "decisions");

	@Test
	void everyDecisionRecordHasARowInTheReadme() throws IOException {
		Map<String, String> linkByNumber = rowsByNumber();

		List<String> missing = new ArrayList<>();
		for (Path record : records()) {
			String file = record.getFileName().toString();
			String number = file.substring(0, 4);
			String expected = "docs/decisions/" + file;
			if (!expected.equals(linkByNumber.get(number))) {
				missing.add(number + " -> " + expected + ((linkByNumber.get(number) != null)
						? " (the README links " + linkByNumber.get(number) + ")" : " (no row)"));
			}
		}
		assertThat(missing).as("records in docs/decisions/ without a matching row in the README's decision table")
			.isEmpty();
	}

	@Test
	void everyRowLinksToARecordThatExists() throws IOException {
		MarkdownTable table = MarkdownTable.under(MarkdownTable.README, "## Design decisions");

		List<String> broken = new ArrayList<>();
		for (List<String> row : table.rows()) {
			String[] link = MarkdownTable.link(row.get(0));
			if (link.length == 0) {
				broken.add(row.get(0) + ": no link");
				continue;
			}
			Path target = Path.of("..").resolve(link[1]).normalize();
			boolean named = link[1].startsWith("docs/decisions/" + link[0] + "-") && link[1].endsWith(".md");
			if (!named || !Files.isRegularFile(target)) {
				broken.add(link[0] + " -> " + link[1]);
			}
			if (row.size() < 2 || row.get(1).isBlank()) {
				broken.add(link[0] + ": no description");
			}
		}
		assertThat(broken).as("rows of %s that name no record in docs/decisions/", table.describe()).isEmpty();
	}

	@Test
	void theTableListsEachRecordOnceInNumberOrder() throws IOException {
		List<String> numbers = MarkdownTable.under(MarkdownTable.README, "## Design decisions")
			.rows()
			.stream()
			.map((row) -> MarkdownTable.link(row.get(0)))
			.filter((link) -> link.length > 0)
			.map((link) -> link[0])
			.toList();

		assertThat(numbers).as("decision numbers in the README's table").doesNotHaveDuplicates().isSorted();
	}

	private static Map<String, String> rowsByNumber() throws IOException {
		Map<String, String> linkByNumber = new TreeMap<>();
		for (List<String> row : MarkdownTable.under(MarkdownTable.README, "## Design decisions").rows()) {
			String[] link = MarkdownTable.link(row.get(0));
			if (link.length > 0) {
				linkByNumber.put(link[0], link[1]);
			}
		}
		return linkByNumber;
	}

	private static List<Path> records() throws IOException {
		try (Stream<Path> files = Files.list(DECISIONS)) {
			List<Path> records = files.filter((file) -> file.getFileName().toString().matches("\\d{4}-.+\\.md"))
				.sorted()
				.toList();
			assertThat(records).as("decision records in %s", DECISIONS).isNotEmpty();
			return records;
		}
	}

}
