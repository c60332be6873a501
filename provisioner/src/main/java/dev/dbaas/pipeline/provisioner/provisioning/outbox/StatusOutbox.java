package dev.dbaas.pipeline.provisioner.provisioning.outbox;

import dev.dbaas.pipeline.provisioner.provisioning.ProvisioningEvent;
import dev.dbaas.pipeline.schemas.AvroEventSerializer;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes status events into the outbox table, inside the caller's transaction.
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
		append(encode(event));
	}

	/**
	 * Encodes an event for {@link #append(Encoded)}, so that a caller does the encoding
	 * on its own thread before it hands the write to a group-commit writer.
	 * @param event the event
	 * @return the row to append
	 */
	public Encoded encode(ProvisioningEvent event) {
		return new Encoded(event.orderId().value(), event.sequence(),
				this.serializer.encode(StatusEventMapping.toStatusChanged(event)));
	}

	/**
	 * Appends an encoded event, with the trace context stored with the order's job. Must
	 * run in the transaction that stores the state change.
	 * @param event the encoded event
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void append(Encoded event) {
		this.jdbc
			.sql("""
					INSERT INTO status_outbox (order_id, sequence, payload, trace_parent)
					VALUES (:orderId, :sequence, :payload, (SELECT trace_parent FROM provisioning_job WHERE order_id = :orderId))
					""")
			.param("orderId", event.orderId())
			.param("sequence", event.sequence())
			.param("payload", event.payload())
			.update();
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
