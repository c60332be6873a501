package dev.dbaas.pipeline.contract.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.support.SendResult;

/**
 * Sends a batch of records and tells which of them Kafka acknowledged, so that a relay
 * marks exactly those as published and leaves the rest for the next batch.
 *
 * <p>
 * All records are handed to the producer, which is then flushed, and every
 * acknowledgement is awaited against one deadline. A send that fails synchronously (e.g.
 * {@code max.block.ms} ran out while Kafka is unreachable) stops the batch there: the
 * later records would fail too. Stateless and thread-safe.
 */
public final class BatchSend {

	private BatchSend() {
	}

	/**
	 * Sends the records and waits for the broker.
	 * @param <K> key type
	 * @param <V> value type
	 * @param kafka the producer
	 * @param records the batch, in the order it should reach Kafka
	 * @param timeout how long to wait for all acknowledgements together
	 * @return which records Kafka acknowledged, and the first failure
	 */
	public static <K, V> Outcome send(KafkaOperations<K, V> kafka, List<ProducerRecord<K, V>> records,
			Duration timeout) {
		List<CompletableFuture<SendResult<K, V>>> sends = new ArrayList<>(records.size());
		Exception failure = null;
		for (ProducerRecord<K, V> record : records) {
			try {
				sends.add(kafka.send(record));
			}
			catch (RuntimeException ex) {
				failure = ex;
				break;
			}
		}
		kafka.flush();
		long deadline = System.nanoTime() + timeout.toNanos();
		BitSet acknowledged = new BitSet(records.size());
		for (int i = 0; i < sends.size(); i++) {
			try {
				sends.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
				acknowledged.set(i);
			}
			catch (ExecutionException | TimeoutException ex) {
				failure = (failure != null) ? failure : ex;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				failure = ex;
				break;
			}
		}
		return new Outcome(records.size(), acknowledged, failure);
	}

	/**
	 * What became of a batch.
	 */
	public static final class Outcome {

		private final int size;

		private final BitSet acknowledged;

		private final @Nullable Exception failure;

		Outcome(int size, BitSet acknowledged, @Nullable Exception failure) {
			this.size = size;
			this.acknowledged = acknowledged;
			this.failure = failure;
		}

		/**
		 * Whether Kafka acknowledged a record.
		 * @param index the record's position in the batch
		 * @return {@code true} if acknowledged
		 */
		public boolean acknowledged(int index) {
			return this.acknowledged.get(index);
		}

		/**
		 * How many records Kafka acknowledged.
		 * @return the count
		 */
		public int acknowledgedCount() {
			return this.acknowledged.cardinality();
		}

		/**
		 * How many records from the start of the batch Kafka acknowledged without a gap,
		 * for a relay that must not let a later record overtake an earlier one.
		 * @return the length of the acknowledged prefix
		 */
		public int acknowledgedPrefix() {
			return this.acknowledged.nextClearBit(0);
		}

		/**
		 * Whether every record was acknowledged.
		 * @return {@code true} if the whole batch is on the broker
		 */
		public boolean complete() {
			return this.failure == null && acknowledgedCount() == this.size;
		}

		/**
		 * The first failure, if any.
		 * @return the failure, or {@code null} when the batch is complete
		 */
		public @Nullable Exception failure() {
			return this.failure;
		}

		/**
		 * Whether the failure is one a fresh producer might not have: not retriable, not
		 * a timeout, not an interrupt (e.g. a fenced or closed producer).
		 * @return {@code true} if the producer should be reset
		 */
		public boolean producerFailedFatally() {
			if (this.failure == null) {
				return false;
			}
			// Through the whole chain: spring-kafka wraps the producer's exception.
			for (Throwable cause = this.failure; cause != null; cause = cause.getCause()) {
				if (cause instanceof RetriableException || cause instanceof TimeoutException
						|| cause instanceof InterruptedException) {
					return false;
				}
				if (cause.getCause() == cause) {
					break;
				}
			}
			return true;
		}

		/**
		 * Throws if the batch is not complete.
		 * @param what what the records are, for the message, e.g. {@code status events}
		 * @throws NotAcknowledgedException if Kafka did not acknowledge every record
		 */
		public void requireComplete(String what) {
			if (!complete()) {
				throw new NotAcknowledgedException(what, acknowledgedCount(), this.size, this.failure);
			}
		}

	}

	/**
	 * Kafka did not acknowledge every record of a batch; the rest stay in the outbox and
	 * are sent again.
	 */
	public static class NotAcknowledgedException extends RuntimeException {

		NotAcknowledgedException(String what, int acknowledged, int size, @Nullable Exception cause) {
			super("Kafka did not acknowledge the batch of " + what + " (" + acknowledged + " of " + size
					+ " acknowledged): " + cause, cause);
		}

	}

}
