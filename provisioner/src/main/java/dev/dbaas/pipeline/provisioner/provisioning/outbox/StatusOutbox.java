package dev.dbaas.pipeline.provisioner.provisioning.outbox;

import dev.dbaas.pipeline.provisioner.provisioning.ProvisioningEvent;
import dev.dbaas.pipeline.schemas.AvroEventSerializer;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes status events into the outbox table, inside the caller's transaction: on its own
 * ({@link #append(ProvisioningEvent)}), or as part of the statement that changes the job
 * ({@link #appendFrom(String)}), which the hot path's transitions use.
 */
@Component
public class StatusOutbox {

	private final JdbcClient jdbc;

	private final AvroEventSerializer serializer = new AvroEventSerializer();

	StatusOutbox(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Appends an event, with the trace context stored with the order's job. Must run in
	 * the transaction that stores the state change.
	 * @param event the event
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void append(ProvisioningEvent event) {
		Encoded encoded = encode(event);
		this.jdbc
			.sql("""
					INSERT INTO status_outbox (order_id, sequence, payload, trace_parent)
					VALUES (:orderId, :sequence, :payload, (SELECT trace_parent FROM provisioning_job WHERE order_id = :orderId))
					""")
			.param("orderId", encoded.orderId())
			.param("sequence", encoded.sequence())
			.param("payload", encoded.payload())
			.update();
	}

	/**
	 * Encodes an event for {@link #appendFrom(String)}, so that a caller does the
	 * encoding on its own thread before it hands the write to a group-commit writer.
	 * @param event the event
	 * @return the row to append
	 */
	public Encoded encode(ProvisioningEvent event) {
		return new Encoded(event.orderId().value(), event.sequence(),
				this.serializer.encode(StatusEventMapping.toStatusChanged(event)));
	}

	/**
	 * The statement that appends an encoded event for each row of a common table
	 * expression of the caller's statement, with the trace context that row returns: a
	 * write that changes a job and emits an event is then one statement, not two. The
	 * event's values are bound by {@link #bind(StatementSpec, Encoded)}.
	 * @param source the name of a CTE whose rows return the job's {@code trace_parent}
	 * (at most one row: the job that emits the event)
	 * @return an {@code INSERT ... SELECT} for a {@code WITH} clause
	 */
	public static String appendFrom(String source) {
		return """
				INSERT INTO status_outbox (order_id, sequence, payload, trace_parent)
				SELECT :eventOrderId, :eventSequence, :eventPayload, trace_parent FROM %s""".formatted(source);
	}

	/**
	 * Binds an encoded event to a statement that contains {@link #appendFrom(String)}.
	 * @param statement the statement
	 * @param event the event
	 * @return the statement
	 */
	public static StatementSpec bind(StatementSpec statement, Encoded event) {
		return statement.param("eventOrderId", event.orderId())
			.param("eventSequence", event.sequence())
			.param("eventPayload", event.payload());
	}

	/**
	 * A status event as its outbox row holds it.
	 *
	 * @param orderId the order
	 * @param sequence the event's sequence
	 * @param payload the Avro single-object encoding of its {@code OrderStatusChanged}
	 */
	public record Encoded(String orderId, long sequence, byte[] payload) {
	}

}
