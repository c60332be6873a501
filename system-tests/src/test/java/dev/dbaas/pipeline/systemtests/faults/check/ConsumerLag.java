package dev.dbaas.pipeline.systemtests.faults.check;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.dbaas.pipeline.schemas.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The consumer lag of the pipeline's consumer groups: records on their topics not yet
 * committed by the group. Not thread-safe; close it after use.
 */
public final class ConsumerLag implements AutoCloseable {

	/** Each consumer group and the topics it reads. */
	private static final Map<String, List<String>> GROUPS = Map.of("provisioner", List.of(Topics.ORDER_PLACED.name()),
			"status-service", List.of(Topics.ORDER_PLACED.name(), Topics.ORDER_STATUS.name()));

	private final Admin admin;

	public ConsumerLag(String bootstrapServers) {
		this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000", AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
				"5000"));
	}

	/**
	 * The sum over every group and partition of (end offset - committed offset); a
	 * partition the group never committed counts from its first offset.
	 * @return the total lag, or -1 if Kafka did not answer
	 */
	public long total() {
		try {
			List<String> topics = List.of(Topics.ORDER_PLACED.name(), Topics.ORDER_STATUS.name());
			Map<String, TopicDescription> descriptions = this.admin.describeTopics(topics)
				.allTopicNames()
				.get(5, TimeUnit.SECONDS);
			Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
			Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
			descriptions.values().forEach((description) -> description.partitions().forEach((partition) -> {
				TopicPartition tp = new TopicPartition(description.name(), partition.partition());
				latest.put(tp, OffsetSpec.latest());
				earliest.put(tp, OffsetSpec.earliest());
			}));
			Map<TopicPartition, Long> ends = offsets(latest);
			Map<TopicPartition, Long> starts = offsets(earliest);
			long lag = 0;
			for (Map.Entry<String, List<String>> group : GROUPS.entrySet()) {
				Map<TopicPartition, OffsetAndMetadata> committed = this.admin.listConsumerGroupOffsets(group.getKey())
					.partitionsToOffsetAndMetadata()
					.get(5, TimeUnit.SECONDS);
				for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
					if (!group.getValue().contains(end.getKey().topic())) {
						continue;
					}
					OffsetAndMetadata offset = committed.get(end.getKey());
					long position = (offset != null) ? offset.offset() : starts.get(end.getKey());
					lag += Math.max(0, end.getValue() - position);
				}
			}
			return lag;
		}
		catch (ExecutionException | TimeoutException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

	private Map<TopicPartition, Long> offsets(Map<TopicPartition, OffsetSpec> specs)
			throws InterruptedException, ExecutionException, TimeoutException {
		Map<TopicPartition, Long> offsets = new HashMap<>();
		this.admin.listOffsets(specs)
			.all()
			.get(5, TimeUnit.SECONDS)
			.forEach((partition, info) -> offsets.put(partition, info.offset()));
		return offsets;
	}

	@Override
	public void close() {
		this.admin.close();
	}

}
