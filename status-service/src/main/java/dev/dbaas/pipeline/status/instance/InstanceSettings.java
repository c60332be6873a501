package dev.dbaas.pipeline.status.instance;

import java.util.List;

import dev.dbaas.pipeline.status.order.ObservedSettings;
import dev.dbaas.pipeline.status.order.OrderDetails;
import dev.dbaas.pipeline.status.order.OrderTerms;
import org.jspecify.annotations.Nullable;

/**
 * The settings of an instance a customer can change, desired or observed.
 *
 * @param nodeSize catalog node size id
 * @param storageGb storage in GB
 * @param trustedSources CIDRs allowed to connect
 * @param deletionProtection whether a DELETE is refused
 * @param interruptionMillis for observed settings: how long the order that applied them
 * interrupted the instance, or {@code null}
 */
public record InstanceSettings(String nodeSize, int storageGb, List<String> trustedSources, boolean deletionProtection,
		@Nullable Long interruptionMillis) {

	public InstanceSettings {
		trustedSources = List.copyOf(trustedSources);
	}

	/**
	 * The settings an order's placement asks for.
	 * @param details the placement's details
	 * @param terms the placement's terms
	 * @return the settings
	 */
	static InstanceSettings ordered(OrderDetails details, OrderTerms terms) {
		return new InstanceSettings(details.nodeSize(), details.storageGb(), details.trustedSources(),
				terms.deletionProtection(), null);
	}

	/**
	 * The settings a backend read back; deletion protection is not the backend's, it is
	 * what the order asked for.
	 * @param observed what the backend read back
	 * @param deletionProtection what the order asked for
	 * @return the settings
	 */
	static InstanceSettings observed(ObservedSettings observed, boolean deletionProtection) {
		return new InstanceSettings(observed.nodeSize(), observed.storageGb(), observed.trustedSources(),
				deletionProtection, observed.interruptionMillis());
	}

}
