package dev.dbaas.pipeline.systemtests.faults.check;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reliability table: one row per scenario run in this JVM, written to
 * {@code target/fault-suite/report.md} after every scenario (rows of earlier runs are
 * removed when the first scenario of a run finishes).
 */
public final class ReliabilityReport {

	private static final Logger log = LoggerFactory.getLogger(ReliabilityReport.class);

	private static final String HEADER = """
			| # | scenario | orders sent | accepted (202) | lost | duplicates | 5xx (503 + Retry-After / other) | recovery | result | notes |
			|---|---|---|---|---|---|---|---|---|---|
			""";

	private static boolean cleared;

	private ReliabilityReport() {
	}

	/**
	 * One scenario's line.
	 *
	 * @param number scenario number in issue 8
	 * @param scenario what was broken
	 * @param sent distinct orders the clients placed
	 * @param accepted orders answered 202
	 * @param lost accepted orders not terminal in the view
	 * @param duplicates orders with a visible duplicate
	 * @param documented503 503 answers with Retry-After
	 * @param other5xx any other 5xx
	 * @param recovery from the end of the fault until everything accepted is terminal and
	 * the consumer lag is 0; empty if that did not happen in time
	 * @param passed whether every assertion of the scenario held
	 * @param notes what else was injected or seen
	 */
	public record Row(int number, String scenario, int sent, int accepted, int lost, int duplicates, int documented503,
			int other5xx, Optional<Duration> recovery, boolean passed, String notes) {

		String markdown() {
			String took = this.recovery.map((d) -> String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0))
				.orElse("not recovered");
			return "| %d | %s | %d | %d | %d | %d | %d / %d | %s | %s | %s |".formatted(this.number, this.scenario,
					this.sent, this.accepted, this.lost, this.duplicates, this.documented503, this.other5xx, took,
					this.passed ? "pass" : "**FAIL**", this.notes);
		}

	}

	/**
	 * Adds a row and rewrites the report.
	 * @param output the suite's output directory
	 * @param row the row
	 */
	public static synchronized void add(Path output, Row row) {
		Path rows = output.resolve("rows");
		try {
			if (!cleared) {
				if (Files.isDirectory(rows)) {
					try (Stream<Path> old = Files.list(rows)) {
						for (Path file : old.toList()) {
							Files.delete(file);
						}
					}
				}
				cleared = true;
			}
			Files.createDirectories(rows);
			Files.writeString(rows.resolve("%02d.md".formatted(row.number())), row.markdown() + "\n");
			List<String> lines = new ArrayList<>();
			try (Stream<Path> files = Files.list(rows)) {
				for (Path file : files.sorted().toList()) {
					lines.add(Files.readString(file).strip());
				}
			}
			String report = "# Fault suite report\n\n" + "Run finished at "
					+ Instant.now().truncatedTo(ChronoUnit.SECONDS) + " on "
					+ Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version")
					+ ".\n\n" + HEADER + String.join("\n", lines) + "\n";
			Files.writeString(output.resolve("report.md"), report);
			log.info("Fault suite report ({}):\n{}", output.resolve("report.md"), report);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
