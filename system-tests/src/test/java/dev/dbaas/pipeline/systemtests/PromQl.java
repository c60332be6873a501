package dev.dbaas.pipeline.systemtests;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough PromQL reading for the metric-name tests: which metric names an expression
 * selects, and which scrape jobs its {@code job} matchers name.
 */
final class PromQl {

	private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "by", "without", "on", "ignoring",
			"group_left", "group_right", "bool", "offset", "inf", "nan");

	private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");

	private static final Pattern SELECTOR = Pattern.compile("(?<![\\w.:])([a-zA-Z_:][\\w:]*)\\s*\\{([^}]*)\\}");

	private static final Pattern JOB_MATCHER = Pattern.compile("\\bjob\\s*(=~|=)\\s*\"([^\"]*)\"");

	private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.:$])([a-zA-Z_:][\\w:]*)(\\s*\\()?");

	private PromQl() {
	}

	/**
	 * The metric names an expression selects: identifiers that are not functions,
	 * aggregations, keywords, label names or inside strings.
	 * @param expression a PromQL expression
	 * @return the names, in order of appearance
	 */
	static Set<String> metricNames(String expression) {
		String text = STRING.matcher(expression).replaceAll("\"\"");
		text = text.replaceAll("\\{[^}]*\\}", " ");
		text = text.replaceAll("\\[[^\\]]*\\]", " ");
		text = text.replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
		text = text.replaceAll("\\boffset\\s+-?\\w+", " ");
		Set<String> names = new LinkedHashSet<>();
		Matcher identifier = IDENTIFIER.matcher(text);
		while (identifier.find()) {
			String name = identifier.group(1);
			boolean call = identifier.group(2) != null;
			if (!call && !KEYWORDS.contains(name.toLowerCase())) {
				names.add(name);
			}
		}
		return names;
	}

	/**
	 * The scrape jobs each selector of an expression is restricted to by an equality or a
	 * plain alternation ({@code job=~"a|b"}) matcher.
	 * @param expression a PromQL expression
	 * @return metric name to job names; metrics selected without a job matcher are absent
	 */
	static Map<String, Set<String>> jobsByMetric(String expression) {
		Map<String, Set<String>> jobs = new LinkedHashMap<>();
		Matcher selector = SELECTOR.matcher(expression);
		while (selector.find()) {
			Matcher job = JOB_MATCHER.matcher(selector.group(2));
			if (job.find()) {
				Set<String> names = jobs.computeIfAbsent(selector.group(1), (metric) -> new LinkedHashSet<>());
				names.addAll(Set.of(job.group(2).split("\\|")));
			}
		}
		return jobs;
	}

}
