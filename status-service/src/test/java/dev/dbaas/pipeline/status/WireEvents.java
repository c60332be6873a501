package dev.dbaas.pipeline.status;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.dbaas.pipeline.contract.kafka.PipelineTopics;
import dev.dbaas.pipeline.events.AcceptedDocument;
import dev.dbaas.pipeline.events.DatabaseType;
import dev.dbaas.pipeline.events.ExistingInvoiceProfile;
import dev.dbaas.pipeline.events.ObservedSettings;
import dev.dbaas.pipeline.events.OrderPlaced;
import dev.dbaas.pipeline.events.OrderStatusChanged;
import dev.dbaas.pipeline.events.OrderType;
import dev.dbaas.pipeline.schemas.AvroEventSerializer;
import dev.dbaas.pipeline.status.order.InstanceClaim;
import dev.dbaas.pipeline.status.order.OrderEvent;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Turns domain test events into the Avro wire events and publishes them (or raw poison
 * bytes) to the pipeline's topics, keyed by order id.
 */
public final class WireEvents implements AutoCloseable {

	private final KafkaProducer<String, Object> producer;

	private final PipelineTopics topics;

	public WireEvents(String bootstrapServers, PipelineTopics topics) {
		this.producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all",
						ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
						StringSerializer.class, ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, BytesOrAvro.class));
		this.topics = topics;
	}

	public static OrderPlaced toWire(OrderEvent.Placed event) {
		return OrderPlaced.newBuilder()
			.setEventId(event.eventId().toString())
			.setOccurredAt(event.occurredAt())
			.setOrderId(event.orderId().value())
			.setCustomerId(event.customerId())
			.setDatabaseType(DatabaseType.valueOf(event.details().databaseType()))
			.setDatabaseVersion(event.details().databaseVersion())
			.setNodeSize(event.details().nodeSize())
			.setStorageGb(event.details().storageGb())
			.setTrustedSources(event.details().trustedSources())
			.setRegion(event.details().region())
			.setInstanceId(named(event.instanceClaim()))
			.setInvoiceProfile(new ExistingInvoiceProfile("inv-1"))
			.setAcceptedDocuments(List.of(new AcceptedDocument("terms-of-service", "2025-01")))
			.setType(OrderType.valueOf(event.terms().type().name()))
			.setInstanceVersion(event.terms().instanceVersion())
			.setRequestedBy(event.terms().requestedBy())
			.setDeletionProtection(event.terms().deletionProtection())
			.setChanges(changes(event.terms().changes()))
			.build();
	}

	private static dev.dbaas.pipeline.events.InstanceChanges changes(
			dev.dbaas.pipeline.status.order.InstanceChanges changes) {
		return (changes != null) ? new dev.dbaas.pipeline.events.InstanceChanges(changes.storageGb(),
				changes.nodeSize(), changes.trustedSources(), changes.deletionProtection()) : null;
	}

	public static OrderStatusChanged toWire(OrderEvent.StatusChanged event) {
		return OrderStatusChanged.newBuilder()
			.setEventId(event.eventId().toString())
			.setOccurredAt(event.occurredAt())
			.setOrderId(event.orderId().value())
			.setCustomerId(event.customerId())
			.setStatus(dev.dbaas.pipeline.events.OrderStatus.valueOf(event.status().name()))
			.setSequence(event.sequence())
			.setStep(event.step())
			.setFailure((event.failure() != null)
					? new dev.dbaas.pipeline.events.Failure(event.failure().code(), event.failure().message()) : null)
			.setInstance((event.instance() != null)
					? new dev.dbaas.pipeline.events.Instance(event.instance().host(), event.instance().port(),
							DatabaseType.MARIADB, "10.11", event.instance().sslMode(), event.instance().caCertificate())
					: null)
			.setInstanceId(named(event.instanceClaim()))
			.setCredentials((event.credentials() != null) ? new dev.dbaas.pipeline.events.SealedCredentials(
					event.credentials().keyId(), event.credentials().sealed()) : null)
			.setOrderType(
					(event.report().orderType() != null) ? OrderType.valueOf(event.report().orderType().name()) : null)
			.setInstanceUsable(event.report().instanceUsable())
			.setObserved((event.report().observed() != null)
					? new ObservedSettings(event.report().observed().nodeSize(), event.report().observed().storageGb(),
							event.report().observed().trustedSources(), event.report().observed().interruptionMillis())
					: null)
			.build();
	}

	/** Only a named instance id travels; a derived one is what readers derive anyway. */
	private static String named(InstanceClaim claim) {
		return (claim != null && claim.named()) ? claim.instanceId().value() : null;
	}

	/**
	 * Publishes events in the given order, each to its topic.
	 * @param events domain events
	 */
	public void publish(List<? extends OrderEvent> events) {
		for (OrderEvent event : events) {
			if (event instanceof OrderEvent.Placed placed) {
				send(this.topics.orderPlaced(), placed.orderId().value(), toWire(placed));
			}
			else {
				OrderEvent.StatusChanged changed = (OrderEvent.StatusChanged) event;
				send(this.topics.orderStatus(), changed.orderId().value(), toWire(changed));
			}
		}
		flush();
	}

	public void publish(OrderEvent... events) {
		publish(List.of(events));
	}

	/**
	 * Sends a record without flushing.
	 * @param topic the topic
	 * @param key the key
	 * @param value an Avro event or raw bytes
	 */
	public void send(String topic, String key, Object value) {
		this.producer.send(new ProducerRecord<>(topic, key, value));
	}

	public void flush() {
		this.producer.flush();
	}

	@Override
	public void close() {
		this.producer.close(Duration.ofSeconds(5));
	}

	/** Raw bytes pass through; Avro events are single-object encoded. */
	public static class BytesOrAvro implements Serializer<Object> {

		private final AvroEventSerializer avro = new AvroEventSerializer();

		@Override
		public byte[] serialize(String topic, Object data) {
			return (data instanceof byte[] raw) ? raw : this.avro.serialize(topic, (SpecificRecord) data);
		}

	}

}
