package dev.dbaas.pipeline.provisioner.support;

import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import dev.dbaas.pipeline.contract.instance.InstanceIdRule;
import dev.dbaas.pipeline.events.InstanceChanges;
import dev.dbaas.pipeline.events.OrderPlaced;
import dev.dbaas.pipeline.events.OrderType;
import dev.dbaas.pipeline.schemas.AvroEventSerializer;
import dev.dbaas.pipeline.testkit.Events;

/**
 * Builders of {@code OrderPlaced} events: creates, and the UPDATE and DELETE orders of an
 * instance.
 */
public final class Orders {

	static {
		// Avro 1.12 instantiates enums (the builder's default of OrderPlaced.type,
		// copies)
		// only for trusted classes; the schemas module trusts the event classes when its
		// first serde is made.
		new AvroEventSerializer();
	}

	private Orders() {
	}

	/**
	 * A valid create for MariaDB 10.11 in DE-WEST-1, with a fresh order id.
	 * @return a builder to adjust
	 */
	public static OrderPlaced.Builder anOrderPlaced() {
		return Events.anOrderPlaced();
	}

	/**
	 * A create of a fresh instance, version 1.
	 * @return a builder to adjust
	 */
	public static OrderPlaced.Builder aCreate() {
		return anOrderPlaced().setInstanceId(InstanceIdRule.newId()).setInstanceVersion(1L);
	}

	/**
	 * An UPDATE of the instance that {@code create} made, with the complete desired
	 * settings after it.
	 * @param create the instance's create
	 * @param version the instance version of the update
	 * @param changes what it changes
	 * @return a builder to adjust (set the changed top-level fields too)
	 */
	public static OrderPlaced.Builder anUpdate(OrderPlaced create, long version, InstanceChanges changes) {
		OrderPlaced.Builder update = OrderPlaced.newBuilder(create)
			.setEventId(UUID.randomUUID().toString())
			.setOrderId(UUID.randomUUID().toString())
			.setType(OrderType.UPDATE)
			.setInstanceVersion(version)
			.setChanges(changes);
		if (changes.getStorageGb() != null) {
			update.setStorageGb(changes.getStorageGb());
		}
		if (changes.getNodeSize() != null) {
			update.setNodeSize(changes.getNodeSize());
		}
		if (changes.getTrustedSources() != null) {
			update.setTrustedSources(changes.getTrustedSources());
		}
		return update;
	}

	/**
	 * A DELETE of the instance that {@code create} made.
	 * @param create the instance's create
	 * @param version the instance version of the delete
	 * @return a builder to adjust
	 */
	public static OrderPlaced.Builder aDelete(OrderPlaced create, long version) {
		return OrderPlaced.newBuilder(create)
			.setEventId(UUID.randomUUID().toString())
			.setOrderId(UUID.randomUUID().toString())
			.setType(OrderType.DELETE)
			.setInstanceVersion(version)
			.setChanges(null);
	}

	/**
	 * Changes of an UPDATE, each {@code null} when unchanged.
	 * @param storageGb new storage, or {@code null}
	 * @param nodeSize new node size, or {@code null}
	 * @param trustedSources new trusted sources, or {@code null}
	 * @return the changes
	 */
	public static InstanceChanges changes(Integer storageGb, String nodeSize, List<String> trustedSources) {
		return new InstanceChanges(storageGb, nodeSize, trustedSources, null);
	}

	/**
	 * Valid orders as {@link #anOrderPlaced()} builds them, each with a fresh order id.
	 * @param count how many
	 * @return the orders
	 */
	public static List<OrderPlaced> ordersPlaced(int count) {
		return IntStream.range(0, count).mapToObj((i) -> anOrderPlaced().build()).toList();
	}

}
