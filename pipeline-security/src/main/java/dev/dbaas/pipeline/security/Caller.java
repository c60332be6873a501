package dev.dbaas.pipeline.security;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The authenticated client behind a request, as its token describes it.
 * <ul>
 * <li>A <em>customer-bound</em> caller (the token carries a {@code customer_id} claim)
 * acts for that one customer only, whatever its scopes say.</li>
 * <li>A <em>service</em> caller (no {@code customer_id}, e.g. the portal backend) acts
 * for any customer within its scopes: {@value #WRITE} places orders, {@value #READ} reads
 * them.</li>
 * <li>An <em>ops</em> caller is a service caller with {@value #OPS}: it reads everything,
 * summaries and actuator endpoints included.</li>
 * </ul>
 * Immutable and thread-safe.
 *
 * @param clientId who holds the token: its {@code azp}, {@code client_id} or {@code sub}
 * claim; scopes per-client limits and idempotency keys
 * @param customerId the customer the token is bound to, or {@code null} for a service
 * token
 * @param scopes the token's scopes, e.g. {@code orders:write}
 */
public record Caller(String clientId, @Nullable String customerId, Set<String> scopes) {

	/** Scope to place orders. */
	public static final String WRITE = "orders:write";

	/** Scope to read orders. */
	public static final String READ = "orders:read";

	/** Scope to read everything, summaries and operational endpoints included. */
	public static final String OPS = "orders:ops";

	public Caller {
		Objects.requireNonNull(clientId, "clientId");
		if (clientId.isBlank()) {
			throw new IllegalArgumentException("a caller has a client id");
		}
		if (customerId != null && customerId.isBlank()) {
			throw new IllegalArgumentException("a customer id is not blank");
		}
		scopes = Set.copyOf(scopes);
	}

	/**
	 * A caller allowed everything, for a service whose security is switched off
	 * ({@code pipeline.security.enabled=false}).
	 * @param clientId a name for the logs and limits
	 * @return the caller
	 */
	public static Caller unrestricted(String clientId) {
		return new Caller(clientId, null, Set.of(WRITE, READ, OPS));
	}

	/**
	 * Reads the scopes of a token: a space-separated {@code scope} string or a
	 * {@code scp} list.
	 * @param claim the claim's value, possibly {@code null}
	 * @return the scopes, empty if none
	 */
	public static Set<String> scopesOf(@Nullable Object claim) {
		Set<String> scopes = new LinkedHashSet<>();
		if (claim instanceof String text) {
			for (String scope : text.trim().split("\\s+")) {
				if (!scope.isEmpty()) {
					scopes.add(scope);
				}
			}
		}
		else if (claim instanceof Collection<?> list) {
			list.forEach((scope) -> scopes.add(String.valueOf(scope)));
		}
		return scopes;
	}

	/**
	 * Whether the token is bound to one customer.
	 * @return {@code true} for a customer token
	 */
	public boolean isCustomerBound() {
		return this.customerId != null;
	}

	/**
	 * Whether this caller may act for a customer: a customer token for its own customer
	 * only, a service token for any.
	 * @param customer the customer id in question
	 * @return {@code true} if allowed
	 */
	public boolean mayActFor(@Nullable String customer) {
		return this.customerId == null || this.customerId.equals(customer);
	}

	/**
	 * Whether this caller may place orders (for the customers it may act for).
	 * @return {@code true} with scope {@value #WRITE}
	 */
	public boolean mayPlaceOrders() {
		return this.scopes.contains(WRITE);
	}

	/**
	 * Whether this caller may read orders (of the customers it may act for).
	 * @return {@code true} with scope {@value #READ} or {@value #OPS}
	 */
	public boolean mayReadOrders() {
		return this.scopes.contains(READ) || isOps();
	}

	/**
	 * Whether this caller reads everything: a service token with {@value #OPS}. A
	 * customer token never is, whatever its scopes.
	 * @return {@code true} for ops
	 */
	public boolean isOps() {
		return this.customerId == null && this.scopes.contains(OPS);
	}

	/**
	 * A key for per-client limits and scoping: the client, and the customer for a
	 * customer token.
	 * @return e.g. {@code portal} or {@code c-1001-app/c-1001}
	 */
	public String limitKey() {
		return (this.customerId != null) ? this.clientId + "/" + this.customerId : this.clientId;
	}

}
