package dev.dbaas.pipeline.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RequestGateTest {

	@Test
	void startsRequestsUpToTheLimitAndTheRestInOrderAsOthersFinish() {
		RequestGate gate = new RequestGate(2);
		List<Integer> started = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			int request = i;
			gate.submit(() -> started.add(request));
		}
		assertThat(started).containsExactly(0, 1);
		assertThat(gate.waited()).isEqualTo(3);
		gate.finished();
		assertThat(started).containsExactly(0, 1, 2);
		gate.finished();
		gate.finished();
		assertThat(started).containsExactly(0, 1, 2, 3, 4);
	}

	@Test
	void neverHasMoreOpenThanTheLimitAndStrandsNothingUnderConcurrency() throws InterruptedException {
		RequestGate gate = new RequestGate(8);
		AtomicInteger open = new AtomicInteger();
		AtomicInteger mostOpen = new AtomicInteger();
		int requests = 20_000;
		CountDownLatch answered = new CountDownLatch(requests);
		ExecutorService senders = Executors.newFixedThreadPool(4);
		ExecutorService server = Executors.newFixedThreadPool(4);
		try {
			for (int i = 0; i < requests; i++) {
				senders.execute(() -> gate.submit(() -> {
					mostOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
					server.execute(() -> {
						open.decrementAndGet();
						answered.countDown();
						gate.finished();
					});
				}));
			}
			assertThat(answered.await(30, TimeUnit.SECONDS)).as("every request answered").isTrue();
			assertThat(mostOpen.get()).isBetween(1, 8);
		}
		finally {
			senders.shutdownNow();
			server.shutdownNow();
		}
	}

	@Test
	void requestsThatFinishAtOnceDrainWithoutRecursion() {
		RequestGate gate = new RequestGate(1);
		AtomicInteger dropped = new AtomicInteger();
		gate.submit(() -> {
			// held open until the end
		});
		for (int i = 0; i < 200_000; i++) {
			gate.submit(() -> {
				dropped.incrementAndGet();
				gate.finished();
			});
		}
		gate.finished();
		assertThat(dropped).hasValue(200_000);
	}

	@Test
	void rejectsALimitBelowOne() {
		assertThatIllegalArgumentException().isThrownBy(() -> new RequestGate(0));
	}

}
