package dev.dbaas.pipeline.provisioner.provisioning.messaging;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import dev.dbaas.pipeline.events.OrderPlaced;
import dev.dbaas.pipeline.provisioner.provisioning.Provisioning;
import dev.dbaas.pipeline.provisioner.tracing.OrderTraces;

/**
 * Accepts placed orders for provisioning. Thin: maps the event and records the job; the
 * workers do the slow part, so the partition never waits for a provisioning.
 */
@Component
class OrderPlacedListener {

	private static final Logger log = LoggerFactory.getLogger(OrderPlacedListener.class);

	private final Provisioning provisioning;

	private final OrderTraces traces;

	OrderPlacedListener(Provisioning provisioning, OrderTraces traces) {
		this.provisioning = provisioning;
		this.traces = traces;
	}

	@KafkaListener(id = "provisioner-order-placed", topics = "${pipeline.topics.order-placed:dbaas.order.placed.v1}",
			groupId = "${provisioner.consumer-group}")
	void onOrderPlaced(OrderPlaced event) {
		try (OrderTraces.Scope order = this.traces.aboutOrder(event.getOrderId())) {
			if (this.provisioning.accept(OrderPlacedMapping.toOrder(event))) {
				log.info("Accepted order {} for provisioning", event.getOrderId());
			}
		}
	}

}
