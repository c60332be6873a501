package dev.dbaas.pipeline.contract.outbox;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.mock.MockProducerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The partial acknowledgement of a batch, against a mock producer whose flush completes
 * the sends as the broker would: some acknowledged, some failed.
 */
class BatchSendTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	@Test
	void reportsAWholeBatchAcknowledged() {
		ScriptedProducer producer = new ScriptedProducer(null, null, null);

		BatchSend.Outcome outcome = BatchSend.send(template(producer), records(3), TIMEOUT);

		assertThat(outcome.complete()).isTrue();
		assertThat(outcome.acknowledgedCount()).isEqualTo(3);
		assertThat(outcome.acknowledgedPrefix()).isEqualTo(3);
		assertThat(outcome.failure()).isNull();
		assertThat(outcome.producerFailedFatally()).isFalse();
		outcome.requireComplete("rows");
	}

	@Test
	void tellsWhichRecordsWereAcknowledgedWhenOneInTheMiddleFailed() {
		ScriptedProducer producer = new ScriptedProducer(null, new NotLeaderOrFollowerException("moved"), null);

		BatchSend.Outcome outcome = BatchSend.send(template(producer), records(3), TIMEOUT);

		assertThat(outcome.complete()).isFalse();
		assertThat(IntStream.range(0, 3).mapToObj(outcome::acknowledged)).containsExactly(true, false, true);
		assertThat(outcome.acknowledgedCount()).isEqualTo(2);
		assertThat(outcome.acknowledgedPrefix()).isEqualTo(1);
		assertThat(outcome.producerFailedFatally()).as("a retriable error keeps the producer").isFalse();
		assertThatExceptionOfType(BatchSend.NotAcknowledgedException.class)
			.isThrownBy(() -> outcome.requireComplete("status events"))
			.withMessageContaining("batch of status events (2 of 3 acknowledged)");
	}

	@Test
	void callsAFencedProducerAFatalFailure() {
		ScriptedProducer producer = new ScriptedProducer(new ProducerFencedException("fenced"), null);

		BatchSend.Outcome outcome = BatchSend.send(template(producer), records(2), TIMEOUT);

		assertThat(outcome.acknowledgedPrefix()).isZero();
		assertThat(outcome.acknowledged(1)).isTrue();
		assertThat(outcome.producerFailedFatally()).isTrue();
	}

	@Test
	void stopsAtTheFirstRecordTheProducerRefusesAtOnce() {
		ScriptedProducer producer = new ScriptedProducer(null, null, null);
		producer.refuseFrom = 1;

		BatchSend.Outcome outcome = BatchSend.send(template(producer), records(3), TIMEOUT);

		assertThat(producer.history()).hasSize(1);
		assertThat(IntStream.range(0, 3).mapToObj(outcome::acknowledged)).containsExactly(true, false, false);
		assertThat(outcome.failure()).hasMessageContaining("max.block.ms");
	}

	private static KafkaTemplate<String, String> template(MockProducer<String, String> producer) {
		return new KafkaTemplate<>(new MockProducerFactory<>(() -> producer));
	}

	private static List<ProducerRecord<String, String>> records(int count) {
		return IntStream.range(0, count).mapToObj((i) -> new ProducerRecord<>("t", 0, "k" + i, "v" + i)).toList();
	}

	/**
	 * Completes the pending sends on flush, each as scripted: acknowledged for
	 * {@code null}, failed with the given exception otherwise.
	 */
	static final class ScriptedProducer extends MockProducer<String, String> {

		private final RuntimeException[] script;

		int refuseFrom = Integer.MAX_VALUE;

		private int sent;

		ScriptedProducer(RuntimeException... script) {
			super(false, null, new StringSerializer(), new StringSerializer());
			this.script = script;
		}

		@Override
		public synchronized java.util.concurrent.Future<org.apache.kafka.clients.producer.RecordMetadata> send(
				ProducerRecord<String, String> record, org.apache.kafka.clients.producer.Callback callback) {
			if (this.sent++ >= this.refuseFrom) {
				throw new org.apache.kafka.common.errors.TimeoutException("max.block.ms ran out");
			}
			return super.send(record, callback);
		}

		@Override
		public synchronized void flush() {
			for (RuntimeException outcome : this.script) {
				if (outcome == null) {
					if (!completeNext()) {
						return;
					}
				}
				else if (!errorNext(outcome)) {
					return;
				}
			}
		}

	}

}
