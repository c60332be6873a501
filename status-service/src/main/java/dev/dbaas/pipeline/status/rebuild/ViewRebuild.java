package dev.dbaas.pipeline.status.rebuild;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.dbaas.pipeline.contract.kafka.PipelineTopics;
import dev.dbaas.pipeline.status.projection.ProjectionStore;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Service;

/**
 * Rebuilds the view from the topics: stops this instance's listeners, empties the view,
 * moves the consumer group's committed offsets to the beginning of both topics and starts
 * the listeners again, which then replay everything.
 *
 * <p>
 * Kafka only lets a group's offsets be changed while the group has no members, so every
 * other instance of the service must be stopped first (the reset fails otherwise, and the
 * listeners are restarted without having lost anything but the emptied view, which they
 * then fill only from new events: run the rebuild again once the others are down). One
 * rebuild at a time.
 */
@Service
public class ViewRebuild {

	private static final Logger log = LoggerFactory.getLogger(ViewRebuild.class);

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

	private final KafkaListenerEndpointRegistry listeners;

	private final ProjectionStore store;

	private final KafkaAdmin kafkaAdmin;

	private final PipelineTopics topics;

	private final String groupId;

	private final Clock clock;

	public ViewRebuild(KafkaListenerEndpointRegistry listeners, ProjectionStore store, KafkaAdmin kafkaAdmin,
			PipelineTopics topics, @Value("${spring.kafka.consumer.group-id}") String groupId, Clock clock) {
		this.listeners = listeners;
		this.store = store;
		this.kafkaAdmin = kafkaAdmin;
		this.topics = topics;
		this.groupId = groupId;
		this.clock = clock;
	}

	/**
	 * Runs the rebuild; returns once the listeners replay, not once they have caught up.
	 * @return what was reset
	 * @throws RebuildFailedException if the group's offsets cannot be reset
	 */
	public synchronized Rebuilt rebuild() {
		Instant started = this.clock.instant();
		Collection<MessageListenerContainer> containers = this.listeners.getListenerContainers();
		log.info("Rebuild: stopping {} listener containers", containers.size());
		try {
			awaitStopped(containers);
			// Reset first: it fails while other members are in the group, and then the
			// view
			// must stay as it is.
			Map<TopicPartition, Long> offsets = resetOffsets();
			this.store.clear();
			log.info("Rebuild: view emptied, group {} reset to the beginning of {} partitions", this.groupId,
					offsets.size());
			return new Rebuilt(this.groupId, offsets.size(), offsets.values().stream().mapToLong(Long::longValue).sum(),
					started);
		}
		finally {
			containers.forEach(MessageListenerContainer::start);
		}
	}

	private void awaitStopped(Collection<MessageListenerContainer> containers) {
		CountDownLatch stopped = new CountDownLatch(containers.size());
		containers.forEach((container) -> container.stop(stopped::countDown));
		try {
			if (!stopped.await(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new RebuildFailedException("the listeners did not stop within " + STOP_TIMEOUT, null);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new RebuildFailedException("interrupted while stopping the listeners", ex);
		}
	}

	private Map<TopicPartition, Long> resetOffsets() {
		List<String> names = List.of(this.topics.orderPlaced(), this.topics.orderStatus());
		try (Admin admin = Admin.create(this.kafkaAdmin.getConfigurationProperties())) {
			List<TopicPartition> partitions = admin.describeTopics(names)
				.allTopicNames()
				.get(30, TimeUnit.SECONDS)
				.values()
				.stream()
				.flatMap((topic) -> topic.partitions()
					.stream()
					.map((partition) -> new TopicPartition(topic.name(), partition.partition())))
				.toList();
			Map<TopicPartition, Long> earliest = admin
				.listOffsets(partitions.stream()
					.collect(Collectors.toMap(Function.identity(), (tp) -> OffsetSpec.earliest())))
				.all()
				.get(30, TimeUnit.SECONDS)
				.entrySet()
				.stream()
				.collect(Collectors.toMap(Map.Entry::getKey, (entry) -> entry.getValue().offset()));
			Map<TopicPartition, Long> latest = admin
				.listOffsets(
						partitions.stream().collect(Collectors.toMap(Function.identity(), (tp) -> OffsetSpec.latest())))
				.all()
				.get(30, TimeUnit.SECONDS)
				.entrySet()
				.stream()
				.collect(Collectors.toMap(Map.Entry::getKey, (entry) -> entry.getValue().offset()));
			admin
				.alterConsumerGroupOffsets(this.groupId,
						earliest.entrySet()
							.stream()
							.collect(Collectors.toMap(Map.Entry::getKey,
									(entry) -> new OffsetAndMetadata(entry.getValue()))))
				.all()
				.get(30, TimeUnit.SECONDS);
			return earliest.entrySet()
				.stream()
				.collect(Collectors.toMap(Map.Entry::getKey, (entry) -> latest.get(entry.getKey()) - entry.getValue()));
		}
		catch (ExecutionException ex) {
			throw new RebuildFailedException("cannot reset the offsets of group " + this.groupId
					+ " (are other instances of the service still running?)", ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new RebuildFailedException("Kafka did not answer in time", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new RebuildFailedException("interrupted", ex);
		}
	}

	/**
	 * A rebuild that started.
	 *
	 * @param groupId the consumer group reset
	 * @param partitions how many partitions it reads from the beginning again
	 * @param backlog how many records the partitions hold, i.e. the replay ahead
	 * @param startedAt when the rebuild started
	 */
	public record Rebuilt(String groupId, int partitions, long backlog, Instant startedAt) {

	}

	/** The rebuild could not reset the consumer group. */
	public static class RebuildFailedException extends RuntimeException {

		RebuildFailedException(String message, @org.jspecify.annotations.Nullable Throwable cause) {
			super(message, cause);
		}

	}

}
