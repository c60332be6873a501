package dev.dbaas.pipeline.intake.outbox;

import java.sql.Types;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes messages into the outbox table within the caller's transaction and wakes the
 * relay once that transaction commits, so that publication starts right away instead of
 * on the next poll. Each row keeps the caller's trace context ({@link CurrentTrace}),
 * which the relay sends as the record's {@code traceparent} header.
 */
@Component
public class Outbox {

	private final JdbcClient jdbc;

	private final RelaySignal signal;

	private final CurrentTrace trace;

	Outbox(JdbcClient jdbc, RelaySignal signal, CurrentTrace trace) {
		this.jdbc = jdbc;
		this.signal = signal;
		this.trace = trace;
	}

	/**
	 * Appends a message. Must run inside a transaction: the message becomes visible to
	 * the relay exactly when the caller's change commits. A key may have one unpublished
	 * message at a time (this is what keeps per-key order across relaying instances); a
	 * second one fails with {@code DuplicateKeyException}. The trace context in scope on
	 * this thread, if any, goes with the message.
	 * @param message the message
	 */
	public void append(OutboxMessage message) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			throw new IllegalStateException(
					"Outbox.append needs a transaction: the message must commit with its cause");
		}
		this.jdbc.sql("""
				INSERT INTO outbox (event_id, topic, message_key, payload, trace_parent)
				VALUES (:eventId, :topic, :key, :payload, :traceParent)
				""")
			.param("eventId", message.eventId())
			.param("topic", message.topic())
			.param("key", message.key())
			.param("payload", message.payload())
			.param("traceParent", this.trace.traceParent(), Types.VARCHAR)
			.update();
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				Outbox.this.signal.wake();
			}
		});
	}

}
