package dev.dbaas.pipeline.systemtests;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.Yaml;

/**
 * The alert rules of {@code ops/prometheus/alerts.yml} and their promtool tests, as the
 * tests of this module read them.
 */
final class AlertRules {

	static final Path RULES = Path.of("..", "ops", "prometheus", "alerts.yml");

	static final Path RULE_TESTS = Path.of("..", "ops", "prometheus", "alerts.test.yml");

	static final Path RUNBOOK = Path.of("..", "docs", "runbook.md");

	static final Path DASHBOARD = Path.of("..", "ops", "grafana", "pipeline.json");

	private AlertRules() {
	}

	/**
	 * Every alerting rule of every group.
	 * @return the rules, in file order
	 */
	@SuppressWarnings("unchecked")
	static List<Rule> load() {
		Map<String, Object> file = yaml(RULES);
		List<Rule> rules = new ArrayList<>();
		for (Map<String, Object> group : (List<Map<String, Object>>) file.get("groups")) {
			for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
				if (rule.containsKey("alert")) {
					rules.add(new Rule((String) rule.get("alert"), (String) rule.get("expr"),
							(Map<String, String>) rule.getOrDefault("labels", Map.of()),
							(Map<String, String>) rule.getOrDefault("annotations", Map.of())));
				}
			}
		}
		return rules;
	}

	static Map<String, Object> yaml(Path path) {
		try (Reader reader = Files.newBufferedReader(path)) {
			return new Yaml().load(reader);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read " + path.toAbsolutePath().normalize(), ex);
		}
	}

	/**
	 * One alerting rule.
	 *
	 * @param alert the alert name
	 * @param expr its PromQL expression
	 * @param labels its labels
	 * @param annotations its annotations
	 */
	record Rule(String alert, String expr, Map<String, String> labels, Map<String, String> annotations) {

	}

}
