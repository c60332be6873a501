package dev.dbaas.pipeline.tail;

import java.util.Set;

import dev.dbaas.pipeline.events.OrderStatus;
import dev.dbaas.pipeline.events.OrderStatusChanged;
import dev.dbaas.pipeline.events.OrderType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EventFilterTest {

	static final OrderStatusChanged PROCESSING = StatusEvents.processing("o-1", "c-1", 1, "ALLOCATE_NODE");

	static final OrderStatusChanged FAILED = StatusEvents.failed("o-2", "c-2", 2, "REGION_CAPACITY_EXHAUSTED");

	static final OrderStatusChanged DONE = StatusEvents.done("o-3", "c-1", 7);

	@Test
	void withoutCriteriaEveryEventPasses() {
		EventFilter filter = EventFilter.everything();

		assertThat(filter.matches(PROCESSING)).isTrue();
		assertThat(filter.matches(FAILED)).isTrue();
		assertThat(filter.admitsUndecodable(null)).isTrue();
	}

	@Test
	void statusesAreAlternatives() {
		EventFilter filter = new EventFilter(Set.of(OrderStatus.FAILED, OrderStatus.DONE), null, null);

		assertThat(filter.matches(FAILED)).isTrue();
		assertThat(filter.matches(DONE)).isTrue();
		assertThat(filter.matches(PROCESSING)).isFalse();
	}

	@Test
	void everyCriterionMustHold() {
		EventFilter filter = new EventFilter(Set.of(OrderStatus.DONE), "c-1", null);

		assertThat(filter.matches(DONE)).isTrue();
		assertThat(filter.matches(PROCESSING)).as("right customer, other status").isFalse();
		assertThat(filter.matches(StatusEvents.done("o-4", "c-2", 7))).as("right status, other customer").isFalse();
	}

	@Test
	void selectsOneOrder() {
		EventFilter filter = new EventFilter(Set.of(), null, "o-1");

		assertThat(filter.matches(PROCESSING)).isTrue();
		assertThat(filter.matches(StatusEvents.done("o-1", "c-1", 7))).isTrue();
		assertThat(filter.matches(FAILED)).isFalse();
	}

	@Test
	void orderTypesAreAlternativesAndAnEventWithoutOneIsACreate() {
		EventFilter changes = new EventFilter(Set.of(), Set.of(OrderType.UPDATE, OrderType.DELETE), null, null);
		EventFilter creates = new EventFilter(Set.of(), Set.of(OrderType.CREATE), null, null);

		assertThat(changes.matches(StatusEvents.updateDone("o-4", "c-1", 5))).isTrue();
		assertThat(changes.matches(StatusEvents.deleteFailed("o-5", "c-1", 3, true))).isTrue();
		assertThat(changes.matches(DONE)).as("no orderType: a create").isFalse();
		assertThat(creates.matches(DONE)).isTrue();
		assertThat(creates.matches(StatusEvents.cancelled("o-6", "c-1", 3))).isTrue();
		assertThat(creates.matches(StatusEvents.updateDone("o-4", "c-1", 5))).isFalse();
	}

	@Test
	void typeAndStatusMustBothHold() {
		EventFilter failedChanges = new EventFilter(Set.of(OrderStatus.FAILED),
				Set.of(OrderType.UPDATE, OrderType.DELETE), null, null);

		assertThat(failedChanges.matches(StatusEvents.deleteFailed("o-5", "c-1", 3, false))).isTrue();
		assertThat(failedChanges.matches(FAILED)).as("a failed create").isFalse();
		assertThat(failedChanges.matches(StatusEvents.updateDone("o-4", "c-1", 5))).as("a done update").isFalse();
		assertThat(failedChanges.admitsUndecodable("o-9")).isTrue();
	}

	@Test
	void undecodableRecordsPassStatusAndCustomerFiltersButNotAnotherOrder() {
		assertThat(new EventFilter(Set.of(OrderStatus.FAILED), "c-1", null).admitsUndecodable("o-9")).isTrue();
		assertThat(new EventFilter(Set.of(), null, "o-1").admitsUndecodable("o-1")).isTrue();
		assertThat(new EventFilter(Set.of(), null, "o-1").admitsUndecodable("o-9")).isFalse();
		assertThat(new EventFilter(Set.of(), null, "o-1").admitsUndecodable(null)).isFalse();
	}

}
