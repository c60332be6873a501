package dev.dbaas.pipeline.provisioner.provisioning;

import java.util.List;
import java.util.Objects;

import dev.dbaas.pipeline.contract.instance.InstanceIdRule;
import org.jspecify.annotations.Nullable;

/**
 * What the customer ordered, as far as provisioning needs it: a create, or a change
 * (UPDATE, DELETE) of an instance. Order-intake validated the order against the
 * catalogue; this type only guards the invariants provisioning relies on. Whatever its
 * type, an order carries the instance's complete desired settings after the order.
 *
 * @param orderId the order
 * @param instanceId the database instance the order creates or changes, following the
 * contract's {@link InstanceIdRule}
 * @param customerId who ordered, never blank
 * @param engine engine type and version
 * @param nodeSize catalogue node size id, e.g. {@code b2-4}
 * @param storageGb storage volume size in GB, positive
 * @param trustedSources IPv4 CIDRs that may connect; everything else stays blocked
 * @param region where to provision
 * @param type what the order does
 * @param instanceVersion the order's position among its instance's orders: 1 for the
 * create, 2 and up for changes
 * @param changes what an UPDATE changes; {@code null} exactly for the other types
 */
public record DatabaseOrder(OrderId orderId, String instanceId, String customerId, DatabaseEngine engine,
		String nodeSize, int storageGb, List<String> trustedSources, Region region, OrderType type,
		long instanceVersion, @Nullable InstanceChanges changes) {

	public DatabaseOrder {
		Objects.requireNonNull(orderId, "orderId");
		InstanceIdRule.requireValid(instanceId);
		Objects.requireNonNull(customerId, "customerId");
		Objects.requireNonNull(engine, "engine");
		Objects.requireNonNull(nodeSize, "nodeSize");
		Objects.requireNonNull(region, "region");
		Objects.requireNonNull(type, "type");
		if (customerId.isBlank()) {
			throw new IllegalArgumentException("customerId must not be blank");
		}
		if (nodeSize.isBlank()) {
			throw new IllegalArgumentException("nodeSize must not be blank");
		}
		if (storageGb <= 0) {
			throw new IllegalArgumentException("storage must be positive, got " + storageGb + " GB");
		}
		if ((type == OrderType.CREATE) != (instanceVersion == 1)) {
			throw new IllegalArgumentException("a create is version 1 of its instance and a change comes later; got a "
					+ type + " of version " + instanceVersion);
		}
		if (instanceVersion < 1) {
			throw new IllegalArgumentException("instance version starts at 1, got " + instanceVersion);
		}
		if ((type == OrderType.UPDATE) != (changes != null)) {
			throw new IllegalArgumentException("an UPDATE, and only an UPDATE, names its changes");
		}
		trustedSources = List.copyOf(trustedSources);
	}

	/**
	 * A create: version 1 of its instance.
	 * @param orderId the order
	 * @param instanceId the instance the order creates
	 * @param customerId who ordered
	 * @param engine engine type and version
	 * @param nodeSize catalogue node size id
	 * @param storageGb storage in GB
	 * @param trustedSources IPv4 CIDRs that may connect
	 * @param region where to provision
	 */
	public DatabaseOrder(OrderId orderId, String instanceId, String customerId, DatabaseEngine engine, String nodeSize,
			int storageGb, List<String> trustedSources, Region region) {
		this(orderId, instanceId, customerId, engine, nodeSize, storageGb, trustedSources, region, OrderType.CREATE, 1,
				null);
	}

	/**
	 * The steps the order's job runs, in order.
	 * @return the steps
	 */
	public List<ProvisioningStep> steps() {
		return this.type.steps(this.changes);
	}

	/**
	 * Whether this order changes an existing instance (UPDATE or DELETE).
	 * @return {@code true} unless it is a create
	 */
	public boolean isChange() {
		return this.type != OrderType.CREATE;
	}

}
