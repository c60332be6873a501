package dev.dbaas.pipeline.status.query.web;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.dbaas.pipeline.status.order.OrderId;
import dev.dbaas.pipeline.status.order.OrderStatus;
import dev.dbaas.pipeline.status.query.Cursor;
import dev.dbaas.pipeline.status.query.OrderFilter;
import org.jspecify.annotations.Nullable;

/**
 * The parameters of {@code GET /v1/orders}, checked all at once.
 *
 * @param filter which orders
 * @param limit page size, 1 to {@value #MAX_LIMIT}
 * @param cursor where the page starts, or {@code null}
 */
record ListParameters(OrderFilter filter, int limit, @Nullable Cursor cursor) {

	static final int DEFAULT_LIMIT = 50;

	static final int MAX_LIMIT = 200;

	/**
	 * Parses the raw parameters. A {@code limit} above {@value #MAX_LIMIT} is capped.
	 * @return the parameters
	 * @throws InvalidParametersException listing every malformed parameter
	 */
	static ListParameters parse(@Nullable String customerId, @Nullable String status, @Nullable String region,
			@Nullable String placedAfter, @Nullable String limit, @Nullable String cursor) {
		List<InvalidParametersException.Violation> violations = new ArrayList<>();
		String customer = text("customerId", customerId, violations);
		String regionName = text("region", region, violations);
		OrderStatus statusValue = null;
		if (status != null) {
			try {
				statusValue = OrderStatus.valueOf(status.trim());
			}
			catch (IllegalArgumentException ex) {
				violations.add(new InvalidParametersException.Violation("status",
						"must be one of " + Arrays.toString(OrderStatus.values()) + ", got '" + status + "'"));
			}
		}
		Instant after = null;
		if (placedAfter != null) {
			try {
				after = OffsetDateTime.parse(placedAfter.trim()).toInstant();
			}
			catch (DateTimeParseException ex) {
				violations.add(new InvalidParametersException.Violation("placedAfter",
						"must be an RFC 3339 date-time such as 2026-01-31T12:00:00Z, got '" + placedAfter + "'"));
			}
		}
		int size = DEFAULT_LIMIT;
		if (limit != null) {
			try {
				size = Math.min(Integer.parseInt(limit.trim()), MAX_LIMIT);
				if (size < 1) {
					violations.add(new InvalidParametersException.Violation("limit",
							"must be at least 1 (and is capped at " + MAX_LIMIT + "), got " + limit));
				}
			}
			catch (NumberFormatException ex) {
				violations.add(new InvalidParametersException.Violation("limit",
						"must be a whole number from 1 to " + MAX_LIMIT + ", got '" + limit + "'"));
			}
		}
		Cursor start = null;
		if (cursor != null) {
			try {
				start = Cursor.decode(cursor.trim());
			}
			catch (Cursor.InvalidCursorException ex) {
				violations.add(new InvalidParametersException.Violation("cursor", ex.getMessage()));
			}
		}
		if (!violations.isEmpty()) {
			throw new InvalidParametersException(violations);
		}
		return new ListParameters(new OrderFilter(customer, statusValue, regionName, after), size, start);
	}

	/**
	 * Parses an order id from the path.
	 * @param orderId the path segment
	 * @return the id
	 * @throws InvalidParametersException if it cannot be an order id
	 */
	static OrderId orderId(String orderId) {
		try {
			return OrderId.of(orderId);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidParametersException(
					List.of(new InvalidParametersException.Violation("orderId", ex.getMessage())));
		}
	}

	private static @Nullable String text(String name, @Nullable String value,
			List<InvalidParametersException.Violation> violations) {
		if (value == null) {
			return null;
		}
		if (value.isBlank() || value.length() > 100) {
			violations.add(new InvalidParametersException.Violation(name, "must be 1 to 100 characters when given"));
			return null;
		}
		return value;
	}

}
