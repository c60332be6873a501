package dev.dbaas.pipeline.bench;

import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class OrderLoadTest {

	@Test
	void theSampleModeLongPollsTheFirstAcceptedOrderAndThenEveryNth() {
		assertThat(LongStream.rangeClosed(1, 25).filter((accepted) -> OrderLoad.sampled(accepted, 10)))
			.containsExactly(1L, 11L, 21L);
		assertThat(LongStream.rangeClosed(1, 3).allMatch((accepted) -> OrderLoad.sampled(accepted, 1))).isTrue();
	}

	@Test
	void theSampleModeNeedsTheStatusTopic() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new OrderLoad("http://localhost:1", "http://localhost:2", "", null,
					new BenchOptions.Follow(BenchOptions.Follow.SAMPLE, 10), null))
			.withMessageContaining("status topic");
	}

}
