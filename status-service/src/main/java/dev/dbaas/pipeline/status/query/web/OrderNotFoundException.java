package dev.dbaas.pipeline.status.query.web;

import dev.dbaas.pipeline.status.order.OrderId;

/**
 * No order with this id is in the view.
 */
class OrderNotFoundException extends RuntimeException {

	private final OrderId orderId;

	OrderNotFoundException(OrderId orderId) {
		super("No order " + orderId + " in the view");
		this.orderId = orderId;
	}

	OrderId orderId() {
		return this.orderId;
	}

}
