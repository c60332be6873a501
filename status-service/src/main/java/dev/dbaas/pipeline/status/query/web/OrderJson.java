package dev.dbaas.pipeline.status.query.web;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.dbaas.pipeline.status.order.Failure;
import dev.dbaas.pipeline.status.order.Instance;
import dev.dbaas.pipeline.status.order.OrderDetails;
import dev.dbaas.pipeline.status.order.OrderHistory;
import dev.dbaas.pipeline.status.order.OrderStatus;
import dev.dbaas.pipeline.status.order.OrderType;
import dev.dbaas.pipeline.status.order.OrderView;
import dev.dbaas.pipeline.status.order.Transition;
import dev.dbaas.pipeline.status.query.OrderPage;
import dev.dbaas.pipeline.status.query.ViewSummary;
import org.jspecify.annotations.Nullable;

/**
 * The JSON shapes of the API. Fields that do not apply are absent.
 */
final class OrderJson {

	private OrderJson() {
	}

	/**
	 * An order. {@code type} is the placement's, before it arrives the status events',
	 * and CREATE for orders placed before change orders existed.
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Order(String orderId, @Nullable String instanceId, OrderType type, String customerId, OrderStatus status,
			@Nullable String step, @Nullable String databaseType, @Nullable String databaseVersion,
			@Nullable String nodeSize, @Nullable Integer storageGb, @Nullable String region,
			@Nullable List<String> trustedSources, @Nullable Instant placedAt, Instant updatedAt,
			@Nullable FailureJson failure, @Nullable InstanceJson instance) {

		static Order of(OrderView view) {
			OrderDetails details = view.details();
			return new Order(view.orderId().value(), (view.instanceId() != null) ? view.instanceId().value() : null,
					view.type(), view.customerId(), view.status(), view.step(),
					(details != null) ? details.databaseType() : null,
					(details != null) ? details.databaseVersion() : null, (details != null) ? details.nodeSize() : null,
					(details != null) ? details.storageGb() : null, (details != null) ? details.region() : null,
					(details != null) ? details.trustedSources() : null, view.placedAt(), view.updatedAt(),
					FailureJson.of(view.failure()), InstanceJson.of(view.instance()));
		}

	}

	record FailureJson(String code, String message) {

		static @Nullable FailureJson of(@Nullable Failure failure) {
			return (failure != null) ? new FailureJson(failure.code(), failure.message()) : null;
		}

	}

	record InstanceJson(String host, int port) {

		static @Nullable InstanceJson of(@Nullable Instance instance) {
			return (instance != null) ? new InstanceJson(instance.host(), instance.port()) : null;
		}

	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Page(List<Order> items, @Nullable String nextCursor) {

		static Page of(OrderPage page) {
			return new Page(page.items().stream().map(Order::of).toList(),
					(page.next() != null) ? page.next().encode() : null);
		}

	}

	record History(List<Entry> items) {

		static History of(OrderHistory history) {
			return new History(history.transitions().stream().map(Entry::of).toList());
		}

	}

	/**
	 * One transition.
	 *
	 * @param status the status moved to
	 * @param at when
	 * @param step the provisioning step, if any
	 * @param sequence the status event's sequence; absent for the placement
	 * @param failure why it failed, for FAILED
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Entry(OrderStatus status, Instant at, @Nullable String step, @Nullable Long sequence,
			@Nullable FailureJson failure) {

		static Entry of(Transition transition) {
			return new Entry(transition.status(), transition.at(), transition.step(),
					(transition.sequence() == Transition.PLACEMENT_SEQUENCE) ? null : transition.sequence(),
					FailureJson.of(transition.failure()));
		}

	}

	/**
	 * Counts over the view.
	 *
	 * @param total all orders
	 * @param byStatus orders per status
	 * @param byRegion orders per region and status (orders whose details are known)
	 * @param failedByCode FAILED orders per failure code
	 * @param oldestProcessingAgeSeconds age of the PROCESSING order placed longest ago,
	 * absent when none is PROCESSING
	 * @param oldestProcessing that order
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Summary(long total, Map<OrderStatus, Long> byStatus, Map<String, Map<OrderStatus, Long>> byRegion,
			Map<String, Long> failedByCode, @Nullable Double oldestProcessingAgeSeconds,
			@Nullable OldestProcessing oldestProcessing) {

		static Summary of(ViewSummary summary, Instant now) {
			ViewSummary.OldestProcessing oldest = summary.oldestProcessing();
			Double age = (oldest != null)
					? Math.max(0, java.time.Duration.between(oldest.placedAt(), now).toMillis() / 1000.0) : null;
			return new Summary(summary.total(), new LinkedHashMap<>(summary.byStatus()), summary.byRegion(),
					summary.failedByCode(), age,
					(oldest != null) ? new OldestProcessing(oldest.orderId().value(), oldest.placedAt()) : null);
		}

	}

	record OldestProcessing(String orderId, Instant placedAt) {

	}

}
