package dev.dbaas.pipeline.bench;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Recorder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Raw Kafka on the stack's broker, with records the size of an encoded
 * {@code OrderPlaced}, the way Kafka's {@code ProducerPerformance} and
 * {@code ConsumerPerformance} measure: a producer sending as fast as it can with
 * {@code acks=all} and idempotence (as the outbox relays do), a consumer reading it all
 * back, and produce-to-consume latency at a fixed rate.
 */
final class KafkaBaselines implements AutoCloseable {

	private static final int PARTITIONS = 6;

	private final String bootstrapServers;

	private final String topic = "bench.baseline." + UUID.randomUUID().toString().substring(0, 8);

	private final Admin admin;

	KafkaBaselines(String bootstrapServers) throws Exception {
		this.bootstrapServers = bootstrapServers;
		this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
		this.admin.createTopics(List.of(new NewTopic(this.topic, PARTITIONS, (short) 1)))
			.all()
			.get(30, TimeUnit.SECONDS);
	}

	/**
	 * Sends records as fast as the producer takes them.
	 * @param records how many
	 * @param payload record value
	 * @return records per second, and send-to-acknowledgement latency
	 */
	Rate produce(int records, byte[] payload) throws InterruptedException {
		Recorder latency = new Recorder(3);
		AtomicLong failed = new AtomicLong();
		long started = System.nanoTime();
		try (KafkaProducer<byte[], byte[]> producer = producer(5)) {
			for (int i = 0; i < records; i++) {
				long sent = System.nanoTime();
				producer.send(new ProducerRecord<>(this.topic, key(i), payload), (metadata, error) -> {
					if (error != null) {
						failed.incrementAndGet();
					}
					latency.recordValue(Math.max(1, (System.nanoTime() - sent) / 1000));
				});
			}
			producer.flush();
		}
		double seconds = (System.nanoTime() - started) / 1e9;
		return new Rate(records / seconds, LatencySummary.ofMicros(latency.getIntervalHistogram()), failed.get());
	}

	/**
	 * Reads the topic from the beginning until {@code records} records arrived.
	 * @param records how many to expect
	 * @return records per second
	 */
	double consume(long records) {
		try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
			List<TopicPartition> partitions = partitions();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			long read = 0;
			long started = System.nanoTime();
			long deadline = started + TimeUnit.SECONDS.toNanos(120);
			while (read < records && System.nanoTime() < deadline) {
				read += consumer.poll(Duration.ofMillis(100)).count();
			}
			return read / ((System.nanoTime() - started) / 1e9);
		}
	}

	/**
	 * Produce-to-consume latency at a constant rate, measured from the intended send
	 * time.
	 * @param perSecond records per second
	 * @param duration how long to send
	 * @param payload record value
	 * @return the achieved rate and the latency
	 */
	Rate endToEnd(double perSecond, Duration duration, byte[] payload) throws InterruptedException {
		Recorder latency = new Recorder(3);
		AtomicLong received = new AtomicLong();
		AtomicBoolean reading = new AtomicBoolean(true);
		RateSchedule schedule = new RateSchedule(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500), perSecond);
		long total = schedule.requestsWithin(duration);
		List<TopicPartition> partitions = partitions();
		KafkaConsumer<byte[], byte[]> consumer = consumer();
		consumer.assign(partitions);
		consumer.seekToEnd(partitions);
		partitions.forEach(consumer::position);
		Thread reader = new Thread(() -> {
			try (consumer) {
				while (reading.get() && received.get() < total) {
					for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(50))) {
						long intended = ByteBuffer.wrap(record.key()).getLong();
						latency.recordValue(Math.max(1, (System.nanoTime() - intended) / 1000));
						received.incrementAndGet();
					}
				}
			}
		}, "bench-kafka-reader");
		reader.setDaemon(true);
		reader.start();
		try (KafkaProducer<byte[], byte[]> producer = producer(0)) {
			for (long n = 0; n < total; n++) {
				long intended = schedule.intendedNanos(n);
				long now;
				while ((now = System.nanoTime()) < intended) {
					LockSupport.parkNanos(intended - now);
				}
				producer
					.send(new ProducerRecord<>(this.topic, ByteBuffer.allocate(8).putLong(intended).array(), payload));
			}
			producer.flush();
		}
		reader.join(TimeUnit.SECONDS.toMillis(30));
		reading.set(false);
		double seconds = (System.nanoTime() - schedule.startNanos()) / 1e9;
		return new Rate(received.get() / seconds, LatencySummary.ofMicros(latency.getIntervalHistogram()),
				total - received.get());
	}

	private List<TopicPartition> partitions() {
		List<TopicPartition> partitions = new ArrayList<>();
		for (int p = 0; p < PARTITIONS; p++) {
			partitions.add(new TopicPartition(this.topic, p));
		}
		return partitions;
	}

	private static byte[] key(long n) {
		return ByteBuffer.allocate(8).putLong(n).array();
	}

	private KafkaProducer<byte[], byte[]> producer(int lingerMs) {
		return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers,
				ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
				ProducerConfig.LINGER_MS_CONFIG, lingerMs, ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
				ByteArraySerializer.class, ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
	}

	private KafkaConsumer<byte[], byte[]> consumer() {
		return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers,
				ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10,
				ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000, ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
				ByteArrayDeserializer.class, ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
				ByteArrayDeserializer.class));
	}

	@Override
	public void close() {
		try {
			this.admin.deleteTopics(Set.of(this.topic)).all().get(30, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			System.err.println("bench: could not delete " + this.topic + ": " + ex.getMessage());
		}
		this.admin.close();
	}

	/**
	 * A rate and its latency.
	 *
	 * @param perSecond records per second
	 * @param latency per-record latency
	 * @param failed records that failed or never arrived
	 */
	record Rate(double perSecond, LatencySummary latency, long failed) {

	}

}
