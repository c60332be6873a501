package dev.dbaas.pipeline.systemtests.faults.check;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.Yaml;

/**
 * One alerting rule of {@code ops/prometheus/alerts.yml}, as ops deploy it, so that a
 * scenario can say whether the alert would fire on what it scraped.
 *
 * @param alert the alert name
 * @param expr its PromQL expression
 * @param forDuration its {@code for} clause, or {@code null} if it fires at once
 */
public record AlertRule(String alert, String expr, @Nullable String forDuration) {

	private static final Path RULES = Path.of("..", "ops", "prometheus", "alerts.yml");

	private static final Pattern THRESHOLD = Pattern.compile(">\\s*([0-9]+(?:\\.[0-9]+)?)\\s*$");

	/**
	 * Reads a rule.
	 * @param alert the alert name
	 * @return the rule
	 * @throws IllegalStateException if the rules have no such alert
	 */
	@SuppressWarnings("unchecked")
	public static AlertRule named(String alert) {
		Map<String, Object> file;
		try (Reader reader = Files.newBufferedReader(RULES)) {
			file = new Yaml().load(reader);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + RULES.toAbsolutePath().normalize(), ex);
		}
		for (Map<String, Object> group : (List<Map<String, Object>>) file.get("groups")) {
			for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
				if (alert.equals(rule.get("alert"))) {
					Object duration = rule.get("for");
					return new AlertRule(alert, String.valueOf(rule.get("expr")).strip(),
							(duration != null) ? String.valueOf(duration) : null);
				}
			}
		}
		throw new IllegalStateException(RULES + " has no alert " + alert);
	}

	/**
	 * The threshold of an expression that ends in {@code > number}.
	 * @return the number
	 * @throws IllegalStateException if the expression does not end so
	 */
	public double threshold() {
		Matcher matcher = THRESHOLD.matcher(this.expr);
		if (!matcher.find()) {
			throw new IllegalStateException(this.alert + ": no '> threshold' at the end of " + this.expr);
		}
		return Double.parseDouble(matcher.group(1));
	}

}
