package dev.dbaas.pipeline.provisioner.provisioning.messaging;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.dbaas.pipeline.contract.kafka.PipelineHeaders;
import dev.dbaas.pipeline.contract.kafka.PipelineTopics;
import dev.dbaas.pipeline.contract.tracing.OrderTraces;
import dev.dbaas.pipeline.events.OrderPlaced;
import dev.dbaas.pipeline.provisioner.provisioning.DatabaseOrder;
import dev.dbaas.pipeline.provisioner.provisioning.Provisioning;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.stereotype.Component;

/**
 * Accepts placed orders for provisioning. Thin: maps the events and records the jobs; the
 * workers do the slow part, so the partition never waits for a provisioning.
 *
 * <p>
 * A batch listener: the jobs of one poll are added in one write
 * ({@link Provisioning#acceptAll}), one unit of the group commit, so that a listener
 * thread waits for one commit per poll and not for one per record (decision 0043). Each
 * record continues its trace in an {@code accept} span whose context is stored with the
 * job.
 *
 * <p>
 * A record that cannot be decoded or mapped ends the batch: the records before it are
 * added, and the listener fails at its index, so that the error handler
 * ({@code DeadLetterConfiguration}) commits those, dead-letters this one with its reason
 * and hands the rest of the batch to the listener again. When the write fails, the jobs
 * are added one at a time, and the listener fails at the first record whose job cannot be
 * added: the error handler retries that record until the database answers if it is
 * unreachable, and dead-letters it after two retries otherwise.
 */
@Component
class OrderPlacedListener {

	private static final Logger log = LoggerFactory.getLogger(OrderPlacedListener.class);

	private static final LogAccessor LOG_ACCESSOR = new LogAccessor(OrderPlacedListener.class);

	private final Provisioning provisioning;

	private final OrderTraces traces;

	private final PipelineTopics topics;

	OrderPlacedListener(Provisioning provisioning, OrderTraces traces, PipelineTopics topics) {
		this.provisioning = provisioning;
		this.traces = traces;
		this.topics = topics;
	}

	/**
	 * The topic binding, for the listener's topic expression.
	 * @return the topics
	 */
	public PipelineTopics topics() {
		return this.topics;
	}

	@KafkaListener(id = "provisioner-order-placed", topics = "#{__listener.topics().orderPlaced()}",
			groupId = "${provisioner.consumer-group}", batch = "true")
	void onOrderPlaced(List<ConsumerRecord<String, @Nullable OrderPlaced>> records) {
		List<Provisioning.Placed> placed = new ArrayList<>(records.size());
		List<OrderTraces.Started> spans = new ArrayList<>(records.size());
		RuntimeException rejected = null;
		try {
			for (ConsumerRecord<String, @Nullable OrderPlaced> record : records) {
				OrderPlaced event = record.value();
				if (event == null) {
					rejected = undecodable(record);
					break;
				}
				DatabaseOrder order;
				try {
					order = OrderPlacedMapping.toOrder(event);
				}
				catch (UnprocessableOrder ex) {
					rejected = ex;
					break;
				}
				OrderTraces.Started span = this.traces.start(event.getOrderId(), traceParent(record), "accept");
				spans.add(span);
				placed.add(new Provisioning.Placed(order, span.traceParent()));
			}
			add(records, placed, spans);
		}
		finally {
			spans.forEach(OrderTraces.Started::end);
		}
		if (rejected != null) {
			ConsumerRecord<String, @Nullable OrderPlaced> failed = records.get(placed.size());
			throw new BatchListenerFailedException(rejected.getMessage(), rejected, failed);
		}
	}

	private void add(List<ConsumerRecord<String, @Nullable OrderPlaced>> records, List<Provisioning.Placed> placed,
			List<OrderTraces.Started> spans) {
		if (placed.isEmpty()) {
			return;
		}
		List<Boolean> added;
		try {
			added = this.provisioning.acceptAll(placed);
		}
		catch (RuntimeException ex) {
			// Which record? One at a time: those before the one that fails are added, and
			// the listener fails at its index, so that the error handler retries (or
			// dead-letters) that record and not the first of the batch.
			added = new ArrayList<>(placed.size());
			for (int i = 0; i < placed.size(); i++) {
				try {
					added.addAll(this.provisioning.acceptAll(List.of(placed.get(i))));
				}
				catch (RuntimeException single) {
					logAccepted(placed, spans, added);
					throw new BatchListenerFailedException(
							"Could not add the job of order " + placed.get(i).order().orderId().value(), single,
							records.get(i));
				}
			}
		}
		logAccepted(placed, spans, added);
	}

	private static void logAccepted(List<Provisioning.Placed> placed, List<OrderTraces.Started> spans,
			List<Boolean> added) {
		for (int i = 0; i < added.size(); i++) {
			if (added.get(i)) {
				try (OrderTraces.Scope scope = spans.get(i).enter()) {
					log.info("Accepted order {} for provisioning", placed.get(i).order().orderId().value());
				}
			}
		}
	}

	private static RuntimeException undecodable(ConsumerRecord<String, @Nullable OrderPlaced> record) {
		DeserializationException cause = SerializationUtils.getExceptionFromHeader(record,
				SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG_ACCESSOR);
		return (cause != null) ? cause : new UnprocessableOrder("Record " + record.topic() + "-" + record.partition()
				+ "@" + record.offset() + " has no OrderPlaced value", null);
	}

	private static @Nullable String traceParent(ConsumerRecord<String, @Nullable OrderPlaced> record) {
		Header header = record.headers().lastHeader(PipelineHeaders.TRACEPARENT);
		return (header != null) ? new String(header.value(), StandardCharsets.US_ASCII) : null;
	}

}
