package dev.dbaas.pipeline.tail;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import dev.dbaas.pipeline.events.Failure;
import dev.dbaas.pipeline.events.Instance;
import dev.dbaas.pipeline.events.ObservedSettings;
import dev.dbaas.pipeline.events.OrderStatusChanged;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders records as single-line JSON objects: a decoded event with the fields of
 * {@code OrderStatusChanged} (absent optional fields left out, except {@code orderType},
 * which is {@code CREATE} for an event written before change orders existed) and where it
 * was read (with the W3C {@code traceparent} header, which ties the event to the order's
 * log lines), or an error object for a record that does not decode. Sealed credentials
 * are never printed.
 *
 * <p>
 * Thread-safe.
 */
final class JsonLines implements EventLines {

	private final JsonMapper json = JsonMapper.builder().build();

	/**
	 * One event.
	 * @param record where the event was read
	 * @param event the decoded event
	 * @return {@code {"orderId",...,"kafka":{...}}} on one line
	 */
	@Override
	public String event(ConsumerRecord<?, ?> record, OrderStatusChanged event) {
		ObjectNode line = this.json.createObjectNode();
		line.put("orderId", event.getOrderId());
		line.put("customerId", event.getCustomerId());
		line.put("status", event.getStatus().name());
		line.put("sequence", event.getSequence());
		if (event.getStep() != null) {
			line.put("step", event.getStep());
		}
		line.put("occurredAt", event.getOccurredAt().toString());
		line.put("eventId", event.getEventId());
		line.put("orderType", EventFilter.orderTypeOf(event).name());
		if (event.getInstanceId() != null) {
			line.put("instanceId", event.getInstanceId());
		}
		if (event.getInstanceUsable() != null) {
			line.put("instanceUsable", event.getInstanceUsable());
		}
		Failure failure = event.getFailure();
		if (failure != null) {
			ObjectNode node = line.putObject("failure");
			node.put("code", failure.getCode());
			node.put("message", failure.getMessage());
		}
		Instance instance = event.getInstance();
		if (instance != null) {
			ObjectNode node = line.putObject("instance");
			node.put("host", instance.getHost());
			node.put("port", instance.getPort());
			node.put("databaseType", instance.getDatabaseType().name());
			node.put("databaseVersion", instance.getDatabaseVersion());
		}
		ObservedSettings observed = event.getObserved();
		if (observed != null) {
			ObjectNode node = line.putObject("observed");
			node.put("nodeSize", observed.getNodeSize());
			node.put("storageGb", observed.getStorageGb());
			ArrayNode sources = node.putArray("trustedSources");
			observed.getTrustedSources().forEach((source) -> sources.add(source));
			if (observed.getInterruptionMillis() != null) {
				node.put("interruptionMillis", observed.getInterruptionMillis());
			}
		}
		putKafka(line, record);
		return this.json.writeValueAsString(line);
	}

	/**
	 * A record that does not decode.
	 * @param record the record
	 * @param reason a stable reason, e.g. {@code NOT_SINGLE_OBJECT_ENCODED}
	 * @param message what the decoder said
	 * @return {@code {"error":"UNDECODABLE","reason",...}} on one line
	 */
	@Override
	public String undecodable(ConsumerRecord<?, byte[]> record, String reason, String message) {
		ObjectNode line = this.json.createObjectNode();
		line.put("error", "UNDECODABLE");
		line.put("reason", reason);
		line.put("message", message);
		if (record.key() != null) {
			line.put("key", record.key().toString());
		}
		line.put("bytes", (record.value() != null) ? record.value().length : 0);
		putKafka(line, record);
		return this.json.writeValueAsString(line);
	}

	private static void putKafka(ObjectNode line, ConsumerRecord<?, ?> record) {
		ObjectNode kafka = line.putObject("kafka");
		kafka.put("topic", record.topic());
		kafka.put("partition", record.partition());
		kafka.put("offset", record.offset());
		if (record.timestamp() >= 0) {
			kafka.put("timestamp", Instant.ofEpochMilli(record.timestamp()).toString());
		}
		Header traceparent = record.headers().lastHeader("traceparent");
		if (traceparent != null && traceparent.value() != null) {
			kafka.put("traceparent", new String(traceparent.value(), StandardCharsets.US_ASCII));
		}
	}

}
