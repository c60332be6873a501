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
		this.jdbc
			.sql("""
					INSERT INTO status_outbox (order_id, sequence, payload, trace_parent)
					VALUES (:orderId, :sequence, :payload, (SELECT trace_parent FROM provisioning_job WHERE order_id = :orderId))
					""")
			.param("orderId", event.orderId().value())
			.param("sequence", event.sequence())
			.param("payload", this.serializer.encode(StatusEventMapping.toStatusChanged(event)))
			.update();
	}

}
