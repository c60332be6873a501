package dev.dbaas.pipeline.intake.order;

import java.util.Objects;

import dev.dbaas.pipeline.contract.instance.InstanceIdRule;

/**
 * The id of the database instance an order creates, as the contract's
 * {@link InstanceIdRule} spells it: {@code db-} and 16 hex digits.
 *
 * @param value the id, following the rule
 */
public record InstanceId(String value) {

	public InstanceId {
		Objects.requireNonNull(value, "value");
		InstanceIdRule.requireValid(value);
	}

	/**
	 * A new random instance id.
	 * @return the id
	 */
	public static InstanceId random() {
		return new InstanceId(InstanceIdRule.newId());
	}

	/**
	 * The id of the instance created by an order accepted before instances had ids.
	 * @param orderId the order
	 * @return the id derived from the order id
	 */
	public static InstanceId ofLegacyOrder(OrderId orderId) {
		return new InstanceId(InstanceIdRule.ofLegacyOrder(orderId.toString()));
	}

	@Override
	public String toString() {
		return this.value;
	}

}
