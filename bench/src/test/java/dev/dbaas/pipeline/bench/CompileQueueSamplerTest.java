package dev.dbaas.pipeline.bench;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * Samples on a real thread, at a short delay, while an exercise waits for the reads.
 */
class CompileQueueSamplerTest {

	private static final Duration EVERY = Duration.ofMillis(10);

	private final AtomicInteger reads = new AtomicInteger();

	@Test
	void readsTheQueueFromTheStartOfTheWindowUntilItsEndInOrder() throws InterruptedException {
		CompileQueueSampler sampler = new CompileQueueSampler(
				() -> new CompileQueue(0, 0, this.reads.getAndIncrement()), EVERY);

		List<CompileQueue> samples = sampler.during(
				(window) -> await().atMost(Duration.ofSeconds(10)).until(() -> this.reads.get() >= 3),
				Duration.ofSeconds(1));

		assertThat(samples).hasSizeGreaterThanOrEqualTo(3);
		assertThat(samples).extracting(CompileQueue::c2).startsWith(0, 1, 2).isSorted();
		int readsWhenTheWindowEnded = this.reads.get();
		await().during(Duration.ofMillis(200))
			.atMost(Duration.ofSeconds(2))
			.until(() -> this.reads.get() == readsWhenTheWindowEnded);
	}

	@Test
	void aReadThatFailsIsASampleNotReadAndTheNextReadsGoOn() throws InterruptedException {
		CompileQueueSampler sampler = new CompileQueueSampler(() -> {
			if (this.reads.getAndIncrement() == 0) {
				throw new IllegalStateException("connection to the stack's JVM lost");
			}
			return new CompileQueue(1, 0, 0);
		}, EVERY);

		List<CompileQueue> samples = sampler.during(
				(window) -> await().atMost(Duration.ofSeconds(10)).until(() -> this.reads.get() >= 2),
				Duration.ofSeconds(1));

		assertThat(samples).startsWith(CompileQueue.NOT_READ, new CompileQueue(1, 0, 0));
	}

	@Test
	void refusesADelayOfZero() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new CompileQueueSampler(() -> CompileQueue.NOT_READ, Duration.ZERO));
	}

}
