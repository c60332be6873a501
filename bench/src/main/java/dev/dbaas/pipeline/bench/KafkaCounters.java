package dev.dbaas.pipeline.bench;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.dbaas.pipeline.schemas.TopicSpec;
import dev.dbaas.pipeline.schemas.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;

/**
 * The broker's own view of the pipeline's topics: the end offset of each topic (the
 * records appended to it so far; the pipeline's producers are not transactional, so there
 * are no commit markers among them) and how far the consumer groups lag behind. Works the
 * same against the bench's own stack and a running launcher.
 *
 * <p>
 * Thread-safe (the admin client is); {@link #close()} closes the client.
 */
final class KafkaCounters implements AutoCloseable {

	private static final long TIMEOUT_SECONDS = 10;

	private final Admin admin;

	private final List<String> topics;

	KafkaCounters(String bootstrapServers) {
		this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				AdminClientConfig.CLIENT_ID_CONFIG, "bench-counters"));
		this.topics = Topics.all().stream().map(TopicSpec::name).toList();
	}

	/**
	 * The sum of the partitions' end offsets of each pipeline topic.
	 * @return records appended so far, by topic
	 */
	Map<String, Long> endOffsets() throws InterruptedException, ExecutionException, TimeoutException {
		Map<TopicPartition, Long> ends = endOffsetsByPartition();
		Map<String, Long> byTopic = new LinkedHashMap<>();
		this.topics.forEach((topic) -> byTopic.put(topic, 0L));
		ends.forEach((partition, offset) -> byTopic.merge(partition.topic(), offset, Long::sum));
		return byTopic;
	}

	/**
	 * Records of the pipeline topics not yet committed by a consumer group, over all
	 * groups that read them and have members (a group left behind, e.g. the view's group
	 * before a rebuild, lags for ever and is no backlog).
	 * @return the total lag
	 */
	long consumerLag() throws InterruptedException, ExecutionException, TimeoutException {
		Map<TopicPartition, Long> ends = endOffsetsByPartition();
		long lag = 0;
		for (GroupListing group : this.admin.listGroups(ListGroupsOptions.forConsumerGroups())
			.all()
			.get(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
			if (group.groupState()
				.map((state) -> state == GroupState.EMPTY || state == GroupState.DEAD)
				.orElse(false)) {
				continue;
			}
			Map<TopicPartition, OffsetAndMetadata> committed = this.admin.listConsumerGroupOffsets(group.groupId())
				.partitionsToOffsetAndMetadata()
				.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
			lag += lag(ends, committed);
		}
		return lag;
	}

	/**
	 * The lag of one group: for every pipeline partition the group has committed on, the
	 * end offset minus the committed offset.
	 * @param ends end offsets of the pipeline partitions
	 * @param committed the group's committed offsets (any topic; a {@code null} value is
	 * a partition without commit)
	 * @return records not yet consumed
	 */
	static long lag(Map<TopicPartition, Long> ends, Map<TopicPartition, OffsetAndMetadata> committed) {
		long lag = 0;
		for (Map.Entry<TopicPartition, OffsetAndMetadata> entry : committed.entrySet()) {
			Long end = ends.get(entry.getKey());
			if (end != null && entry.getValue() != null) {
				lag += Math.max(0, end - entry.getValue().offset());
			}
		}
		return lag;
	}

	private Map<TopicPartition, Long> endOffsetsByPartition()
			throws InterruptedException, ExecutionException, TimeoutException {
		Map<String, TopicDescription> described = this.admin.describeTopics(this.topics)
			.allTopicNames()
			.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
		Map<TopicPartition, OffsetSpec> request = new HashMap<>();
		described.values()
			.forEach((topic) -> topic.partitions()
				.forEach((p) -> request.put(new TopicPartition(topic.name(), p.partition()), OffsetSpec.latest())));
		Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> offsets = this.admin.listOffsets(request)
			.all()
			.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
		Map<TopicPartition, Long> ends = new HashMap<>();
		offsets.forEach((partition, info) -> ends.put(partition, info.offset()));
		return ends;
	}

	@Override
	public void close() {
		this.admin.close();
	}

}
