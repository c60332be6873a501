package dev.dbaas.pipeline.intake.order;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The customer an order is for: present and a valid {@link CustomerId}.
 */
final class CustomerRule {

	Checked<CustomerId> check(@Nullable String value) {
		List<Violation> violations = new ArrayList<>();
		if (value == null) {
			violations.add(new Violation("/customerId", "customerId is missing; send the portal's id of the customer"));
			return new Checked<>(null, violations);
		}
		return new Checked<>(CustomerId.parse(value).reportTo("/customerId", violations), violations);
	}

}
