package dev.dbaas.pipeline.provisioner.provisioning.messaging;

import dev.dbaas.pipeline.contract.kafka.PipelineTopics;
import dev.dbaas.pipeline.contract.tracing.OrderTraces;
import dev.dbaas.pipeline.events.OrderPlaced;
import dev.dbaas.pipeline.provisioner.provisioning.Provisioning;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Accepts placed orders for provisioning. Thin: maps the event and records the job; the
 * workers do the slow part, so the partition never waits for a provisioning.
 */
@Component
class OrderPlacedListener {

	private static final Logger log = LoggerFactory.getLogger(OrderPlacedListener.class);

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
			groupId = "${provisioner.consumer-group}")
	void onOrderPlaced(OrderPlaced event) {
		try (OrderTraces.Scope order = this.traces.aboutOrder(event.getOrderId())) {
			if (this.provisioning.accept(OrderPlacedMapping.toOrder(event))) {
				log.info("Accepted order {} for provisioning", event.getOrderId());
			}
		}
	}

}
