package dev.dbaas.pipeline.status.projection;

import java.time.Clock;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code processed_event} from growing forever: forgets ids older than
 * {@code status.processed-events.retention} (default 30 days, longer than the topics keep
 * records), once an hour.
 */
@Component
class ProcessedEventRetention {

	private static final Logger log = LoggerFactory.getLogger(ProcessedEventRetention.class);

	private final ProjectionStore store;

	private final Clock clock;

	private final Duration retention;

	ProcessedEventRetention(ProjectionStore store, Clock clock,
			@Value("${status.processed-events.retention:30d}") Duration retention) {
		this.store = store;
		this.clock = clock;
		this.retention = retention;
	}

	@Scheduled(fixedDelayString = "${status.processed-events.prune-interval:1h}",
			initialDelayString = "${status.processed-events.prune-interval:1h}")
	void prune() {
		try {
			int forgotten = this.store.forgetProcessedBefore(this.clock.instant().minus(this.retention));
			if (forgotten > 0) {
				log.info("Forgot {} processed event ids older than {}", forgotten, this.retention);
			}
		}
		catch (RuntimeException ex) {
			log.warn("Cannot prune processed event ids: {}", ex.toString());
		}
	}

}
