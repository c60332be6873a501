package dev.dbaas.pipeline.contract.jdbc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class GroupCommitTest {

	private final List<List<Integer>> groups = new CopyOnWriteArrayList<>();

	private final List<Integer> groupSizes = new CopyOnWriteArrayList<>();

	private final CountDownLatch releaseFirst = new CountDownLatch(1);

	private GroupCommit<Integer, String> commit;

	@AfterEach
	void close() {
		if (this.commit != null) {
			this.commit.close();
		}
	}

	@Test
	void writesAnItemAloneWhenNothingElseIsQueued() {
		this.commit = groupCommit(1, Duration.ofSeconds(5), this::doubled);

		assertThat(this.commit.submit(21)).isEqualTo("42");
		assertThat(this.groups).containsExactly(List.of(21));
		assertThat(this.groupSizes).containsExactly(1);
	}

	@Test
	void writesWhatQueuedMeanwhileAsOneGroupAndAnswersEachCallerItsOwnResult() throws Exception {
		CompletableFuture<String> first = writerHeldOnItemZero(this::doubled);
		List<CompletableFuture<String>> others = new ArrayList<>();
		for (int i = 1; i <= 5; i++) {
			int item = i;
			others.add(CompletableFuture.supplyAsync(() -> this.commit.submit(item)));
		}
		await().atMost(Duration.ofSeconds(5)).until(() -> this.commit.queued() == 5);

		this.releaseFirst.countDown();

		assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("0");
		for (int i = 1; i <= 5; i++) {
			assertThat(others.get(i - 1).get(5, TimeUnit.SECONDS)).isEqualTo(String.valueOf(2 * i));
		}
		assertThat(this.groups).hasSize(2);
		assertThat(this.groups.get(1)).containsExactlyInAnyOrder(1, 2, 3, 4, 5);
		assertThat(this.groupSizes).containsExactly(1, 5);
	}

	@Test
	void retriesAFailedGroupItemByItemSoThatOnlyTheBadItemFails() throws Exception {
		List<CompletableFuture<String>> results = submitGroupOfFourWhere((items) -> {
			if (items.contains(13)) {
				throw new DataIntegrityViolationException("13 breaks a constraint");
			}
			return doubled(items);
		}, 13);

		assertThat(results.get(0).get(5, TimeUnit.SECONDS)).isEqualTo("2");
		assertThat(results.get(1).get(5, TimeUnit.SECONDS)).isEqualTo("4");
		assertThat(results.get(2).get(5, TimeUnit.SECONDS)).isEqualTo("6");
		assertThatThrownBy(() -> results.get(3).join()).hasCauseInstanceOf(DataIntegrityViolationException.class)
			.hasMessageContaining("13 breaks a constraint");
		// the group of four, then each of its items alone
		assertThat(this.groups.subList(1, this.groups.size())).hasSize(5);
	}

	@Test
	void failsTheWholeGroupAtOnceWhenTheDatabaseIsUnavailable() throws Exception {
		List<CompletableFuture<String>> results = submitGroupOfFourWhere((items) -> {
			if (items.size() > 1) {
				throw new TransientDataAccessResourceException("connection refused");
			}
			return doubled(items);
		}, 4);

		for (CompletableFuture<String> result : results) {
			assertThatThrownBy(result::join).hasCauseInstanceOf(TransientDataAccessResourceException.class);
		}
		// the group was not split: no item was tried alone
		assertThat(this.groups.subList(1, this.groups.size())).hasSize(1);
	}

	@Test
	void answersWithATimeoutWhenTheWriteTakesTooLong() {
		CountDownLatch never = new CountDownLatch(1);
		this.commit = groupCommit(1, Duration.ofMillis(200), (items) -> {
			hold(never);
			return doubled(items);
		});

		assertThatThrownBy(() -> this.commit.submit(1)).isInstanceOf(QueryTimeoutException.class)
			.hasMessageContaining("may still be");
		never.countDown();
	}

	@Test
	void writesWhatIsQueuedWhenClosedAndRefusesLaterItems() throws Exception {
		CompletableFuture<String> first = writerHeldOnItemZero(this::doubled);
		CompletableFuture<String> queued = CompletableFuture.supplyAsync(() -> this.commit.submit(7));
		await().atMost(Duration.ofSeconds(5)).until(() -> this.commit.queued() == 1);

		CompletableFuture<Void> closing = CompletableFuture.runAsync(this.commit::close);
		this.releaseFirst.countDown();
		closing.get(10, TimeUnit.SECONDS);

		assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("0");
		assertThat(queued.get(5, TimeUnit.SECONDS)).isEqualTo("14");
		assertThatThrownBy(() -> this.commit.submit(8)).isInstanceOf(TransientDataAccessResourceException.class)
			.hasMessageContaining("stopping");
	}

	@Test
	void refusesAtOnceWhenTheQueueIsAtItsBoundAndTakesItemsAgainOnceItDrains() throws Exception {
		CountDownLatch firstStarted = new CountDownLatch(1);
		this.commit = new GroupCommit<>("bounded-writer", 1, 100, 2, Duration.ofSeconds(10), (items) -> {
			if (items.contains(0)) {
				firstStarted.countDown();
				hold(this.releaseFirst);
			}
			return doubled(items);
		}, (failure) -> false, this.groupSizes::add);
		CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> this.commit.submit(0));
		assertThat(firstStarted.await(5, TimeUnit.SECONDS)).isTrue();
		CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> this.commit.submit(1));
		CompletableFuture<String> third = CompletableFuture.supplyAsync(() -> this.commit.submit(2));
		await().atMost(Duration.ofSeconds(5)).until(() -> this.commit.queued() == 2);

		long started = System.nanoTime();
		assertThatThrownBy(() -> this.commit.submit(3)).isInstanceOf(WriterQueueFullException.class)
			.hasMessageContaining("2 writes are already waiting");
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));

		this.releaseFirst.countDown();
		assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("0");
		assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo("2");
		assertThat(third.get(5, TimeUnit.SECONDS)).isEqualTo("4");
		assertThat(this.commit.submit(4)).isEqualTo("8");
		assertThat(this.groups).doesNotContain(List.of(3));
	}

	/**
	 * Holds the writer on item 0 until items 1, 2, 3 and {@code last} queued, so that
	 * they are written as one group.
	 */
	private List<CompletableFuture<String>> submitGroupOfFourWhere(Function<List<Integer>, List<String>> write,
			int last) throws InterruptedException {
		writerHeldOnItemZero(write);
		List<CompletableFuture<String>> results = new ArrayList<>();
		for (int item : new int[] { 1, 2, 3, last }) {
			results.add(CompletableFuture.supplyAsync(() -> this.commit.submit(item)));
		}
		await().atMost(Duration.ofSeconds(5)).until(() -> this.commit.queued() == 4);
		this.releaseFirst.countDown();
		return results;
	}

	/**
	 * Starts a writer that holds the group of item 0 until {@link #releaseFirst}, and
	 * submits item 0; other groups are written with {@code write}.
	 */
	private CompletableFuture<String> writerHeldOnItemZero(Function<List<Integer>, List<String>> write)
			throws InterruptedException {
		CountDownLatch firstStarted = new CountDownLatch(1);
		this.commit = groupCommit(1, Duration.ofSeconds(10), (items) -> {
			if (items.contains(0)) {
				firstStarted.countDown();
				hold(this.releaseFirst);
				return doubled(items);
			}
			return write.apply(items);
		});
		CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> this.commit.submit(0));
		assertThat(firstStarted.await(5, TimeUnit.SECONDS)).isTrue();
		return first;
	}

	private GroupCommit<Integer, String> groupCommit(int writers, Duration timeout,
			Function<List<Integer>, List<String>> write) {
		return new GroupCommit<>("test-writer", writers, 100, timeout, (items) -> {
			this.groups.add(List.copyOf(items));
			return write.apply(items);
		}, (failure) -> !(failure instanceof TransientDataAccessResourceException), this.groupSizes::add);
	}

	private List<String> doubled(List<Integer> items) {
		return items.stream().map((item) -> String.valueOf(2 * item)).toList();
	}

	private static void hold(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
