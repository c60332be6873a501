package dev.dbaas.pipeline.intake.outbox;

import java.sql.Types;
import java.util.List;

import dev.dbaas.pipeline.contract.tracing.OrderTraces;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes messages into the outbox table within the caller's transaction and wakes the
 * relay once that transaction commits, so that publication starts right away instead of
 * on the next poll. Each row keeps the trace context of the request that caused it (the
 * span in scope when it is written, see {@link OrderTraces#current()}: the
 * {@code POST /v1/orders} request's, which continues the caller's {@code traceparent}
 * when it sent one), which the relay sends as the record's {@code traceparent} header, so
 * the consumers continue the same trace.
 */
@Component
public class Outbox {

	private final NamedParameterJdbcTemplate jdbc;

	private final OutboxRelay relay;

	private final OrderTraces traces;

	Outbox(NamedParameterJdbcTemplate jdbc, OutboxRelay relay, OrderTraces traces) {
		this.jdbc = jdbc;
		this.relay = relay;
		this.traces = traces;
	}

	/**
	 * Appends a message. Must run inside a transaction: the message becomes visible to
	 * the relay exactly when the caller's change commits. A key may have one unpublished
	 * message at a time (this is what keeps per-key order across relaying instances); a
	 * second one fails with {@code DuplicateKeyException}. A message without a trace
	 * context gets the one in scope on this thread, if any.
	 * @param message the message
	 */
	public void append(OutboxMessage message) {
		append(List.of(inCurrentTrace(message)));
	}

	/**
	 * Appends messages as they are, in one JDBC batch. Must run inside a transaction, as
	 * {@link #append(OutboxMessage)}.
	 * @param messages the messages, each with the trace context it belongs to
	 */
	public void append(List<OutboxMessage> messages) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			throw new IllegalStateException(
					"Outbox.append needs a transaction: the message must commit with its cause");
		}
		if (messages.isEmpty()) {
			return;
		}
		SqlParameterSource[] rows = messages.stream()
			.map((message) -> new MapSqlParameterSource().addValue("eventId", message.eventId())
				.addValue("topic", message.topic())
				.addValue("key", message.key())
				.addValue("payload", message.payload())
				.addValue("traceParent", message.traceParent(), Types.VARCHAR))
			.toArray(SqlParameterSource[]::new);
		this.jdbc.batchUpdate("""
				INSERT INTO outbox (event_id, topic, message_key, payload, trace_parent)
				VALUES (:eventId, :topic, :key, :payload, :traceParent)
				""", rows);
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				Outbox.this.relay.wake();
			}
		});
	}

	/**
	 * The message in the trace context in scope on this thread, unless it has one.
	 * @param message the message
	 * @return the message with a trace context if this thread has one
	 */
	public OutboxMessage inCurrentTrace(OutboxMessage message) {
		if (message.traceParent() != null) {
			return message;
		}
		String traceParent = this.traces.current();
		return (traceParent != null)
				? new OutboxMessage(message.eventId(), message.topic(), message.key(), message.payload(), traceParent)
				: message;
	}

}
