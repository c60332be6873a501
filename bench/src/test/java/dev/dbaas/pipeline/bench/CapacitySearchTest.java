package dev.dbaas.pipeline.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.IntPredicate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CapacitySearchTest {

	@Test
	void doublesWhileSustainedThenBisectsToWithinTenPercent() {
		List<Integer> tried = new ArrayList<>();
		CapacitySearch search = run(new CapacitySearch(100, 4000, 10), (rate) -> rate <= 730, tried);
		assertThat(tried).startsWith(100, 200, 400, 800, 600, 700);
		assertThat(search.capacity()).isBetween(700, 730);
		assertThat(search.firstNotSustained()).isPresent();
		assertThat(search.firstNotSustained().getAsInt() - search.capacity())
			.isLessThanOrEqualTo(search.capacity() / 10);
	}

	@Test
	void stopsAtTheMaximumWhenEveryStepIsSustained() {
		List<Integer> tried = new ArrayList<>();
		CapacitySearch search = run(new CapacitySearch(100, 500, 10), (rate) -> true, tried);
		assertThat(tried).containsExactly(100, 200, 400, 500);
		assertThat(search.capacity()).isEqualTo(500);
		assertThat(search.firstNotSustained()).isEmpty();
	}

	@Test
	void halvesFromTheStartWhileNothingIsSustained() {
		List<Integer> tried = new ArrayList<>();
		CapacitySearch search = run(new CapacitySearch(400, 4000, 10), (rate) -> rate <= 60, tried);
		assertThat(tried).startsWith(400, 200, 100, 50);
		assertThat(search.capacity()).isBetween(50, 60);
	}

	@Test
	void aStackThatHoldsNoRateHasNoCapacity() {
		List<Integer> tried = new ArrayList<>();
		CapacitySearch search = run(new CapacitySearch(40, 4000, 10), (rate) -> false, tried);
		assertThat(tried).containsExactly(40, 20, 10, 5);
		assertThat(search.capacity()).isZero();
	}

	@Test
	void neverTakesMoreStepsThanAllowed() {
		List<Integer> tried = new ArrayList<>();
		CapacitySearch search = run(new CapacitySearch(100, 100_000, 3), (rate) -> true, tried);
		assertThat(tried).containsExactly(100, 200, 400);
		assertThat(search.capacity()).isEqualTo(400);
	}

	@Test
	void refusesAStartAboveTheMaximum() {
		assertThatIllegalArgumentException().isThrownBy(() -> new CapacitySearch(500, 100, 5));
	}

	private static CapacitySearch run(CapacitySearch search, IntPredicate holds, List<Integer> tried) {
		for (OptionalInt next = search.next(); next.isPresent(); next = search.next()) {
			int rate = next.getAsInt();
			tried.add(rate);
			search.record(rate, holds.test(rate));
		}
		return search;
	}

}
