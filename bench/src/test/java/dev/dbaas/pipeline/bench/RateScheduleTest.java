package dev.dbaas.pipeline.bench;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RateScheduleTest {

	@Test
	void spacesRequestsEvenlyFromTheStart() {
		RateSchedule schedule = new RateSchedule(1_000, 500);
		assertThat(schedule.intendedNanos(0)).isEqualTo(1_000);
		assertThat(schedule.intendedNanos(1)).isEqualTo(1_000 + 2_000_000);
		assertThat(schedule.intendedNanos(500)).isEqualTo(1_000 + 1_000_000_000L);
	}

	@Test
	void intendedTimesDoNotDriftWithFractionalIntervals() {
		RateSchedule schedule = new RateSchedule(0, 300);
		assertThat(schedule.intendedNanos(300)).isEqualTo(1_000_000_000L);
		assertThat(schedule.intendedNanos(3_000_000)).isEqualTo(10_000_000_000_000L);
	}

	@Test
	void countsTheRequestsDueWithinARun() {
		assertThat(new RateSchedule(0, 100).requestsWithin(Duration.ofSeconds(5))).isEqualTo(500);
		assertThat(new RateSchedule(0, 300).requestsWithin(Duration.ofMillis(10))).isEqualTo(3);
		assertThat(new RateSchedule(0, 3).requestsWithin(Duration.ofMillis(500))).isEqualTo(2);
	}

	@Test
	void rejectsRatesThatAreNotPositive() {
		assertThatIllegalArgumentException().isThrownBy(() -> new RateSchedule(0, 0));
		assertThatIllegalArgumentException().isThrownBy(() -> new RateSchedule(0, -1));
		assertThatIllegalArgumentException().isThrownBy(() -> new RateSchedule(0, Double.NaN));
	}

}
