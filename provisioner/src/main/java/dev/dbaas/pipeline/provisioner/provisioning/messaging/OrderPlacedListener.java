package dev.dbaas.pipeline.provisioner.provisioning.messaging;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import dev.dbaas.pipeline.events.OrderPlaced;
import dev.dbaas.pipeline.provisioner.provisioning.Provisioning;

/**
 * Accepts placed orders for provisioning. Thin: maps the event and records the job; the
 * workers do the slow part, so the partition never waits for a provisioning.
 */
@Component
class OrderPlacedListener {

	private final Provisioning provisioning;

	OrderPlacedListener(Provisioning provisioning) {
		this.provisioning = provisioning;
	}

	@KafkaListener(id = "provisioner-order-placed", topics = "${pipeline.topics.order-placed:dbaas.order.placed.v1}",
			groupId = "${provisioner.consumer-group}")
	void onOrderPlaced(OrderPlaced event) {
		this.provisioning.accept(OrderPlacedMapping.toOrder(event));
	}

}
