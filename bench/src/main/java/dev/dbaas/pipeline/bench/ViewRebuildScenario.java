package dev.dbaas.pipeline.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Rebuilds status-service's view from everything the topics hold: {@code POST
 * /actuator/rebuild} resets the consumer group and truncates the view; the replay is over
 * when the group's lag is zero.
 */
final class ViewRebuildScenario {

	private static final Pattern NUMBER_FIELD = Pattern.compile("\"(backlog|partitions)\"\\s*:\\s*(\\d+)");

	private static final Pattern GROUP = Pattern.compile("\"groupId\"\\s*:\\s*\"([^\"]+)\"");

	private ViewRebuildScenario() {
	}

	/**
	 * A finished rebuild.
	 *
	 * @param events events replayed
	 * @param elapsed from the request to zero lag
	 */
	record Rebuild(long events, Duration elapsed) {

		double perSecond() {
			return this.events / Math.max(1e-3, this.elapsed.toNanos() / 1e9);
		}

	}

	static Rebuild run(String statusUrl, String bearerToken, String bootstrapServers, Duration timeout)
			throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		long started = System.nanoTime();
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(statusUrl + "/actuator/rebuild"))
			.header("Authorization", "Bearer " + bearerToken)
			.timeout(Duration.ofSeconds(60))
			.POST(HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() / 100 != 2) {
			throw new IllegalStateException("POST /actuator/rebuild answered " + response.statusCode()
					+ " (the endpoint is off unless management.endpoint.rebuild.access=unrestricted)");
		}
		Matcher group = GROUP.matcher(response.body());
		if (!group.find()) {
			throw new IllegalStateException("Unexpected rebuild answer: " + response.body());
		}
		long backlog = 0;
		Matcher numbers = NUMBER_FIELD.matcher(response.body());
		while (numbers.find()) {
			if (numbers.group(1).equals("backlog")) {
				backlog = Long.parseLong(numbers.group(2));
			}
		}
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
			long deadline = started + timeout.toNanos();
			while (System.nanoTime() < deadline) {
				if (lag(admin, group.group(1)) == 0) {
					return new Rebuild(backlog, Duration.ofNanos(System.nanoTime() - started));
				}
				TimeUnit.MILLISECONDS.sleep(100);
			}
		}
		throw new IllegalStateException("The rebuild of " + backlog + " events did not finish within " + timeout);
	}

	private static long lag(Admin admin, String groupId) throws Exception {
		Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
			.partitionsToOffsetAndMetadata()
			.get(30, TimeUnit.SECONDS);
		if (committed.isEmpty()) {
			return Long.MAX_VALUE;
		}
		Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin
			.listOffsets(committed.keySet()
				.stream()
				.collect(Collectors.toMap(Function.identity(), (partition) -> OffsetSpec.latest())))
			.all()
			.get(30, TimeUnit.SECONDS);
		long lag = 0;
		for (Map.Entry<TopicPartition, OffsetAndMetadata> entry : committed.entrySet()) {
			long position = (entry.getValue() != null) ? entry.getValue().offset() : 0;
			lag += Math.max(0, ends.get(entry.getKey()).offset() - position);
		}
		return lag;
	}

}
