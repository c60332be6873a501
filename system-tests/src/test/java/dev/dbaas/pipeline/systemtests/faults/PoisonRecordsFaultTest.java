package dev.dbaas.pipeline.systemtests.faults;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import dev.dbaas.pipeline.schemas.AvroEventSerializer;
import dev.dbaas.pipeline.schemas.Topics;
import dev.dbaas.pipeline.systemtests.faults.check.PrometheusScrape;
import dev.dbaas.pipeline.systemtests.faults.check.ScenarioRun;
import dev.dbaas.pipeline.systemtests.faults.check.TopicRecords;
import dev.dbaas.pipeline.systemtests.faults.load.LoadStats;
import dev.dbaas.pipeline.systemtests.faults.load.OrderLoad;
import dev.dbaas.pipeline.systemtests.faults.stack.FaultStack;
import dev.dbaas.pipeline.systemtests.faults.stack.Service;
import dev.dbaas.pipeline.testkit.Events;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;

/**
 * Scenario 6: undecodable records on both consumed topics, in the middle of a steady flow
 * of orders, go to the dead-letter topics, are counted in
 * {@code pipeline_dead_letter_records_total}, and stop nothing.
 */
@Tag("profile-only")
class PoisonRecordsFaultTest {

	@Test
	void poisonRecordsGoToTheDeadLetterTopicsWhileEveryOrderStillCompletes() {
		FaultStack stack = FaultStack.shared();
		ScenarioRun run = new ScenarioRun(6, "Poison records on every consumed topic", stack);
		String provisioner = stack.instance(Service.PROVISIONER).baseUrl();
		String status = stack.instance(Service.STATUS_SERVICE).baseUrl();
		String placed = Topics.ORDER_PLACED.name();
		String statusTopic = Topics.ORDER_STATUS.name();
		double provisionerPlacedBefore = PrometheusScrape.deadLetters(provisioner, placed);
		double statusPlacedBefore = PrometheusScrape.deadLetters(status, placed);
		double statusStatusBefore = PrometheusScrape.deadLetters(status, statusTopic);
		int placedDltBefore = TopicRecords.readAll(stack.bootstrapServers(), Topics.ORDER_PLACED_DLT.name()).size();
		int statusDltBefore = TopicRecords.readAll(stack.bootstrapServers(), Topics.ORDER_STATUS_DLT.name()).size();

		OrderLoad load = OrderLoad.start(stack.intakeUrl(), stack.bearerToken(), run.customerId(), 5, 2);
		Pauses.pause(Duration.ofSeconds(3));
		Map<String, byte[]> poison = poison();
		produce(stack.bootstrapServers(), placed, poison);
		produce(stack.bootstrapServers(), statusTopic, poison);
		long injected = System.nanoTime();
		Pauses.pause(Duration.ofSeconds(5));
		LoadStats stats = load.stop();
		run.awaitRecovery(stats, injected);

		int perTopic = poison.size();
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> PrometheusScrape.deadLetters(provisioner, placed) - provisionerPlacedBefore >= perTopic
					&& PrometheusScrape.deadLetters(status, placed) - statusPlacedBefore >= perTopic
					&& PrometheusScrape.deadLetters(status, statusTopic) - statusStatusBefore >= perTopic);
		int placedDlt = TopicRecords.readAll(stack.bootstrapServers(), Topics.ORDER_PLACED_DLT.name()).size()
				- placedDltBefore;
		int statusDlt = TopicRecords.readAll(stack.bootstrapServers(), Topics.ORDER_STATUS_DLT.name()).size()
				- statusDltBefore;
		double provisionerPlaced = PrometheusScrape.deadLetters(provisioner, placed) - provisionerPlacedBefore;
		double statusPlaced = PrometheusScrape.deadLetters(status, placed) - statusPlacedBefore;
		double statusStatus = PrometheusScrape.deadLetters(status, statusTopic) - statusStatusBefore;
		run.note(perTopic + " poison records per topic (" + String.join(", ", poison.keySet()) + ")")
			.note("dead letters: placed.dlt +" + placedDlt + ", status.dlt +" + statusDlt)
			.note("pipeline_dead_letter_records_total: provisioner{placed} +%.0f, status-service{placed} +%.0f, {status} +%.0f"
				.formatted(provisionerPlaced, statusPlaced, statusStatus))
			.check(placedDlt == 2 * perTopic,
					"expected " + 2 * perTopic + " records on the placed DLT (one per consumer group), got "
							+ placedDlt)
			.check(statusDlt == perTopic, "expected " + perTopic + " records on the status DLT, got " + statusDlt)
			.check(provisionerPlaced == perTopic && statusPlaced == perTopic && statusStatus == perTopic,
					"dead-letter counters did not rise by " + perTopic);
		run.finish(stats);
	}

	/** Undecodable values, by what is wrong with them. */
	private static Map<String, byte[]> poison() {
		byte[] valid = new AvroEventSerializer().encode(Events.anOrderPlaced().build());
		byte[] unknownFingerprint = Arrays.copyOf(valid, valid.length);
		for (int i = 2; i < 10; i++) {
			unknownFingerprint[i] = (byte) 0x5A;
		}
		Map<String, byte[]> poison = new LinkedHashMap<>();
		poison.put("garbage bytes", "this is not an event".getBytes(StandardCharsets.UTF_8));
		poison.put("unknown fingerprint", unknownFingerprint);
		poison.put("truncated body", Arrays.copyOf(valid, 14));
		poison.put("empty value", new byte[0]);
		return poison;
	}

	private static void produce(String bootstrapServers, String topic, Map<String, byte[]> values) {
		Properties props = new Properties();
		props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		props.put(ProducerConfig.ACKS_CONFIG, "all");
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
				new ByteArraySerializer())) {
			values.values()
				.forEach((value) -> producer.send(new ProducerRecord<>(topic, UUID.randomUUID().toString(), value)));
			producer.flush();
		}
	}

}
