package dev.dbaas.pipeline.contract.instance;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

import dev.dbaas.pipeline.contract.order.OrderIdRule;
import org.jspecify.annotations.Nullable;

/**
 * An instance id is {@code db-} and 16 lower-case hex digits, e.g. {@value #EXAMPLE}:
 * short enough to type into a delete confirmation, random enough (64 bits) that
 * order-intake never meets the same one twice in practice (its store refuses a duplicate
 * all the same). Events written before instances had ids carry none; every reader then
 * derives the same id from the order id ({@link #ofLegacyOrder(String)}). Thread-safe.
 */
public final class InstanceIdRule {

	/** The length of every instance id. */
	public static final int LENGTH = 19;

	/** An id that follows the rule, for messages. */
	public static final String EXAMPLE = "db-d50584733eac4340";

	private static final String PREFIX = "db-";

	private static final SecureRandom RANDOM = new SecureRandom();

	private InstanceIdRule() {
	}

	/**
	 * A new random instance id.
	 * @return the id
	 */
	public static String newId() {
		byte[] bits = new byte[8];
		RANDOM.nextBytes(bits);
		return PREFIX + HexFormat.of().formatHex(bits);
	}

	/**
	 * The id of the instance an order created before instances had ids: the first 16 hex
	 * digits of its order id.
	 * @param orderId an order id that follows {@link OrderIdRule}
	 * @return the derived instance id
	 */
	public static String ofLegacyOrder(String orderId) {
		String hex = OrderIdRule.requireValid(orderId).replace("-", "");
		return PREFIX + hex.substring(0, 16);
	}

	/**
	 * Why an id breaks the rule. The reason never repeats the id itself.
	 * @param id a candidate id
	 * @return the reason, or empty when the id follows the rule
	 */
	public static Optional<String> problemWith(@Nullable String id) {
		if (id == null) {
			return Optional.of("instanceId is missing");
		}
		if (id.length() != LENGTH || !id.startsWith(PREFIX)) {
			return Optional.of("instanceId has " + id.length() + " characters"
					+ (id.startsWith(PREFIX) ? "" : " and does not start with 'db-'")
					+ "; an instance id is 'db-' and 16 hex digits, e.g. " + EXAMPLE);
		}
		for (int i = PREFIX.length(); i < LENGTH; i++) {
			char c = id.charAt(i);
			if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
				return Optional.of("instanceId has a character other than a lower-case hex digit at position " + (i + 1)
						+ ", e.g. " + EXAMPLE);
			}
		}
		return Optional.empty();
	}

	/**
	 * Whether an id follows the rule.
	 * @param id a candidate id
	 * @return {@code true} if it does
	 */
	public static boolean isValid(@Nullable String id) {
		return problemWith(id).isEmpty();
	}

	/**
	 * The id, if it follows the rule.
	 * @param id a candidate id
	 * @return the id
	 * @throws InvalidInstanceIdException with the reason, if it does not
	 */
	public static String requireValid(@Nullable String id) {
		Optional<String> problem = problemWith(id);
		if (problem.isPresent()) {
			throw new InvalidInstanceIdException(problem.get());
		}
		return id;
	}

	/**
	 * The instance id an event names, or the one derived from its order id when it names
	 * none (events written before instances had ids).
	 * @param instanceId the event's instance id, possibly absent
	 * @param orderId the event's order id
	 * @return a valid instance id
	 * @throws InvalidInstanceIdException if the event names an invalid one
	 */
	public static String ofEvent(@Nullable String instanceId, String orderId) {
		return (instanceId != null) ? requireValid(instanceId) : ofLegacyOrder(orderId);
	}

	/**
	 * An instance id that breaks the {@link InstanceIdRule}.
	 */
	public static class InvalidInstanceIdException extends IllegalArgumentException {

		InvalidInstanceIdException(String reason) {
			super(reason);
		}

	}

}
