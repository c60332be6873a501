package dev.dbaas.pipeline.systemtests;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The alert rules are complete: each has a severity, a summary, a description and a
 * runbook section, and promtool tests in which it fires and does not fire. promtool
 * itself runs them in CI; this test keeps the files in step with each other.
 */
class AlertRulesTest {

	static Stream<AlertRules.Rule> rules() {
		return AlertRules.load().stream();
	}

	@Test
	void coversTheAlertsOfTheIssues() {
		assertThat(rules().map(AlertRules.Rule::alert)).containsExactlyInAnyOrder("PipelineFailedOrderRatioHigh",
				"PipelineOrderProcessingPastDeadline", "PipelineOutboxRowUnpublished", "PipelineConsumerLagHigh",
				"PipelineDeadLetterRecords", "PipelineServiceDown", "PipelineInstanceChangeLeftUnusable",
				"PipelineInstanceChangeFailed", "PipelineInstanceChangeStuck");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("rules")
	void hasASeverityASummaryADescriptionAndARunbookSection(AlertRules.Rule rule) throws IOException {
		assertThat(rule.labels().get("severity")).isIn("critical", "warning");
		assertThat(rule.annotations().get("summary")).isNotBlank();
		assertThat(rule.annotations().get("description")).isNotBlank();
		assertThat(rule.annotations().get("runbook_url")).isEqualTo("docs/runbook.md#" + rule.alert().toLowerCase());
		assertThat(Files.readAllLines(AlertRules.RUNBOOK)).as("docs/runbook.md has a section for the alert")
			.contains("## " + rule.alert());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("rules")
	@SuppressWarnings("unchecked")
	void hasPromtoolCasesWhereItFiresAndWhereItDoesNot(AlertRules.Rule rule) {
		List<Map<String, Object>> cases = ((List<Map<String, Object>>) AlertRules.yaml(AlertRules.RULE_TESTS)
			.get("tests")).stream()
			.flatMap((test) -> ((List<Map<String, Object>>) test.getOrDefault("alert_rule_test", List.of())).stream())
			.filter((check) -> rule.alert().equals(check.get("alertname")))
			.toList();

		assertThat(cases).as("a case where %s fires", rule.alert())
			.anySatisfy((check) -> assertThat((List<?>) check.get("exp_alerts")).isNotEmpty());
		assertThat(cases).as("a case where %s does not fire", rule.alert())
			.anySatisfy((check) -> assertThat((List<?>) check.get("exp_alerts")).isEmpty());
	}

	@Test
	void readsMetricNamesOutOfExpressions() {
		assertThat(PromQl.metricNames("""
				sum by (job, group, topic) (
				  label_replace(kafka_consumer_fetch_manager_records_lag{job=~"a|b",topic=~".*[.].*"},
				    "group", "$1", "client_id", "consumer-(.+)-[0-9]+")
				) > 1e3
				""")).containsExactly("kafka_consumer_fetch_manager_records_lag");
		assertThat(PromQl.metricNames(
				"(sum by (job, topic) (x_total unless x_total offset 10m) > 0) or absent(up{job=\"a\"}) or on() vector(1)"))
			.containsExactly("x_total", "up");
		assertThat(
				PromQl.metricNames("histogram_quantile(0.99, sum by (le) (rate(a_seconds_bucket[$__rate_interval])))"))
			.containsExactly("a_seconds_bucket");
		assertThat(PromQl.jobsByMetric("max by (job) (a{job=~\"order-intake|provisioner\"}) > b{job=\"x\"} + c"))
			.isEqualTo(Map.of("a", Set.of("order-intake", "provisioner"), "b", Set.of("x")));
	}

}
