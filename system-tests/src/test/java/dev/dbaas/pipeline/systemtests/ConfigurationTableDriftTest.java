package dev.dbaas.pipeline.systemtests;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's configuration table must not drift from the services' own defaults: every
 * documented key is in {@code <service>/src/main/resources/<service>.properties} with the
 * documented default. A row for {@code all} holds for each of the three services; a
 * default written {@code (empty)} is an empty value.
 */
class ConfigurationTableDriftTest {

	private static final List<String> SERVICES = List.of("order-intake", "provisioner", "status-service");

	@Test
	void everyDocumentedKeyHasTheDocumentedDefault() throws IOException {
		MarkdownTable table = MarkdownTable.under(MarkdownTable.README, "## Configuration");

		List<String> drift = new ArrayList<>();
		for (List<String> row : table.rows()) {
			String key = MarkdownTable.code(row.get(1));
			String documented = row.get(2).equals("(empty)") ? "" : MarkdownTable.code(row.get(2));
			if (key == null || documented == null) {
				drift.add(row + ": property and default must each be one code span (or the default (empty))");
				continue;
			}
			for (String service : services(row.get(0), drift)) {
				Properties defaults = serviceProperties(service);
				if (!defaults.containsKey(key)) {
					drift.add(service + ": " + key + " is documented but not in " + service + ".properties");
				}
				else if (!defaults.getProperty(key).equals(documented)) {
					drift.add(service + ": " + key + " is documented as '" + documented + "' but " + service
							+ ".properties has '" + defaults.getProperty(key) + "'");
				}
			}
		}
		assertThat(table.rows()).as("rows of %s", table.describe()).isNotEmpty();
		assertThat(drift).as("rows of %s that do not match the services' properties", table.describe()).isEmpty();
	}

	@Test
	void everyServiceHasRowsOfItsOwn() throws IOException {
		List<String> documented = MarkdownTable.under(MarkdownTable.README, "## Configuration")
			.rows()
			.stream()
			.map((row) -> row.get(0))
			.toList();

		assertThat(documented).as("services with rows in the README's configuration table")
			.containsAll(SERVICES)
			.allSatisfy((service) -> assertThat(service).isIn(listWithAll()));
	}

	private static List<String> services(String cell, List<String> drift) {
		if (cell.equals("all")) {
			return SERVICES;
		}
		if (!SERVICES.contains(cell)) {
			drift.add(cell + ": not a service (one of " + SERVICES + " or all)");
			return List.of();
		}
		return List.of(cell);
	}

	private static List<String> listWithAll() {
		List<String> names = new ArrayList<>(SERVICES);
		names.add("all");
		return names;
	}

	private static Properties serviceProperties(String service) throws IOException {
		Path file = Path.of("..", service, "src", "main", "resources", service + ".properties");
		assertThat(file).as("%s's defaults", service).isRegularFile();
		Properties properties = new Properties();
		try (Reader in = Files.newBufferedReader(file)) {
			properties.load(in);
		}
		return properties;
	}

}
