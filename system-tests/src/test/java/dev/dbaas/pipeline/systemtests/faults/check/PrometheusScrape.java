package dev.dbaas.pipeline.systemtests.faults.check;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * Reads one sample from a service's {@code /actuator/prometheus}.
 */
public final class PrometheusScrape {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private PrometheusScrape() {
	}

	/**
	 * The value of {@code pipeline_dead_letter_records_total} for a source topic.
	 * @param baseUrl the service's base URL
	 * @param topic the source topic
	 * @return the count, 0 if the series is not there
	 */
	public static double deadLetters(String baseUrl, String topic) {
		return sample(baseUrl, "pipeline_dead_letter_records_total", "topic=\"" + topic + "\"");
	}

	/**
	 * The value of a metric with or without labels (the first sample if there are
	 * several).
	 * @param baseUrl the service's base URL
	 * @param metric the metric name, e.g. {@code outbox_backlog}
	 * @return the value, 0 if there is no such sample
	 */
	public static double value(String baseUrl, String metric) {
		return first(baseUrl, (line) -> line.startsWith(metric + "{") || line.startsWith(metric + " "));
	}

	/**
	 * The value of the first sample of a metric whose labels contain a text.
	 * @param baseUrl the service's base URL
	 * @param metric the metric name
	 * @param label e.g. {@code topic="dbaas.order.placed.v1"}
	 * @return the value, 0 if there is no such sample
	 */
	public static double sample(String baseUrl, String metric, String label) {
		return first(baseUrl, (line) -> line.startsWith(metric + "{") && line.contains(label));
	}

	private static double first(String baseUrl, Predicate<String> sample) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/prometheus"))
			.timeout(Duration.ofSeconds(10))
			.GET()
			.build();
		try {
			String body = HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
			return body.lines()
				.filter(sample)
				.mapToDouble((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
				.findFirst()
				.orElse(0);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot scrape " + baseUrl + ": " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

}
