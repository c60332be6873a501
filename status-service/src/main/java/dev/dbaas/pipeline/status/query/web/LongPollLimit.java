package dev.dbaas.pipeline.status.query.web;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Caps the long polls a client may have open at once
 * ({@code status.long-poll.max-per-client}); one over the cap is refused with
 * {@link TooManyLongPollsException} before anything is read.
 *
 * <p>
 * A client has an entry only while it has a long poll open; the entry goes with its last
 * poll. So the bookkeeping never holds more entries than there are open requests, which
 * the server's connection limit bounds. Thread-safe.
 */
@Component
class LongPollLimit {

	private final int maxPerClient;

	private final Map<String, Integer> open = new ConcurrentHashMap<>();

	LongPollLimit(@Value("${status.long-poll.max-per-client:100}") int maxPerClient) {
		if (maxPerClient < 1) {
			throw new IllegalArgumentException("status.long-poll.max-per-client must be at least 1");
		}
		this.maxPerClient = maxPerClient;
	}

	/**
	 * Runs a long poll in one of the client's slots, freed when the poll completes.
	 * @param <T> what the poll completes with
	 * @param client the client, e.g. {@code Caller#limitKey()}
	 * @param poll starts the poll
	 * @return the poll
	 * @throws TooManyLongPollsException if the client has all its slots in use
	 */
	<T> CompletableFuture<T> open(String client, Supplier<CompletableFuture<T>> poll) {
		if (!tryOpen(client)) {
			throw new TooManyLongPollsException(this.maxPerClient);
		}
		CompletableFuture<T> started;
		try {
			started = poll.get();
		}
		catch (RuntimeException ex) {
			close(client);
			throw ex;
		}
		started.whenComplete((result, failure) -> close(client));
		return started;
	}

	/**
	 * How many long polls a client has open.
	 * @param client the client
	 * @return the count, 0 if none
	 */
	int openBy(String client) {
		return this.open.getOrDefault(client, 0);
	}

	/**
	 * How many clients have long polls open: the size of the bookkeeping.
	 * @return the count
	 */
	int clients() {
		return this.open.size();
	}

	private boolean tryOpen(String client) {
		boolean[] opened = { false };
		this.open.compute(client, (key, count) -> {
			int current = (count != null) ? count : 0;
			if (current >= this.maxPerClient) {
				return count;
			}
			opened[0] = true;
			return current + 1;
		});
		return opened[0];
	}

	private void close(String client) {
		this.open.computeIfPresent(client, (key, count) -> (count <= 1) ? null : count - 1);
	}

}
