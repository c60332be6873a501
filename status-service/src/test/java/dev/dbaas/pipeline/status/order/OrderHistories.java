package dev.dbaas.pipeline.status.order;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generated event histories, in the order their sources emitted them: per order an
 * optional {@code OrderPlaced}, then status events with rising sequences (a NEW, some
 * PROCESSING steps, sometimes a repeated step, and a DONE with an instance or a FAILED
 * with a failure, a CANCELLED, or nothing terminal yet). Orders are legacy creates,
 * creates, UPDATEs with changes or DELETEs; their status events report the order type,
 * observed settings and whether the instance is usable, or (as older events) not.
 * Sometimes an order is placed twice or its status events name a different customer, to
 * prove that even odd inputs converge.
 */
public final class OrderHistories {

	private static final List<String> STEPS = List.of("RESERVE_CAPACITY", "CREATE_INSTANCE", "CONFIGURE_FIREWALL",
			"CREATE_USER", "VERIFY");

	private OrderHistories() {
	}

	/**
	 * Histories of one to four orders.
	 * @return in-order histories
	 */
	public static Arbitrary<List<OrderEvent>> histories() {
		return Arbitraries.integers()
			.between(1, 4)
			.flatMap((orders) -> orderHistory("o-").list().ofSize(orders))
			.map((perOrder) -> {
				List<OrderEvent> all = new ArrayList<>();
				for (int i = 0; i < perOrder.size(); i++) {
					String orderId = "o-" + i;
					perOrder.get(i).stream().map((event) -> renamed(event, orderId)).forEach(all::add);
				}
				return all;
			});
	}

