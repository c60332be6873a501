package dev.dbaas.pipeline.bench;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaCountersTest {

	private static final TopicPartition PLACED_0 = new TopicPartition("dbaas.order.placed.v1", 0);

	private static final TopicPartition PLACED_1 = new TopicPartition("dbaas.order.placed.v1", 1);

	@Test
	void lagIsEndMinusCommittedOverThePipelinePartitionsTheGroupCommittedOn() {
		Map<TopicPartition, Long> ends = Map.of(PLACED_0, 100L, PLACED_1, 50L);
		Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
		committed.put(PLACED_0, new OffsetAndMetadata(90));
		committed.put(PLACED_1, null);
		committed.put(new TopicPartition("bench-baseline", 0), new OffsetAndMetadata(0));

		assertThat(KafkaCounters.lag(ends, committed)).isEqualTo(10);
	}

	@Test
	void aGroupAheadOfTheEndOffsetHasNoLag() {
		assertThat(KafkaCounters.lag(Map.of(PLACED_0, 100L), Map.of(PLACED_0, new OffsetAndMetadata(120)))).isZero();
	}

}
