package dev.dbaas.pipeline.status.order;

import java.util.Comparator;

/**
 * The instance an event says its order belongs to: named by the event, or derived from
 * the order id for an event written before instances had ids. Should the events of one
 * order disagree, a named id beats a derived one, then the smaller id wins, so the
 * outcome does not depend on arrival order.
 *
 * @param instanceId the instance
 * @param named {@code true} if the event named it, {@code false} if it was derived
 */
public record InstanceClaim(InstanceId instanceId, boolean named) {

	static final Comparator<InstanceClaim> PRECEDENCE = Comparator.comparing(InstanceClaim::named)
		.thenComparing(InstanceClaim::instanceId, Comparator.reverseOrder());

	public InstanceClaim {
		if (instanceId == null) {
			throw new InvalidOrderEventException("an instance claim needs an instance id");
		}
	}

	static InstanceClaim preferred(InstanceClaim a, InstanceClaim b) {
		return (PRECEDENCE.compare(a, b) >= 0) ? a : b;
	}

}