	private static Arbitrary<List<OrderEvent>> orderHistory(String prefix) {
		Arbitrary<Integer> placements = Arbitraries.frequency(net.jqwik.api.Tuple.of(1, 0),
				net.jqwik.api.Tuple.of(8, 1), net.jqwik.api.Tuple.of(1, 2));
		Arbitrary<List<String>> steps = Arbitraries.of(STEPS).list().ofMaxSize(4);
		Arbitrary<Integer> terminal = Arbitraries.integers().between(0, 3);
		Arbitrary<Boolean> startsWithNew = Arbitraries.of(true, false);
		Arbitrary<Boolean> oddCustomer = Arbitraries.frequency(net.jqwik.api.Tuple.of(9, false),
				net.jqwik.api.Tuple.of(1, true));
		Arbitrary<Integer> minutes = Arbitraries.integers().between(0, 10_000);
		// Which events name the instance: 0 none (all derived), 1 the placement only, 2
		// every event; 3 events that disagree (named and derived ids differ).
		Arbitrary<Integer> naming = Arbitraries.integers().between(0, 3);
		// The order's terms (see terms) and what its status events report: 0 no order
		// type,
		// 1 the placement's type, observed settings on DONE and instanceUsable on FAILED.
		Arbitrary<Integer> variant = Arbitraries.integers().between(0, 7);
		return Combinators.combine(placements, steps, terminal, startsWithNew, oddCustomer, minutes, naming, variant)
			.as((placed, stepList, end, withNew, odd, start, named, kind) -> {
				OrderTerms terms = terms(kind, start);
				OrderType reportedType = (kind >= 4) ? terms.type() : null;
				List<OrderEvent> events = new ArrayList<>();
				var t = OrderEvents.T0.plus(Duration.ofMinutes(start));
				String customer = "customer-" + (start % 3);
				String derived = String.format("db-%016x", start);
				String other = String.format("db-%016x", start + 1);
				for (int i = 0; i < placed; i++) {
					events.add(OrderEvents.anOrderPlaced(prefix)
						.by(customer)
						.at(t.plusMillis(i))
						.forInstance((named == 3 && i == 1) ? other : derived, named != 0)
						.terms(terms)
						.build());
				}
				String statusCustomer = odd ? customer + "-x" : customer;
				boolean statusNamed = named >= 2;
				String statusInstance = (named == 3) ? other : derived;
				long sequence = 1;
				if (withNew) {
					events.add(OrderEvents.aStatusChange(prefix, OrderStatus.NEW, sequence)
						.by(statusCustomer)
						.forInstance(statusInstance, statusNamed)
						.orderType(reportedType)
						.at(t.plusSeconds(sequence))
						.build());
				}
				for (String step : stepList) {
					sequence++;
					events.add(OrderEvents.aStatusChange(prefix, OrderStatus.PROCESSING, sequence)
						.by(statusCustomer)
						.forInstance(statusInstance, statusNamed)
						.orderType(reportedType)
						.step(step)
						.at(t.plusSeconds(sequence))
						.build());
				}
				sequence++;
				if (end == 1) {
					OrderEvents.StatusBuilder done = OrderEvents.aStatusChange(prefix, OrderStatus.DONE, sequence)
						.orderType(reportedType);
					if (kind >= 4 && terms.type() != OrderType.DELETE) {
						done.observed("b2-" + (start % 4 + 1), 50 + start % 50,
								(start % 5 == 0) ? List.of() : List.of("127.0.0." + (start % 200) + "/32"),
								(start % 2 == 0) ? (long) start : null);
					}
					events
						.add(done.by(statusCustomer)
							.forInstance(statusInstance, statusNamed)
							.instance("db-" + start + ".example.net", 3306, (start % 2 == 0) ? "verify-full" : null,
									(start % 2 == 0) ? "-----BEGIN CERTIFICATE-----\nMIIB" + start
											+ "\n-----END CERTIFICATE-----\n" : null)
							.credentials("key-" + (start % 2), "sealed." + start + ".value")
							.at(t.plusSeconds(sequence))
							.build());
				}
				else if (end == 2) {
					events.add(OrderEvents.aStatusChange(prefix, OrderStatus.FAILED, sequence)
						.orderType(reportedType)
						.instanceUsable((kind >= 4 && terms.type().isChange()) ? Boolean.valueOf(start % 2 == 0) : null)
						.by(statusCustomer)
						.step(stepList.isEmpty() ? null : stepList.get(stepList.size() - 1))
						.forInstance(statusInstance, statusNamed)
						.failure("REGION_CAPACITY_EXHAUSTED", "No capacity left in the region")
						.at(t.plusSeconds(sequence))
						.build());
				}
				else if (end == 3) {
					events.add(OrderEvents.aStatusChange(prefix, OrderStatus.CANCELLED, sequence)
						.orderType(reportedType)
						.by(statusCustomer)
						.forInstance(statusInstance, statusNamed)
						.at(t.plusSeconds(sequence))
						.build());
				}
				return events;
			});
	}

	private static OrderEvent renamed(OrderEvent event, String orderId) {
		return OrderEvents.withOrderId(event, OrderId.of(orderId));
	}

	/**
	 * The terms of a placement: a legacy create, a create, an UPDATE with changes or a
	 * DELETE, by variant.
	 */
	private static OrderTerms terms(int variant, int start) {
		return switch (variant % 4) {
			case 0 -> OrderTerms.LEGACY_CREATE;
			case 1 -> new OrderTerms(OrderType.CREATE, 1, "portal-" + (start % 2), start % 3 == 0, null);
			case 2 -> new OrderTerms(OrderType.UPDATE, 2 + start % 5, "client-" + start, start % 2 == 0,
					new InstanceChanges((start % 2 == 0) ? 100 : null, (start % 3 == 0) ? "b2-8" : null,
							(start % 5 == 0) ? List.of() : List.of("127.0.0." + (start % 200) + "/32"),
							(start % 2 == 0) ? Boolean.TRUE : null));
			default -> new OrderTerms(OrderType.DELETE, 2 + start % 5, "client-" + start, false, null);
		};
	}

}
