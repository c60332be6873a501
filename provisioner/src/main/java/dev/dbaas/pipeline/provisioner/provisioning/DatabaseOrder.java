package dev.dbaas.pipeline.provisioner.provisioning;

import java.util.List;
import java.util.Objects;

import dev.dbaas.pipeline.contract.instance.InstanceIdRule;

/**
 * What the customer ordered, as far as provisioning needs it. Order-intake validated the
 * order against the catalogue; this type only guards the invariants provisioning relies
 * on.
 *
 * @param orderId the order
 * @param instanceId the database instance the order creates, following the contract's
 * {@link InstanceIdRule}
 * @param customerId who ordered, never blank
 * @param engine engine type and version
 * @param nodeSize catalogue node size id, e.g. {@code b2-4}
 * @param storageGb storage volume size in GB, positive
 * @param trustedSources IPv4 CIDRs that may connect; everything else stays blocked
 * @param region where to provision
 */
public record DatabaseOrder(OrderId orderId, String instanceId, String customerId, DatabaseEngine engine,
		String nodeSize, int storageGb, List<String> trustedSources, Region region) {

	public DatabaseOrder {
		Objects.requireNonNull(orderId, "orderId");
		InstanceIdRule.requireValid(instanceId);
		Objects.requireNonNull(customerId, "customerId");
		Objects.requireNonNull(engine, "engine");
		Objects.requireNonNull(nodeSize, "nodeSize");
		Objects.requireNonNull(region, "region");
		if (customerId.isBlank()) {
			throw new IllegalArgumentException("customerId must not be blank");
		}
		if (nodeSize.isBlank()) {
			throw new IllegalArgumentException("nodeSize must not be blank");
		}
		if (storageGb <= 0) {
			throw new IllegalArgumentException("storage must be positive, got " + storageGb + " GB");
		}
		trustedSources = List.copyOf(trustedSources);
	}

}
