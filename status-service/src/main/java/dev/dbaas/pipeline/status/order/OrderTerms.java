package dev.dbaas.pipeline.status.order;

import org.jspecify.annotations.Nullable;

/**
 * What kind of order a placement is, besides the instance's settings in
 * {@link OrderDetails}: its type, its place among the instance's orders, who asked, the
 * desired deletion protection and, for an UPDATE, what it changes.
 *
 * @param type create, update or delete
 * @param instanceVersion position among the instance's orders, 1 for the create
 * @param requestedBy the client id of the caller's token, or {@code null} if the event
 * did not say (events written before change orders existed)
 * @param deletionProtection desired after the order
 * @param changes the settings an UPDATE changes, or {@code null} (never empty)
 */
public record OrderTerms(OrderType type, long instanceVersion, @Nullable String requestedBy, boolean deletionProtection,
		@Nullable InstanceChanges changes) {

	/** What an {@code OrderPlaced} written before change orders existed stands for. */
	public static final OrderTerms LEGACY_CREATE = new OrderTerms(OrderType.CREATE, 1, null, false, null);

	public OrderTerms {
		if (type == null) {
			throw new InvalidOrderEventException("an order needs a known type");
		}
		if (instanceVersion < 1) {
			throw new InvalidOrderEventException("instanceVersion must be at least 1, got " + instanceVersion);
		}
		requestedBy = Text.optional("requestedBy", requestedBy, 200);
		if (changes != null && changes.isEmpty()) {
			changes = null;
		}
	}

}
