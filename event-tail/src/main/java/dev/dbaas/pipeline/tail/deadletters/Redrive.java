package dev.dbaas.pipeline.tail.deadletters;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.dbaas.pipeline.tail.KafkaClientSettings;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;

/**
 * Re-publishes dead letters to the topic they came from: the same key, the same value
 * bytes (so the event keeps its id and consumers absorb the second delivery as they
 * absorb any duplicate), the original headers (trace context, event id) without the
 * dead-letter ones, and a {@link #REDRIVEN_FROM} header naming the dead letter. The key
 * picks the partition as it does for the services' producers, so the record lands where
 * the key's newer records are. The producer is idempotent with {@code acks=all}: a retry
 * never writes a record twice.
 *
 * <p>
 * Not thread-safe.
 */
public final class Redrive implements AutoCloseable {

	/**
	 * On a re-driven record: the dead letter it was re-driven from,
	 * {@code topic-partition@offset}, e.g. {@code dbaas.order.placed.v1.dlt-3@12}.
	 */
	public static final String REDRIVEN_FROM = "pipeline_redriven-from";

	/** On a re-driven record: when it was re-driven, ISO-8601. */
	public static final String REDRIVEN_AT = "pipeline_redriven-at";

	/**
	 * Headers a re-driven record does not carry over: spring-kafka's dead-letter and
	 * deserializer headers, the pipeline's reason and an earlier re-drive's.
	 */
	private static final List<String> DROPPED_PREFIXES = List.of("kafka_dlt-", "pipeline_dlt-", "pipeline_redriven-",
			"springdeserializerexception");

	private static final Duration SEND_TIMEOUT = Duration.ofSeconds(60);

	private final Producer<String, byte[]> producer;

	private final Clock clock;

	Redrive(Producer<String, byte[]> producer, Clock clock) {
		this.producer = producer;
		this.clock = clock;
	}

	/**
	 * Creates a re-drive with a producer of its own.
	 * @param kafka how to reach Kafka
	 * @return the re-drive; close it
	 */
	public static Redrive connect(KafkaClientSettings kafka) {
		return new Redrive(new KafkaProducer<>(producerProperties(kafka)), Clock.systemUTC());
	}

	static Map<String, Object> producerProperties(KafkaClientSettings kafka) {
		Map<String, Object> properties = kafka.clientProperties();
		properties.put(ProducerConfig.CLIENT_ID_CONFIG, "event-tail-redrive");
		properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		properties.put(ProducerConfig.ACKS_CONFIG, "all");
		properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
		properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
		properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000);
		return properties;
	}

	/**
	 * Why a dead letter may not be re-driven.
	 * @param letter the dead letter
	 * @param payload what its value is under the current schemas
	 * @param force {@code true} to re-drive a value that does not decode (or decodes to
	 * something consumers refuse) anyway
	 * @return the reason, or {@code null} if it may be re-driven
	 */
	public static @Nullable String refusalOf(DeadLetter letter, Payload payload, boolean force) {
		if (letter.source() == null) {
			return "it has no kafka_dlt-original-topic/-partition/-offset headers, so where it came from is unknown";
		}
		if (force) {
			return null;
		}
		if (payload instanceof Payload.Undecodable undecodable) {
			return "it still does not decode under the current schemas: " + undecodable.message();
		}
		if (payload instanceof Payload.Decoded decoded && decoded.refusal() != null) {
			return "it " + decoded.refusal();
		}
		return null;
	}

	/**
	 * The record a dead letter is re-driven as.
	 * @param letter a dead letter with a source
	 * @return the record for its source topic
	 */
	ProducerRecord<String, byte[]> recordOf(DeadLetter letter) {
		SourcePosition source = letter.source();
		if (source == null) {
			throw new IllegalArgumentException(letter.position() + " has no source topic");
		}
		List<Header> headers = new ArrayList<>();
		for (Header header : letter.headers()) {
			String name = header.key().toLowerCase(Locale.ROOT);
			if (DROPPED_PREFIXES.stream().noneMatch(name::startsWith)) {
				headers.add(header);
			}
		}
		headers.add(new RecordHeader(REDRIVEN_FROM, letter.position().toString().getBytes(StandardCharsets.UTF_8)));
		headers.add(new RecordHeader(REDRIVEN_AT, this.clock.instant().toString().getBytes(StandardCharsets.UTF_8)));
		return new ProducerRecord<>(source.position().topic(), null, null, letter.key(), letter.value(), headers);
	}

	/**
	 * Re-publishes dead letters, in the order given, and waits until the broker has every
	 * one.
	 * @param letters dead letters with a source, checked with {@link #refusalOf}
	 * @return where each was written, in the same order
	 * @throws RedriveFailed naming those that were written before one failed
	 */
	public List<RecordPosition> publish(List<DeadLetter> letters) {
		List<Future<RecordMetadata>> sent = new ArrayList<>();
		List<RecordPosition> written = new ArrayList<>();
		try {
			for (DeadLetter letter : letters) {
				sent.add(this.producer.send(recordOf(letter)));
			}
			this.producer.flush();
			for (Future<RecordMetadata> future : sent) {
				RecordMetadata metadata = future.get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
				written.add(new RecordPosition(metadata.topic(), metadata.partition(), metadata.offset()));
			}
			return written;
		}
		catch (ExecutionException ex) {
			throw new RedriveFailed(written, letters, ex.getCause());
		}
		catch (TimeoutException | KafkaException ex) {
			throw new RedriveFailed(written, letters, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new RedriveFailed(written, letters, ex);
		}
	}

	@Override
	public void close() {
		this.producer.close(Duration.ofSeconds(10));
	}

	/**
	 * Publishing stopped part-way. Records after the first failure may or may not have
	 * been written; the idempotent producer wrote none twice.
	 */
	public static final class RedriveFailed extends RuntimeException {

		private final List<RecordPosition> written;

		private final List<DeadLetter> letters;

		RedriveFailed(List<RecordPosition> written, List<DeadLetter> letters, Throwable cause) {
			super(cause.getMessage(), cause);
			this.written = List.copyOf(written);
			this.letters = List.copyOf(letters);
		}

		/**
		 * The records known to be written, in the order of {@link #letters()}.
		 * @return their positions on the source topic
		 */
		public List<RecordPosition> written() {
			return this.written;
		}

		/**
		 * What was to be re-driven.
		 * @return the dead letters, in order
		 */
		public List<DeadLetter> letters() {
			return this.letters;
		}

	}

}
