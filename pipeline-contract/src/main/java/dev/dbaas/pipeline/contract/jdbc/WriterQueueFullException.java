package dev.dbaas.pipeline.contract.jdbc;

import org.springframework.dao.TransientDataAccessResourceException;

/**
 * A {@link GroupCommit}'s queue is at its bound: the item was not queued, and the caller
 * should refuse its request fast (say, {@code 503} with {@code Retry-After}) rather than
 * wait behind writes it cannot get through in time.
 */
public class WriterQueueFullException extends TransientDataAccessResourceException {

	private final int bound;

	/**
	 * Creates the exception.
	 * @param bound the queue's bound
	 */
	public WriterQueueFullException(int bound) {
		super(bound + " writes are already waiting for a writer");
		this.bound = bound;
	}

	/**
	 * The queue's bound.
	 * @return the most items that may wait
	 */
	public int bound() {
		return this.bound;
	}

}
