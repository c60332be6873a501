package dev.dbaas.pipeline.intake.instance.messaging;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.dbaas.pipeline.contract.kafka.PipelineTopics;
import dev.dbaas.pipeline.contract.order.OrderIdRule;
import dev.dbaas.pipeline.contract.tracing.RecordLogContext;
import dev.dbaas.pipeline.events.OrderStatus;
import dev.dbaas.pipeline.events.OrderStatusChanged;
import dev.dbaas.pipeline.intake.instance.Settlement;
import dev.dbaas.pipeline.intake.instance.application.InstanceSettlements;
import dev.dbaas.pipeline.intake.order.OrderId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.kafka.support.KafkaUtils;
import org.springframework.stereotype.Component;

/**
 * Batch listener on {@code dbaas.order.status.v1} in group {@code order-intake}: maps the
 * terminal statuses (DONE, FAILED, CANCELLED) of a batch to {@link Settlement}s, applies
 * them in one transaction and acknowledges the batch after commit. Other statuses are
 * skipped without touching the database.
 *
 * <p>
 * order-intake owns no dead-letter topic: a record that does not decode, names no valid
 * order id or carries a status it does not know is logged and counted
 * ({@code intake_instance_status_records_total{outcome="rejected"}}) and skipped;
 * status-service dead-letters the same records. A failure of the transaction acknowledges
 * nothing, so the batch is delivered again, which settling makes harmless.
 */
@Component
class OrderStatusListener {

	/** Listener container id. */
	static final String ID = "intake-instance-statuses";

	private static final Logger log = LoggerFactory.getLogger(OrderStatusListener.class);

	private final PipelineTopics topics;

	private final InstanceSettlements settlements;

	private final Map<Outcome, Counter> records = new EnumMap<>(Outcome.class);

	OrderStatusListener(PipelineTopics topics, InstanceSettlements settlements, MeterRegistry registry) {
		this.topics = topics;
		this.settlements = settlements;
		for (Outcome outcome : Outcome.values()) {
			this.records.put(outcome,
					Counter.builder("intake.instance.status.records")
						.description("Status records read by order-intake, by what they did to the instances")
						.tag("outcome", outcome.tag)
						.register(registry));
		}
	}

	public PipelineTopics topics() {
		return this.topics;
	}

	// idIsGroup = false: the group is spring.kafka.consumer.group-id (order-intake),
	// which the ACLs name.
	@KafkaListener(id = ID, idIsGroup = false, topics = "#{__listener.topics().orderStatus()}", batch = "true",
			properties = "spring.deserializer.value.delegate.class=dev.dbaas.pipeline.schemas.OrderStatusChangedDeserializer")
	void onOrderStatusChanged(List<ConsumerRecord<String, @Nullable OrderStatusChanged>> batch,
			Acknowledgment acknowledgment) {
		List<Settlement> terminal = new ArrayList<>(batch.size());
		for (ConsumerRecord<String, @Nullable OrderStatusChanged> record : batch) {
			Settlement settlement = settlementOf(record);
			if (settlement != null) {
				terminal.add(settlement);
			}
		}
		InstanceSettlements.Result result;
		try {
			result = this.settlements.settle(terminal);
		}
		catch (RuntimeException ex) {
			log.warn("Applying {} terminal statuses failed; the batch is delivered again: {}", terminal.size(),
					ex.toString());
			throw ex;
		}
		acknowledgment.acknowledge();
		this.records.get(Outcome.APPLIED).increment(result.applied());
		this.records.get(Outcome.UNCHANGED).increment(result.unchanged());
		this.records.get(Outcome.UNKNOWN_ORDER).increment(result.unknown());
	}

	private @Nullable Settlement settlementOf(ConsumerRecord<String, @Nullable OrderStatusChanged> record) {
		OrderStatusChanged event = record.value();
		if (event == null) {
			boolean undecodable = record.headers().lastHeader(KafkaUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER) != null;
			return reject(record, undecodable ? "its value does not deserialize" : "it has no value");
		}
		if (event.getStatus() == OrderStatus.UNKNOWN) {
			return reject(record, "its status is a symbol this reader does not know");
		}
		Settlement.Outcome outcome = switch (event.getStatus()) {
			case DONE -> Settlement.Outcome.DONE;
			case FAILED -> Settlement.Outcome.FAILED;
			case CANCELLED -> Settlement.Outcome.CANCELLED;
			default -> null;
		};
		if (outcome == null) {
			this.records.get(Outcome.IGNORED).increment();
			return null;
		}
		String orderId = event.getOrderId();
		if (!OrderIdRule.isValid(orderId)) {
			return reject(record, "its orderId is not a valid order id");
		}
		return new Settlement(new OrderId(UUID.fromString(orderId)), outcome, event.getInstanceUsable(),
				RecordLogContext.traceIdOf(record));
	}

	private @Nullable Settlement reject(ConsumerRecord<String, ?> record, String reason) {
		this.records.get(Outcome.REJECTED).increment();
		try (RecordLogContext context = RecordLogContext.about(record)) {
			log.warn("Skipping the record at {}-{}@{}: {}; status-service dead-letters it", record.topic(),
					record.partition(), record.offset(), reason);
		}
		return null;
	}

	private enum Outcome {

		APPLIED("applied"), UNCHANGED("unchanged"), UNKNOWN_ORDER("unknown_order"), IGNORED("ignored"),
		REJECTED("rejected");

		private final String tag;

		Outcome(String tag) {
			this.tag = tag;
		}

	}

}
